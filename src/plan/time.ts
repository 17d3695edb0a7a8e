/**
 * Time model (GP17, GP18, OU12): daily windows in a VM's local time, the next moment a VM may be
 * updated, and the monthly patch release date (the second Tuesday).
 */
import { durationMilliseconds, parseIsoDuration } from '../catalog/durations.js';
import { offsetMinutes } from './zones.js';
import type { DailyWindow } from '../inventory/types.js';
import type { DayIntervals } from './types.js';

const MINUTE = 60_000;
const DAY_MINUTES = 1440;

/** `HH:MM` → minutes after midnight. */
export function parseClock(value: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`not a time of day (HH:MM): ${value}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** A daily window as intervals; end <= start wraps past midnight; start == end is the whole day. */
export function windowIntervals(window: DailyWindow): DayIntervals {
  const start = parseClock(window.start);
  const end = parseClock(window.end);
  if (start === end) return [[0, DAY_MINUTES]];
  if (end > start) return [[start, end]];
  return end === 0
    ? [[start, DAY_MINUTES]]
    : [
        [0, end],
        [start, DAY_MINUTES],
      ];
}

export function intersect(a: DayIntervals, b: DayIntervals): DayIntervals {
  const out: Array<[number, number]> = [];
  for (const [as, ae] of a) {
    for (const [bs, be] of b) {
      const s = Math.max(as, bs);
      const e = Math.min(ae, be);
      if (s < e) out.push([s, e]);
    }
  }
  return out.sort((x, y) => x[0] - y[0]);
}

export function totalMinutes(intervals: DayIntervals): number {
  return intervals.reduce((sum, [s, e]) => sum + (e - s), 0);
}

/** Stable text key of a window, to group targets that may be updated at the same times. */
export function windowKey(timeZone: string, window: DayIntervals | null): string {
  return window === null ? '*' : `${timeZone}|${window.map(([s, e]) => `${s}-${e}`).join(',')}`;
}

/**
 * The first instant at or after `readyMs` at which the window is open for `durationMinutes` in a
 * row (windows that continue past midnight are joined). A window shorter than the duration accepts
 * any start inside it: the update continues in the next window (GP17).
 */
export function nextSlot(readyMs: number, timeZone: string, window: DayIntervals | null, durationMinutes: number): number {
  if (window === null || window.length === 0) return readyMs;
  const offset = offsetMinutes(timeZone, readyMs);
  const localDayStart = Math.floor((readyMs + offset * MINUTE) / (DAY_MINUTES * MINUTE)) * DAY_MINUTES * MINUTE;
  // Absolute intervals for yesterday .. a week ahead, joined across midnight.
  const spans: Array<[number, number]> = [];
  for (let day = -1; day <= 8; day += 1) {
    const base = localDayStart + day * DAY_MINUTES * MINUTE;
    const dayOffset = offsetMinutes(timeZone, base - offset * MINUTE) * MINUTE;
    for (const [s, e] of window) {
      const span: [number, number] = [base + s * MINUTE - dayOffset, base + e * MINUTE - dayOffset];
      const last = spans[spans.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else spans.push(span);
    }
  }
  const fits = spans.some(([s, e]) => e - s >= durationMinutes * MINUTE);
  for (const [s, e] of spans) {
    const candidate = Math.max(s, readyMs);
    if (fits ? candidate + durationMinutes * MINUTE <= e : candidate < e) return candidate;
  }
  return readyMs;
}

/** The second Tuesday of the month of `date` (UTC), as YYYY-MM-DD. */
export function secondTuesday(year: number, month: number): string {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  const day = 1 + ((2 - first + 7) % 7) + 7;
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}

/** The monthly patch release on or after `today` (the next second Tuesday). */
export function nextPatchRelease(today: Date): string {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const thisMonth = secondTuesday(y, m);
  return thisMonth >= today.toISOString().slice(0, 10) ? thisMonth : secondTuesday(m === 11 ? y + 1 : y, (m + 1) % 12);
}

/** YYYY-MM-DD → epoch ms at 00:00 UTC, or undefined when it is not a real date. */
export function parseDate(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) return undefined;
  return ms;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * An ISO 8601 duration of weeks, days, hours, minutes and seconds (`PT0S`, `PT10M`, `P1DT2H`) in ms;
 * undefined for anything else (years and months have no fixed length).
 */
export function parseDuration(value: string): number | undefined {
  const duration = parseIsoDuration(value);
  return duration ? durationMilliseconds(duration) : undefined;
}

/**
 * GP18: the start of the next off-peak window after `afterMs` that fits the update (not the window
 * `afterMs` is in). A window open all day, or no window (any hour), has no next opening: one day later.
 */
export function nextWindowSlot(afterMs: number, timeZone: string, window: DayIntervals | null, durationMinutes: number): number {
  const dayMs = DAY_MINUTES * MINUTE;
  if (window === null || window.length === 0 || totalMinutes(window) >= DAY_MINUTES) return afterMs + dayMs;
  // Walk forward to the first closed minute, then to the next open slot.
  let t = afterMs;
  const step = 15 * MINUTE;
  for (let i = 0; i < (2 * dayMs) / step && isOpen(t, timeZone, window); i += 1) t += step;
  return nextSlot(t, timeZone, window, durationMinutes);
}

function isOpen(ms: number, timeZone: string, window: DayIntervals): boolean {
  const local = (((ms + offsetMinutes(timeZone, ms) * MINUTE) % (DAY_MINUTES * MINUTE)) + DAY_MINUTES * MINUTE) % (DAY_MINUTES * MINUTE);
  const minute = Math.floor(local / MINUTE);
  return window.some(([s, e]) => minute >= s && minute < e);
}
