import rule from '../../../rules/orchestration/uniform-guest-patching.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'uniform-platform.json',
      errors: [{ messageId: 'uniform', path: 'properties.virtualMachineProfile.osProfile.linuxConfiguration.patchSettings.patchMode', line: 38 }],
    },
  ],
});
