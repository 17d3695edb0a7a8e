import rule from '../../../rules/os-upgrade/service-fabric-durability.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    // The extension does not write durabilityLevel; the cluster's node type is Bronze (OU13).
    {
      fixture: 'bronze-node-type.json',
      errors: [
        { messageId: 'bronzeNodeType', path: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.settings.durabilityLevel', line: 114 },
      ],
    },
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
