import { fieldIs, isKnown } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { assignmentsFor, configurationOf, hotpatchOn, maintenanceScope } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'schedules/schedule-prerequisites',
  severity: 'error',
  requirements: ['CF2', 'CF9'],
  targets: ['virtualMachine'],
  crossResource: true,
  summary: 'A VM assigned an InGuestPatch maintenance configuration needs AutomaticByPlatform with bypassPlatformSafetyChecksOnUserSchedule',
  fixable: true,
  messages: {
    notPlatform:
      "maintenance configuration '{{configuration}}' (InGuestPatch) is assigned to this VM, but its patchMode is '{{mode}}'{{default}}: the schedule does not run ('prerequisites for schedule patch aren't met'); set patchMode to AutomaticByPlatform and bypassPlatformSafetyChecksOnUserSchedule to true",
    noBypass:
      "maintenance configuration '{{configuration}}' (InGuestPatch) is assigned to this VM, but bypassPlatformSafetyChecksOnUserSchedule is {{state}}: the schedule does not run ('prerequisites for schedule patch aren't met'); set it to true",
  },
  check(vm, context) {
    const profile = vm.osProfile;
    const { known } = assignmentsFor(vm, context.model);
    for (const entry of known) {
      const configuration = configurationOf(entry, context.model);
      if (!configuration || !fieldIs(maintenanceScope(configuration), 'InGuestPatch')) continue;
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
