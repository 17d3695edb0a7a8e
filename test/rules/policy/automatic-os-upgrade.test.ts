import rule from '../../../rules/policy/automatic-os-upgrade.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'manual-upgrade.json',
      preset: 'strict',
      errors: [
        { messageId: 'noAutomaticUpgrade', path: 'properties.upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade', line: 20, severity: 'warning' },
      ],
    },
  ],
});
