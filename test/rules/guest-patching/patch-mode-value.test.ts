import rule from '../../../rules/guest-patching/patch-mode-value.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'linux-automatic-by-os.json',
      errors: [{ messageId: 'otherOs', path: 'properties.osProfile.linuxConfiguration.patchSettings.patchMode', line: 29 }],
    },
    {
      fixture: 'windows-misspelled.json',
      errors: [{ messageId: 'invalid', path: 'properties.osProfile.windowsConfiguration.patchSettings.patchMode', line: 29 }],
    },
  ],
});
