import rule from '../../../rules/schedules/schedule-prerequisites.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'no-bypass.json',
      errors: [
        { messageId: 'noBypass', path: 'properties.osProfile.windowsConfiguration.patchSettings.patchMode', line: 27, fix: true },
      ],
    },
    // languageVersion 2.0, assigned by `scope`.
    {
      fixture: 'scope-assignment-bypass-false.json',
      errors: [
        { messageId: 'noBypass', path: 'properties.osProfile.windowsConfiguration.patchSettings.automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule', line: 32, fix: true },
      ],
    },
  ],
});
