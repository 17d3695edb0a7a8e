import { fieldIs, isKnown } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { assignmentsFor, configurationOf, hotpatchOn, isInGuestPatch } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'schedules/schedule-prerequisites',
  severity: 'error',
  requirements: ['CF2', 'CF9'],
  targets: ['virtualMachine', 'scaleSet'],
  crossResource: true,
  summary:
    'A VM assigned an InGuestPatch maintenance configuration needs AutomaticByPlatform with bypassPlatformSafetyChecksOnUserSchedule; a scale set cannot be assigned one',
  fixable: true,
  messages: {
    notPlatform:
      "maintenance configuration '{{configuration}}' (InGuestPatch) is assigned to this VM, but its patchMode is '{{mode}}'{{default}}: the schedule does not run ('prerequisites for schedule patch aren't met'); set patchMode to AutomaticByPlatform and bypassPlatformSafetyChecksOnUserSchedule to true",
    noBypass:
      "maintenance configuration '{{configuration}}' (InGuestPatch) is assigned to this VM, but bypassPlatformSafetyChecksOnUserSchedule is {{state}}: the schedule does not run ('prerequisites for schedule patch aren't met'); set it to true",
    scaleSet:
      "maintenance configuration '{{configuration}}' (InGuestPatch) is assigned to this scale set, but InGuestPatch schedules patch VMs and Arc-enabled servers only: the schedule never patches it; assign the configuration to the VMs of a Flexible scale set, or use automatic OS image upgrade for a Uniform one",
  },
  check(target, context) {
    const { known } = assignmentsFor(target, context.model);
    if (target.kind === 'scaleSet') {
      const inGuestPatch = known.map((entry) => configurationOf(entry, context.model)).find((configuration) => configuration && isInGuestPatch(configuration));
      if (inGuestPatch) context.report({ path: ['type'], messageId: 'scaleSet', data: { configuration: String(inGuestPatch.name) } });
      return;
    }
    const profile = target.osProfile;
    for (const entry of known) {
      const configuration = configurationOf(entry, context.model);
      if (!configuration || !isInGuestPatch(configuration)) continue;
      const name = String(configuration.name);
      if (!isKnown(profile.patchMode)) return;
      if (!fieldIs(profile.patchMode, 'AutomaticByPlatform')) {
        context.report({
          path: profile.patchMode.explicit ? profile.patchMode.path : profile.base,
          messageId: 'notPlatform',
          data: { configuration: name, mode: profile.patchMode.value, default: profile.patchMode.explicit ? '' : ' (omitted, the default)' },
        });
        return;
      }
      const bypass = profile.bypassPlatformSafetyChecksOnUserSchedule;
      if (bypass.explicit && !isKnown(bypass)) return;
      if (bypass.value !== true) {
        context.report({
          path: bypass.explicit ? bypass.path : profile.patchMode.path,
          messageId: 'noBypass',
          data: { configuration: name, state: bypass.explicit ? 'false' : 'omitted (false)' },
          // With hotpatch on, the flag would conflict (CF3): a choice is needed, so no fix.
          fix: hotpatchOn(profile) ? undefined : { description: 'set bypassPlatformSafetyChecksOnUserSchedule to true', path: bypass.path, value: true },
        });
      }
      return;
    }
  },
});
