import { isKnown } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { autoOsUpgradeOn, isFlexible, isPlatformPatched } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'orchestration/automatic-os-upgrade',
  severity: 'error',
  requirements: ['CF4'],
  targets: ['scaleSet'],
  summary: 'Automatic OS image upgrade: not with patchMode AutomaticByPlatform, Uniform orchestration, never with MaxSurge on Flexible',
  messages: {
    platformPatching:
      'automatic OS image upgrade is not supported when the scale-set model sets patchMode AutomaticByPlatform: choose one update mechanism (remove patchMode, or turn automatic OS image upgrade off)',
    flexibleMaxSurge:
      'automatic OS image upgrade together with rollingUpgradePolicy.maxSurge is not supported on Flexible scale sets: set maxSurge to false or turn automatic OS image upgrade off',
    flexible:
      'automatic OS image upgrade is documented for Uniform orchestration only (the orchestration-mode comparison lists it as not supported on Flexible): check that it works for this scale set, or use Uniform orchestration',
  },
  check(scaleSet, context) {
    if (!autoOsUpgradeOn(scaleSet)) return;
    const profile = scaleSet.osProfile;
    if (profile.patchMode.explicit && isKnown(profile.patchMode) && isPlatformPatched(profile)) {
      context.report({ path: profile.patchMode.path, messageId: 'platformPatching' });
    }
    if (!isFlexible(scaleSet)) return;
    const maxSurge = scaleSet.rollingUpgradePolicy.maxSurge;
    if (isKnown(maxSurge) && maxSurge.value === true) {
      context.report({
        path: maxSurge.path,
        messageId: 'flexibleMaxSurge',
      });
    } else {
      // Sources disagree (S8 comparison: not supported; S5: only the MaxSurge combination): a warning.
      context.report({ path: scaleSet.enableAutomaticOSUpgrade.path, messageId: 'flexible', severity: 'warning' });
    }
  },
});
