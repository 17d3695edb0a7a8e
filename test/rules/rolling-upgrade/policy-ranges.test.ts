import rule from '../../../rules/rolling-upgrade/policy-ranges.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'flexible-rollback.json',
      errors: [{ messageId: 'rollbackUniformOnly', path: 'properties.upgradePolicy.rollingUpgradePolicy.rollbackFailedInstancesOnPolicyBreach', line: 29 }],
    },
    {
      fixture: 'large-batch-auto-upgrade.json',
      errors: [{ messageId: 'largeBatch', path: 'properties.upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent', line: 68, severity: 'warning' }],
    },
    {
      fixture: 'out-of-range.json',
      errors: [
        { messageId: 'outOfRange', path: 'properties.upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent', line: 68 },
        { messageId: 'outOfRange', path: 'properties.upgradePolicy.rollingUpgradePolicy.maxUnhealthyInstancePercent', line: 69 },
        { messageId: 'outOfRange', path: 'properties.upgradePolicy.rollingUpgradePolicy.maxUnhealthyUpgradedInstancePercent', line: 70 },
        { messageId: 'duration', path: 'properties.upgradePolicy.rollingUpgradePolicy.pauseTimeBetweenBatches', line: 71 },
      ],
    },
  ],
});
