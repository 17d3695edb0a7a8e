import rule from '../../../rules/schedules/maintenance-window.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'bad-window.json',
      errors: [
        { messageId: 'dateFormat', path: 'properties.maintenanceWindow.startDateTime', line: 16 },
        { messageId: 'expired', path: 'properties.maintenanceWindow.expirationDateTime', line: 17, severity: 'warning' },
        { messageId: 'durationRange', path: 'properties.maintenanceWindow.duration', line: 18 },
        { messageId: 'ianaTimeZone', path: 'properties.maintenanceWindow.timeZone', line: 19, fix: true },
        { messageId: 'recurrence', path: 'properties.maintenanceWindow.recurEvery', line: 20 },
      ],
    },
    {
      fixture: 'iana-time-zone.json',
      errors: [{ messageId: 'ianaTimeZone', path: 'properties.maintenanceWindow.timeZone', line: 24, fix: true }],
    },
    {
      fixture: 'unknown-time-zone.json',
      errors: [
        { messageId: 'expiresBeforeStart', path: 'properties.maintenanceWindow.expirationDateTime', line: 17 },
        { messageId: 'durationRange', path: 'properties.maintenanceWindow.duration', line: 18 },
        { messageId: 'unknownTimeZone', path: 'properties.maintenanceWindow.timeZone', line: 19 },
        { messageId: 'offset', path: 'properties.maintenanceWindow.recurEvery', line: 20 },
      ],
    },
  ],
});
