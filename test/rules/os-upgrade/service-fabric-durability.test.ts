import rule from '../../../rules/os-upgrade/service-fabric-durability.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'bronze-old-extension.json',
      errors: [
        { messageId: 'oldExtension', path: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.typeHandlerVersion', line: 112 },
        { messageId: 'bronze', path: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.settings.durabilityLevel', line: 117 },
      ],
    },
    {
      fixture: 'cluster-mismatch.json',
      errors: [
        { messageId: 'mismatch', path: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.settings.durabilityLevel', line: 117 },
      ],
    },
  ],
});
