import rule from '../../../rules/os-upgrade/api-version.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'legacy-property.json',
      errors: [
        { messageId: 'legacyProperty', path: 'properties.upgradePolicy.automaticOSUpgrade', line: 26 },
      ],
    },
    {
      fixture: 'policy-before-2018-10.json',
      errors: [
        { messageId: 'tooOld', path: 'apiVersion', line: 16 },
        { ruleId: 'schema/property-api-version', messageId: 'later', path: 'properties.upgradePolicy.automaticOSUpgradePolicy', line: 26, severity: 'error' },
      ],
    },
  ],
});
