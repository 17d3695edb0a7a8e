import rule from '../../../rules/schedules/reboot-setting.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    // Only AutomaticByPlatform installations read rebootSetting: with another mode it has no effect.
    {
      fixture: 'not-platform-mode.json',
      errors: [
        {
          messageId: 'notPlatform',
          path: 'properties.osProfile.windowsConfiguration.patchSettings.automaticByPlatformSettings.rebootSetting',
          line: 32,
          severity: 'warning',
        },
      ],
    },
    {
      fixture: 'invalid-value.json',
      errors: [{ messageId: 'invalid', path: 'properties.osProfile.windowsConfiguration.patchSettings.automaticByPlatformSettings.rebootSetting', line: 30 }],
    },
    {
      fixture: 'never-overrides-schedule.json',
      errors: [
        {
          messageId: 'neverPending',
          path: 'properties.osProfile.windowsConfiguration.patchSettings.automaticByPlatformSettings.rebootSetting',
          line: 30,
          severity: 'info',
        },
        {
          messageId: 'overridesSchedule',
          path: 'properties.osProfile.windowsConfiguration.patchSettings.automaticByPlatformSettings.rebootSetting',
          line: 30,
          severity: 'info',
        },
      ],
    },
  ],
});
