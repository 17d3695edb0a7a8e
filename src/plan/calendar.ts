/**
 * Hotpatch calendar (HP4): a baseline (cumulative update, reboot) every three months — January,
 * April, July, October [3P1; S17b gives the pattern] — and hotpatch months (no reboot) between.
 * An unplanned baseline (e.g. a zero-day fix) replaces a hotpatch month and reboots.
 */
import type { CalendarEntry, CalendarMonth } from './types.js';

const BASELINE_MONTHS = new Set([1, 4, 7, 10]);

/** The 12 months from the month of `startMs`, as YYYY-MM. */
export function monthsFrom(startMs: number, count = 12): string[] {
  const date = new Date(startMs);
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const month = date.getUTCMonth() + i;
    const year = date.getUTCFullYear() + Math.floor(month / 12);
    out.push(`${year}-${String((month % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

export function monthKind(month: string, unplanned: ReadonlySet<string>): CalendarMonth {
  const planned = BASELINE_MONTHS.has(Number(month.slice(5, 7)));
  if (planned) return { month, kind: 'baseline', reboot: true };
  if (unplanned.has(month)) return { month, kind: 'unplanned-baseline', reboot: true };
  return { month, kind: 'hotpatch', reboot: false };
}

export function hotpatchCalendar(
  names: readonly string[],
  startMs: number,
  everyone: readonly string[],
  perVm: ReadonlyMap<string, string[]>,
): CalendarEntry[] {
  const months = monthsFrom(startMs);
  const shared = new Set(everyone);
  const common = months.map((month) => monthKind(month, shared));
  return names.map((name) => {
    const own = perVm.get(name);
    if (!own) return { name, months: common };
    const set = new Set([...everyone, ...own]);
    return { name, months: months.map((month) => monthKind(month, set)) };
  });
}
