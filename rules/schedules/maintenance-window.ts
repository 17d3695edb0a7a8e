import { isKnown } from '../../src/model/field.js';
import { windowsTimeZone, windowsZonesForIana } from '../../src/catalog/time-zones.js';
import { defineRule } from '../../src/engine/rule.js';
import { isInGuestPatch, parseScheduleTime, windowField } from '../../src/model/facts/index.js';

const MIN_MINUTES = 90;
const MAX_MINUTES = 235;

export default defineRule({
  id: 'schedules/maintenance-window',
  severity: 'error',
  requirements: ['CF9'],
  targets: ['maintenanceConfiguration'],
  summary: 'InGuestPatch maintenance windows: duration 1:30-3:55, recurrence at least 6 hours, "yyyy-MM-dd HH:mm" dates, a Windows time zone',
  fixable: true,
  messages: {
    durationFormat: "maintenanceWindow.duration '{{value}}' is not a duration in HH:mm format (e.g. 03:00)",
    durationRange: 'maintenanceWindow.duration {{value}} is outside the range of InGuestPatch schedules: between 01:30 and 03:55',
    recurrence: "maintenanceWindow.recurEvery '{{value}}' repeats every {{hours}} hours: InGuestPatch schedules repeat at most every 6 hours",
    offset: "maintenanceWindow.recurEvery '{{value}}' has offset {{offset}} days: the offset must be between -6 and 6",
    dateFormat: "maintenanceWindow.{{key}} '{{value}}' is not a date-time in the format yyyy-MM-dd HH:mm (e.g. 2025-01-31 22:00)",
    expiresBeforeStart: 'maintenanceWindow.expirationDateTime {{expiration}} is not after startDateTime {{start}}: the schedule never runs',
    expired: 'maintenanceWindow.expirationDateTime {{expiration}} is in the past: the schedule no longer runs',
    ianaTimeZone: "maintenanceWindow.timeZone '{{value}}' is an IANA name: maintenance configurations take Windows time-zone names, here {{suggestion}}",
    unknownTimeZone: "maintenanceWindow.timeZone '{{value}}' is not a Windows time-zone name (e.g. 'UTC', 'Pacific Standard Time', 'W. Europe Standard Time')",
  },
  check(configuration, context) {
    if (!isInGuestPatch(configuration)) return;
    const duration = windowField(configuration, 'duration');
    if (isKnown(duration)) {
      const match = /^(\d{1,2}):(\d{2})$/.exec(duration.value.trim());
      if (!match || Number(match[2]) > 59) context.report({ path: duration.path, messageId: 'durationFormat', data: { value: duration.value } });
      else {
        const minutes = Number(match[1]) * 60 + Number(match[2]);
        if (minutes < MIN_MINUTES || minutes > MAX_MINUTES)
          context.report({ path: duration.path, messageId: 'durationRange', data: { value: duration.value } });
      }
    }
    const recurEvery = windowField(configuration, 'recurEvery');
    if (isKnown(recurEvery)) {
      // Trimmed first: `\s*(\d*)\s*` around an empty number backtracks quadratically on long blank text.
      const hours = /^(\d*)\s*hours?$/i.exec(recurEvery.value.trim());
      if (hours) {
        const count = hours[1] === '' ? 1 : Number(hours[1]);
        if (count < 6) context.report({ path: recurEvery.path, messageId: 'recurrence', data: { value: recurEvery.value, hours: count } });
      }
      const offset = /\boffset\s*([+-]?\d+)\b/i.exec(recurEvery.value);
      if (offset && Math.abs(Number(offset[1])) > 6)
        context.report({ path: recurEvery.path, messageId: 'offset', data: { value: recurEvery.value, offset: offset[1] } });
    }
    const times: Record<string, { minutes: number; date: Date; text: string } | undefined> = {};
    for (const key of ['startDateTime', 'expirationDateTime']) {
      const field = windowField(configuration, key);
      if (!isKnown(field)) continue;
      const parsed = parseScheduleTime(field.value.trim());
      if (!parsed) context.report({ path: field.path, messageId: 'dateFormat', data: { key, value: field.value } });
      else times[key] = { ...parsed, text: field.value.trim() };
    }
    const start = times.startDateTime;
    const expiration = times.expirationDateTime;
    const expirationPath = windowField(configuration, 'expirationDateTime').path;
    if (start && expiration && expiration.minutes <= start.minutes) {
      context.report({ path: expirationPath, messageId: 'expiresBeforeStart', data: { expiration: expiration.text, start: start.text } });
    } else if (expiration && expiration.date.getTime() + 24 * 3600 * 1000 < context.options.today.getTime()) {
      // A day of slack: the expiration is in the configuration's own time zone.
      context.report({ path: expirationPath, messageId: 'expired', data: { expiration: expiration.text }, severity: 'warning' });
    }
    const timeZone = windowField(configuration, 'timeZone');
    if (isKnown(timeZone)) {
      // Names compare without case, as Windows does.
      if (windowsTimeZone(timeZone.value) === undefined) {
        const windows = windowsZonesForIana(timeZone.value);
        if (windows.length > 0) {
          context.report({
            path: timeZone.path,
            messageId: 'ianaTimeZone',
            data: { value: timeZone.value, suggestion: windows.map((name) => `'${name}'`).join(' or ') },
            fix: windows.length === 1 ? { description: `set timeZone to '${windows[0]}'`, path: timeZone.path, value: windows[0] } : undefined,
          });
        } else context.report({ path: timeZone.path, messageId: 'unknownTimeZone', data: { value: timeZone.value } });
      }
    }
  },
});
