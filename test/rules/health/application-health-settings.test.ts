import rule from '../../../rules/health/application-health-settings.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    // A port out of range, and gracePeriod on version 1.0 (binary health states ignore it).
    {
      fixture: 'port-and-grace-period-v1.json',
      errors: [
        { messageId: 'port', path: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.settings.port', line: 86 },
        { messageId: 'gracePeriodV1', path: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.settings.gracePeriod', line: 87 },
      ],
    },
    {
      fixture: 'no-protocol.json',
      errors: [{ messageId: 'protocolMissing', path: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.settings', line: 84 }],
    },
    {
      fixture: 'bad-protocol.json',
      errors: [{ messageId: 'protocol', path: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.settings.protocol', line: 85 }],
    },
    {
      fixture: 'http-without-path.json',
      errors: [
        { messageId: 'version', path: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.typeHandlerVersion', line: 82 },
        { messageId: 'requestPathMissing', path: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.settings.protocol', line: 85 },
      ],
    },
    {
      fixture: 'tcp-with-request-path.json',
      errors: [
        { messageId: 'tcpPort', path: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.settings.protocol', line: 85 },
        {
          messageId: 'requestPathTcp',
          path: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.settings.requestPath',
          line: 86,
          fix: true,
        },
        { messageId: 'outOfRange', path: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.settings.intervalInSeconds', line: 87 },
        { messageId: 'outOfRange', path: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.settings.numberOfProbes', line: 88 },
        { messageId: 'outOfRange', path: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.settings.gracePeriod', line: 89 },
      ],
    },
  ],
});
