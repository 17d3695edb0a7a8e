import rule from '../../../rules/hotpatch/patch-mode.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'automatic-by-os.json',
      errors: [{ messageId: 'needsPlatform', path: 'properties.osProfile.windowsConfiguration.patchSettings.patchMode', line: 27 }],
    },
  ],
});
