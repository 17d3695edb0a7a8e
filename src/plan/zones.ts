/**
 * Time zones for the plan: Windows names (`windowsConfiguration.timeZone`, e.g. `W. Europe Standard
 * Time`) are mapped to IANA names with the `windows-iana` package (CLDR windowsZones data); IANA
 * names are accepted as they are. Offsets come from Intl, so daylight saving time is the runtime's.
 */
import { toIana } from '../catalog/time-zones.js';

const resolved = new Map<string, string | undefined>();

function isIana(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The IANA name for a Windows or IANA time zone name, or undefined when it is neither. */
export function ianaZone(name: string): string | undefined {
  if (resolved.has(name)) return resolved.get(name);
  // The catalog maps Windows names and IANA aliases; the runtime must also know the zone (Intl).
  const candidate = toIana(name) ?? name;
  const result = isIana(candidate) ? candidate : undefined;
  resolved.set(name, result);
  return result;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes to add to UTC to get local time in `iana` at instant `ms` (e.g. +60 for Berlin in winter). */
export function offsetMinutes(iana: string, ms: number): number {
  if (iana === 'UTC' || iana === 'Etc/UTC') return 0;
  let format = formatters.get(iana);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(iana, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(ms))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  return Math.round((local - Math.floor(ms / 60000) * 60000) / 60000);
}
