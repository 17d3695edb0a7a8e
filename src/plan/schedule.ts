/**
 * Times (AF1, GP17, GP18, OU12): phases run one after another, regions of a phase in parallel,
 * waves of a region one after another. A wave's targets may have different off-peak windows (each
 * VM's own time zone): each window group becomes a wave of its own that starts at its next open
 * slot; these parts of one batch may overlap in time (they are one batch: same zone, same update
 * domain), and the next batch waits until all parts are done and healthy.
 */
import { nextSlot } from './time.js';
import type { FleetTarget, Scenario } from './types.js';
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

/** Delay between the release and the first update: OU12 — later images start within 30 minutes. */
export function startDelayMinutes(scenario: Scenario): number {
  return scenario === 'os-image-upgrade' ? 30 : 0;
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
}

export interface TimedPhase {
  index: number;
  regions: string[];
  startMs: number;
  endMs: number;
}

export function schedule(phases: readonly string[][], wavesByRegion: ReadonlyMap<string, PlannedWave[]>, startMs: number, durationMinutes: number): { phases: TimedPhase[]; waves: TimedWave[] } {
  const timedPhases: TimedPhase[] = [];
  const waves: TimedWave[] = [];
  const busy = (durationMinutes + HEALTH_GATE_MINUTES) * MINUTE;
  let phaseStart = startMs;
  phases.forEach((regions, p) => {
    let phaseEnd = phaseStart;
    for (const region of regions) {
      let ready = phaseStart;
      (wavesByRegion.get(region) ?? []).forEach((wave, batch) => {
        let batchEnd = ready;
        for (const part of splitByWindow(wave.members)) {
          const first = part[0];
          const start = nextSlot(ready, first.timeZone, first.window, durationMinutes);
          const end = start + busy;
          waves.push({ phase: p + 1, region, zone: wave.zone, batch, startMs: start, endMs: end, members: part });
          if (end > batchEnd) batchEnd = end;
        }
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
  const parts = new Map<string, FleetTarget[]>();
  for (const member of members) {
    const list = parts.get(member.windowKey);
    if (list) list.push(member);
    else parts.set(member.windowKey, [member]);
  }
  return [...parts.values()];
}
