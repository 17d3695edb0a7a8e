import rule from '../../../rules/change/enable-automatic-updates-changed.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'change/after-platform-updates-on.json',
      baseline: 'change/before-manual.json',
      errors: [{ messageId: 'changed', path: 'properties.osProfile.windowsConfiguration.enableAutomaticUpdates', line: 28 }],
    },
  ],
});
