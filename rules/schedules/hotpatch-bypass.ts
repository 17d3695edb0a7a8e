import { isKnown } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'schedules/hotpatch-bypass',
  severity: 'error',
  requirements: ['CF3'],
  targets: ['virtualMachine', 'scaleSet'],
  summary: 'Hotpatch cannot be combined with bypassPlatformSafetyChecksOnUserSchedule',
  messages: {
    conflict:
      "enableHotpatching is true and bypassPlatformSafetyChecksOnUserSchedule is true: Azure rejects this ('Hotpatch updates require platform safety checks'); set bypassPlatformSafetyChecksOnUserSchedule to false, or turn hotpatch off to patch on your own schedule",
  },
  check(target, context) {
    const profile = target.osProfile;
    const bypass = profile.bypassPlatformSafetyChecksOnUserSchedule;
    const hotpatch = profile.enableHotpatching;
    if (!isKnown(bypass) || bypass.value !== true || !isKnown(hotpatch) || hotpatch.value !== true) return;
    context.report({ path: bypass.path, messageId: 'conflict' });
  },
});
