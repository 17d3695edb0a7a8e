import rule from '../../../rules/extensions/auto-upgrade-minor-version.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'vm-extension-resource.json',
      errors: [{ messageId: 'minorOff', path: 'properties.enableAutomaticUpgrade', line: 64, fix: true }],
    },
  ],
});
