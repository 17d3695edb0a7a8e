import rule from '../../../rules/extensions/automatic-upgrade-supported.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'custom-script.json',
      errors: [{ messageId: 'unsupported', path: 'properties.enableAutomaticUpgrade', line: 65 }],
    },
  ],
});
