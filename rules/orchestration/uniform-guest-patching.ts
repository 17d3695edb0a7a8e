import { isKnown } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { autoOsUpgradeOn, isPlatformPatched, isUniform } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'orchestration/uniform-guest-patching',
  severity: 'warning',
  requirements: ['CF5'],
  targets: ['scaleSet'],
  summary: 'patchMode AutomaticByPlatform on a scale set applies to Flexible orchestration only',
  messages: {
    uniform:
      'patchMode AutomaticByPlatform is not supported on Uniform scale sets: the API applies it to VMs and Flexible scale sets only (Uniform instances are not guest-patched by the platform); keep Uniform instances current with automatic OS image upgrade, or use Flexible orchestration',
  },
  check(scaleSet, context) {
    const profile = scaleSet.osProfile;
    if (!isUniform(scaleSet) || !profile.patchMode.explicit || !isKnown(profile.patchMode) || !isPlatformPatched(profile)) return;
    // With automatic OS image upgrade on, orchestration/automatic-os-upgrade reports the combination as an error.
    if (autoOsUpgradeOn(scaleSet)) return;
    context.report({ path: profile.patchMode.path, messageId: 'uniform' });
  },
});
