/**
 * Times (AF1, GP17, GP18, OU12): phases run one after another, regions of a phase in parallel,
 * waves of a region one after another. A wave's targets may have different off-peak windows (each
 * VM's own time zone): each window group becomes a wave of its own that starts at its next open
 * slot; these parts of one batch may overlap in time (they are one batch: same zone, same update
 * domain), and the next batch waits until all parts are done and healthy.
 */
import { OS_UPGRADE_DELAY_MINUTES } from './fleet.js';
import { nextSlot } from './time.js';
import type { FleetGroup, FleetTarget, Scenario } from './types.js';
import type { PlannedWave } from './waves.js';

export const HEALTH_GATE_MINUTES = 5;
const MINUTE = 60_000;

/** Minutes an update takes before the health gate (a model, not a published figure). */
export function updateMinutes(scenario: Scenario, reboot: boolean): number {
  switch (scenario) {
    case 'os-image-upgrade':
      return 30;
    case 'extension-upgrade':
      return 15;
    case 'hotpatch-calendar':
      return reboot ? 60 : 20;
    default:
      return 60;
  }
}

/**
 * Delay between the release and the first update: OU12 — later images start within 30 minutes (the
 * first upgrade after enabling within 3 hours: targets with `notBeforeMinutes`, inventory `firstOsUpgrade`).
 */
export function startDelayMinutes(scenario: Scenario): number {
  return scenario === 'os-image-upgrade' ? OS_UPGRADE_DELAY_MINUTES : 0;
}

export interface TimedWave {
  phase: number;
  region: string;
  zone: string | null;
  /** Position of the batch in its region (parts of one batch share it). */
  batch: number;
  startMs: number;
  endMs: number;
  members: FleetTarget[];
  /** pauseTimeBetweenBatches waited before this batch (ms; 0: none). */
  pauseMs: number;
}

export interface TimedPhase {
  index: number;
  regions: string[];
  startMs: number;
  endMs: number;
}

export function schedule(
  phases: readonly string[][],
  wavesByRegion: ReadonlyMap<string, PlannedWave[]>,
  startMs: number,
  durationMinutes: number,
  groups: ReadonlyMap<string, FleetGroup> = new Map(),
): { phases: TimedPhase[]; waves: TimedWave[] } {
  const timedPhases: TimedPhase[] = [];
  const waves: TimedWave[] = [];
  const busy = (durationMinutes + HEALTH_GATE_MINUTES) * MINUTE;
  // OU10: scale sets with a pause between batches; most fleets have none and skip the bookkeeping.
  const pausing = new Map<string, number>();
  for (const group of groups.values()) if (group.pauseMs > 0) pausing.set(group.key, group.pauseMs);
  let phaseStart = startMs;
  phases.forEach((regions, p) => {
    let phaseEnd = phaseStart;
    for (const region of regions) {
      let ready = phaseStart;
      /** End of the last batch of each pausing scale set in this region. */
      const lastEnd = new Map<string, number>();
      (wavesByRegion.get(region) ?? []).forEach((wave, batch) => {
        let pauseMs = 0;
        let inWave: Set<string> | undefined;
        if (pausing.size > 0) {
          inWave = new Set();
          for (const member of wave.members) if (pausing.has(member.group)) inWave.add(member.group);
          let until = ready;
          for (const key of inWave) {
            const last = lastEnd.get(key);
            if (last === undefined) continue;
            const pause = pausing.get(key)!;
            if (last + pause > until) until = last + pause;
            if (pause > pauseMs) pauseMs = pause;
          }
          ready = until;
        }
        let batchEnd = ready;
        for (const part of splitByWindow(wave.members)) {
          const first = part[0];
          const notBefore = first.notBeforeMinutes > 0 ? Math.max(ready, startMs + first.notBeforeMinutes * MINUTE) : ready;
          const start = nextSlot(notBefore, first.timeZone, first.window, durationMinutes);
          const end = start + busy;
          waves.push({ phase: p + 1, region, zone: wave.zone, batch, startMs: start, endMs: end, members: part, pauseMs });
          if (end > batchEnd) batchEnd = end;
        }
        if (inWave) for (const key of inWave) lastEnd.set(key, batchEnd);
        ready = batchEnd;
      });
      if (ready > phaseEnd) phaseEnd = ready;
    }
    timedPhases.push({ index: p + 1, regions, startMs: phaseStart, endMs: phaseEnd });
    // AF1: the next phase starts only after this one ended (and succeeded; see outcome.ts).
    phaseStart = phaseEnd;
  });
  return { phases: timedPhases, waves };
}

function splitByWindow(members: FleetTarget[]): FleetTarget[][] {
  // The common case: one window for the whole batch, no copy.
  const key = members[0]?.windowKey;
  let same = true;
  for (let i = 1; i < members.length && same; i += 1) same = members[i].windowKey === key;
  if (same) return [members];
  const parts = new Map<string, FleetTarget[]>();
  for (const member of members) {
    const list = parts.get(member.windowKey);
    if (list) list.push(member);
    else parts.set(member.windowKey, [member]);
  }
  return [...parts.values()];
}
