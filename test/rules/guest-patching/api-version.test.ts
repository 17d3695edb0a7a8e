import rule from '../../../rules/guest-patching/api-version.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'windows-2020-06-01.json',
      errors: [{ messageId: 'limited', path: 'apiVersion', line: 16 }],
    },
  ],
});
