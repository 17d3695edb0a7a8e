/** The batching groups as planned (public JSON `groups`): what a reviewer compares before → after. */
import { startDelayMinutes, type Schedule } from './schedule.js';
import type { DayIntervals, Fleet, FleetTarget, GroupSummary, Scenario } from './types.js';

export function groupSummaries(fleet: Fleet, timed: Schedule, scenario: Scenario): GroupSummary[] {
  const largest = new Map<string, { batch: number; batches: number }>();
  for (const wave of timed.waves) {
    // Members of one group are contiguous in a wave (pushed batch by batch).
    let run = 0;
    for (let i = 0; i < wave.members.length; i += 1) {
      run += 1;
      const key = wave.members[i].group;
      if (i + 1 < wave.members.length && wave.members[i + 1].group === key) continue;
      const entry = largest.get(key) ?? { batch: 0, batches: 0 };
      entry.batch = Math.max(entry.batch, run);
      entry.batches += 1;
      largest.set(key, entry);
      run = 0;
    }
  }
  const facts = new Map<string, { zones: Set<string>; timeZones: Set<string>; windows: Set<string>; domains: Set<number>; delay: number }>();
  for (const target of fleet.targets) {
    let entry = facts.get(target.group);
    if (!entry) facts.set(target.group, (entry = { zones: new Set(), timeZones: new Set(), windows: new Set(), domains: new Set(), delay: 0 }));
    entry.zones.add(target.target.zone ?? 'regional');
    entry.timeZones.add(target.timeZone);
    entry.windows.add(windowText(target));
    if (target.target.updateDomain !== null) entry.domains.add(target.target.updateDomain);
    if (target.notBeforeMinutes > entry.delay) entry.delay = target.notBeforeMinutes;
  }
  const out: GroupSummary[] = [];
  for (const group of fleet.groups.values()) {
    const entry = facts.get(group.key);
    if (!entry || group.size === 0) continue;
    const shape = largest.get(group.key) ?? { batch: 0, batches: 0 };
    const summary: GroupSummary = {
      key: group.key,
      kind: group.kind,
      name: group.name,
      region: group.region,
      targets: group.size,
      batchSize: shape.batch,
      batches: shape.batches,
      updateDomains: group.kind === 'availability-set' ? group.updateDomains : group.kind === 'scale-set' && entry.domains.size > 0 ? entry.domains.size : null,
      zones: [...entry.zones].sort(),
      timeZones: [...entry.timeZones].sort(),
      windows: [...entry.windows].sort(),
      pauseMinutes: Math.round((group.pauseMs / 60_000) * 100) / 100,
      firstUpgradeDelayMinutes: startDelayMinutes(scenario) + entry.delay,
      rollback: group.rollback,
    };
    if (group.external) summary.external = true;
    out.push(summary);
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const texts = new Map<DayIntervals | null, string>();

/** `22:00-06:00` (local), or `any hour`. */
function windowText(target: FleetTarget): string {
  let text = texts.get(target.window);
  if (text === undefined) texts.set(target.window, (text = formatWindow(target.window)));
  return text;
}

export function formatWindow(window: DayIntervals | null): string {
  if (window === null) return 'any hour';
  const clock = (minutes: number) => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const spans = window.map(([s, e]) => [s, e] as [number, number]);
  // A window past midnight is stored as [0, end] and [start, 1440]: show it as start-end.
  if (spans.length === 2 && spans[0][0] === 0 && spans[1][1] === 1440) return `${clock(spans[1][0])}-${clock(spans[0][1])}`;
  if (spans.length === 1 && spans[0][0] === 0 && spans[0][1] === 1440) return 'all day';
  return spans.map(([s, e]) => `${clock(s)}-${clock(e)}`).join(',');
}
