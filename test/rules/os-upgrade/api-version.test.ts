import rule from '../../../rules/os-upgrade/api-version.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    // The 2017-12-01 preview object autoOSUpgradePolicy, beside the 2017-03-30 flag.
    {
      fixture: 'preview-policy.json',
      errors: [
        { messageId: 'legacyProperty', path: 'properties.upgradePolicy.automaticOSUpgrade', line: 26 },
        { messageId: 'previewPolicy', path: 'properties.upgradePolicy.autoOSUpgradePolicy', line: 27 },
      ],
    },
    {
      fixture: 'legacy-property.json',
      errors: [{ messageId: 'legacyProperty', path: 'properties.upgradePolicy.automaticOSUpgrade', line: 26 }],
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
