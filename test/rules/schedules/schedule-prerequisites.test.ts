import rule from '../../../rules/schedules/schedule-prerequisites.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    // InGuestPatch schedules patch VMs and Arc machines only: an assignment to a scale set does nothing.
    {
      fixture: 'scale-set-assignment.json',
      errors: [{ messageId: 'scaleSet', path: 'type', line: 26 }],
    },
    {
      fixture: 'no-bypass.json',
      errors: [{ messageId: 'noBypass', path: 'properties.osProfile.windowsConfiguration.patchSettings.patchMode', line: 27, fix: true }],
    },
    // languageVersion 2.0, assigned by `scope`.
    {
      fixture: 'scope-assignment-bypass-false.json',
      errors: [
        {
          messageId: 'noBypass',
          path: 'properties.osProfile.windowsConfiguration.patchSettings.automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule',
          line: 32,
          fix: true,
        },
      ],
    },
  ],
});
