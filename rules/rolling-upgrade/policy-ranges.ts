import { isKnown, type Field } from '../../src/model/field.js';
import { parseIsoDuration } from '../../src/catalog/durations.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { autoOsUpgradeOn, isFlexible } from '../../src/model/facts/index.js';

const RANGES: Array<{ key: 'maxBatchInstancePercent' | 'maxUnhealthyInstancePercent' | 'maxUnhealthyUpgradedInstancePercent'; min: number; max: number }> = [
  { key: 'maxBatchInstancePercent', min: 5, max: 100 },
  { key: 'maxUnhealthyInstancePercent', min: 5, max: 100 },
  { key: 'maxUnhealthyUpgradedInstancePercent', min: 0, max: 100 },
];

export default defineRule({
  id: 'rolling-upgrade/policy-ranges',
  severity: 'error',
  requirements: ['CF7', 'OU10'],
  targets: ['scaleSet'],
  summary: 'rollingUpgradePolicy values within their ranges; Uniform-only settings; batches above the 20% default with automatic OS upgrade (a warning)',
  messages: {
    outOfRange: 'rollingUpgradePolicy.{{property}} is {{value}}: it must be an integer from {{min}} to {{max}}',
    duration: "rollingUpgradePolicy.pauseTimeBetweenBatches '{{value}}' is not an ISO 8601 duration: write e.g. PT0S, PT30S or PT5M",
    rollbackUniformOnly:
      'rollingUpgradePolicy.rollbackFailedInstancesOnPolicyBreach applies to Uniform orchestration only: remove it from this Flexible scale set',
    largeBatch:
      'automatic OS image upgrade uses the rolling upgrade policy: maxBatchInstancePercent {{value}} is allowed (20% is the documented default, not a limit), but each batch then upgrades more instances, so a bad image reaches more of them before the health gates stop it; consider 20 or less',
  },
  messageRequirements: { largeBatch: ['OU10'] },
  check(scaleSet, context) {
    const policy = scaleSet.rollingUpgradePolicy;
    for (const { key, min, max } of RANGES) {
      const field = policy[key];
      if (!field.explicit || !isKnown(field)) continue;
      if (!Number.isInteger(field.value) || field.value < min || field.value > max) {
        context.report({ path: field.path, messageId: 'outOfRange', data: { property: key, value: field.value, min, max } });
      }
    }
    const pause = policy.pauseTimeBetweenBatches;
    if (pause.explicit && isKnown(pause) && !parseIsoDuration(pause.value, { strict: true })) {
      context.report({ path: pause.path, messageId: 'duration', data: { value: pause.value } });
    }
    const rollback = policy.rollbackFailedInstancesOnPolicyBreach;
    if (isFlexible(scaleSet) && isKnown(rollback) && rollback.value === true) {
      context.report({ path: rollback.path, messageId: 'rollbackUniformOnly' });
    }
    reportLargeBatch(policy.maxBatchInstancePercent, autoOsUpgradeOn(scaleSet), context);
  },
});

function reportLargeBatch(field: Field<number>, autoUpgrade: boolean, context: RuleContext): void {
  if (!autoUpgrade || !field.explicit || !isKnown(field) || field.value <= 20 || field.value > 100) return;
  context.report({ path: field.path, messageId: 'largeBatch', severity: 'warning', data: { value: field.value } });
}
