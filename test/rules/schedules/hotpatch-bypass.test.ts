import rule from '../../../rules/schedules/hotpatch-bypass.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'hotpatch-with-bypass.json',
      errors: [
        {
          messageId: 'conflict',
          path: 'properties.osProfile.windowsConfiguration.patchSettings.automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule',
          line: 31,
        },
      ],
    },
  ],
});
