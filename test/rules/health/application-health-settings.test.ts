import rule from '../../../rules/health/application-health-settings.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
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
