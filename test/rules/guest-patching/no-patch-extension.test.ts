import rule from '../../../rules/guest-patching/no-patch-extension.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'child-extension.json',
      errors: [{ messageId: 'declared', path: 'properties.type', line: 64 }],
    },
  ],
});
