/** Reading an InGuestPatch maintenance configuration (CF9): its scope, window fields and schedule times. */
import { fieldIs, readString, type Field } from '../field.js';
import type { GenericResource } from '../types.js';
import { maintenanceScope } from './assignments.js';

/** True when the configuration's scope is known to be InGuestPatch (only those are checked). */
export function isInGuestPatch(configuration: GenericResource): boolean {
  return fieldIs(maintenanceScope(configuration), 'InGuestPatch');
}

export function windowField(configuration: GenericResource, key: string): Field<string> {
  return readString(configuration.resource.body, ['properties', 'maintenanceWindow', key]);
}

/** `yyyy-MM-dd HH:mm` (seconds tolerated: the documented default expiration is `9999-12-31 23:59:59`). */
export function parseScheduleTime(text: string): { minutes: number; date: Date } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second = '0'] = match.slice(1).map((part) => part ?? '0');
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59)
    return undefined;
  return { minutes: date.getTime() / 60000, date };
}
