import rule from '../../../rules/schedules/bypass-needs-assignment.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    // A known assignment to another VM is not this VM's.
    {
      fixture: 'assigned-to-other-vm.json',
      errors: [
        {
          messageId: 'noAssignment',
          path: 'properties.osProfile.windowsConfiguration.patchSettings.automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule',
          line: 31,
        },
      ],
    },
    {
      fixture: 'no-assignment.json',
      errors: [
        {
          messageId: 'noAssignment',
          path: 'properties.osProfile.windowsConfiguration.patchSettings.automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule',
          line: 31,
        },
      ],
    },
  ],
});
