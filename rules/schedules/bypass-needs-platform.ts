import { fieldIs, isKnown } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { isFlexible } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'schedules/bypass-needs-platform',
  severity: 'error',
  requirements: ['CF2'],
  targets: ['virtualMachine', 'scaleSet'],
  summary: 'bypassPlatformSafetyChecksOnUserSchedule needs patchMode AutomaticByPlatform',
  messages: {
    needsPlatform:
      "bypassPlatformSafetyChecksOnUserSchedule is true, but patchMode is '{{mode}}'{{default}}: Customer Managed Schedules need patchMode AutomaticByPlatform, otherwise neither Azure nor a schedule patches the VM; set patchMode to AutomaticByPlatform or remove the flag",
  },
  check(target, context) {
    const profile = target.osProfile;
    const bypass = profile.bypassPlatformSafetyChecksOnUserSchedule;
    // patchMode applies to VMs and Flexible scale sets only (CF5): on a Uniform scale set (or one whose
    // orchestration is not known) AutomaticByPlatform is no remedy, and orchestration/uniform-guest-patching speaks.
    if (target.kind === 'scaleSet' && !isFlexible(target)) return;
    if (!isKnown(bypass) || bypass.value !== true || !isKnown(profile.patchMode) || fieldIs(profile.patchMode, 'AutomaticByPlatform')) return;
    context.report({
      path: profile.patchMode.explicit ? profile.patchMode.path : bypass.path,
      messageId: 'needsPlatform',
      data: { mode: profile.patchMode.value, default: profile.patchMode.explicit ? '' : ' (omitted, the default)' },
    });
  },
});
