import rule from '../../../rules/hotpatch/uniform-scale-set.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'hotpatch-enabled.json',
      errors: [
        {
          ruleId: 'orchestration/uniform-guest-patching',
          messageId: 'uniform',
          path: 'properties.virtualMachineProfile.osProfile.windowsConfiguration.patchSettings.patchMode',
          line: 32,
          severity: 'warning',
        },
        { messageId: 'uniformHotpatch', path: 'properties.virtualMachineProfile.osProfile.windowsConfiguration.patchSettings.enableHotpatching', line: 33 },
      ],
    },
    {
      fixture: 'hotpatch-sku.json',
      errors: [
        { messageId: 'uniformHotpatchImage', path: 'properties.virtualMachineProfile.storageProfile.imageReference.sku', line: 38, severity: 'warning' },
      ],
    },
  ],
});
