/**
 * Times (AF1, AF3, AF5, GP17, GP18, OU10, OU12). Phases run one after another, regions of a phase
 * side by side. Inside a region, zone steps run one after another (the zone rule is the only
 * region-wide barrier); inside a zone step every chain (a batching group) runs on its own: batch
 * after batch, each at the next slot of its own off-peak window. Batches of different chains that
 * start and end together in one zone are shown as one wave. A batch whose targets have different
 * windows becomes several waves (parts of one batch, same update domain); the next batch of the
 * chain waits for all of them.
 *
 * GP18 retries of transient installation failures are placed here too, so they keep the rules: a
 * retry runs in its zone step (no other zone of the region updates meanwhile), after its set or
 * scale set finished the other update domains, and its phase ends only when its retries did
 * (AF1: the next phase starts when the VMs of this one are updated) — so paired regions, which
 * never share a phase, never see a retry next to their own waves.
 */
import { SCENARIO_PROFILES } from './scenarios.js';
import { nextSlot, nextWindowSlot } from './time.js';
import type { DayIntervals, FleetGroup, FleetTarget, Scenario } from './types.js';
import type { Chain, ZoneStep } from './waves.js';

export const HEALTH_GATE_MINUTES = 5;
const MINUTE = 60_000;

/** Minutes an update takes before the health gate (a model, not a published figure). */
export function updateMinutes(scenario: Scenario, reboot: boolean): number {
  return SCENARIO_PROFILES[scenario].updateMinutes(reboot);
}

/**
 * Delay between the release and the first update: OU12 — later images start within 30 minutes (the
 * first upgrade after enabling within 3 hours: targets with `notBeforeMinutes`, inventory `firstOsUpgrade`).
 */
export function startDelayMinutes(scenario: Scenario): number {
  return SCENARIO_PROFILES[scenario].startDelayMinutes;
}

export interface TimedWave {
  phase: number;
  region: string;
  zone: string | null;
  startMs: number;
  endMs: number;
  members: FleetTarget[];
  /** pauseTimeBetweenBatches waited before this batch (ms; 0: none). */
  pauseMs: number;
}

export interface TimedRetry {
  member: FleetTarget;
  /** The wave whose installation failed. */
  wave: TimedWave;
  startMs: number;
  endMs: number;
}

export interface TimedPhase {
  index: number;
  regions: string[];
  startMs: number;
  endMs: number;
}

export interface Schedule {
  phases: TimedPhase[];
  /** In time order (start, then the order of phases, regions, zones and chains). */
  waves: TimedWave[];
  retries: TimedRetry[];
}

export function schedule(phases: readonly string[][], stepsByRegion: ReadonlyMap<string, ZoneStep[]>, startMs: number): Schedule {
  const timedPhases: TimedPhase[] = [];
  const waves: TimedWave[] = [];
  const retries: TimedRetry[] = [];
  const slots = new SlotCache();
  let phaseStart = startMs;
  phases.forEach((regions, p) => {
    let phaseEnd = phaseStart;
    for (const region of regions) {
      const timeline = new RegionTimeline(p + 1, region, startMs, slots, waves, retries);
      const end = timeline.run(stepsByRegion.get(region) ?? [], phaseStart);
      if (end > phaseEnd) phaseEnd = end;
    }
    timedPhases.push({ index: p + 1, regions, startMs: phaseStart, endMs: phaseEnd });
    // AF1: the next phase starts only after this one ended (and succeeded; see failures.ts).
    phaseStart = phaseEnd;
  });
  // Stable: waves starting together keep the order of phases, regions, zones and chains.
  waves.sort((a, b) => a.startMs - b.startMs);
  return { phases: timedPhases, waves, retries };
}

/** One region of one phase: zone steps in order, chains of a step side by side. */
class RegionTimeline {
  /** End of the last batch of each scale set with a pause between batches (across zones). */
  private readonly lastEnd = new Map<string, number>();
  /** Waves of the current zone step by `start|end`: batches of different chains starting and ending together. */
  private merged = new Map<string, TimedWave>();

  constructor(
    private readonly phase: number,
    private readonly region: string,
    private readonly releaseMs: number,
    private readonly slots: SlotCache,
    private readonly waves: TimedWave[],
    private readonly retries: TimedRetry[],
  ) {}

  run(steps: readonly ZoneStep[], startMs: number): number {
    let ready = startMs;
    for (const step of steps) {
      this.merged = new Map();
      let stepEnd = ready;
      for (const chain of step.chains) {
        const end = this.runChain(chain, step.zone, ready);
        if (end > stepEnd) stepEnd = end;
      }
      ready = stepEnd;
    }
    return ready;
  }

  /** A chain's batches one after another; its retries after. Returns when the chain (and its retries) ended. */
  private runChain(chain: Chain, zone: string | null, startMs: number): number {
    const group = chain.group;
    let ready = startMs;
    const failed: Array<{ member: FleetTarget; wave: TimedWave }> = [];
    for (const batch of chain.batches) {
      let pauseMs = 0;
      if (group.pauseMs > 0) {
        const last = this.lastEnd.get(group.key);
        if (last !== undefined) {
          pauseMs = group.pauseMs;
          if (last + pauseMs > ready) ready = last + pauseMs;
        }
      }
      let batchEnd = ready;
      for (const part of splitByWindow(batch)) {
        const first = part[0];
        const minutes = longest(part);
        const notBefore = first.notBeforeMinutes > 0 ? Math.max(ready, this.releaseMs + first.notBeforeMinutes * MINUTE) : ready;
        const start = this.slots.next(notBefore, first, minutes);
        const end = start + (minutes + HEALTH_GATE_MINUTES) * MINUTE;
        const wave = this.wave(zone, start, end, pauseMs);
        for (const member of part) {
          wave.members.push(member);
          if (member.transientFailure) failed.push({ member, wave });
        }
        if (end > batchEnd) batchEnd = end;
      }
      if (group.pauseMs > 0) this.lastEnd.set(group.key, batchEnd);
      ready = batchEnd;
    }
    let end = ready;
    for (const { member, wave } of failed) {
      const retryEnd = this.retry(member, wave, group, ready);
      if (retryEnd > end) end = retryEnd;
    }
    return end;
  }

  /**
   * GP18: the next off-peak window after the failed wave; for a set or scale set, not before the
   * chain finished its other update domains (AF5, AF6: never two domains at once).
   */
  private retry(member: FleetTarget, wave: TimedWave, group: FleetGroup, chainEnd: number): number {
    const minutes = member.updateMinutes;
    let start = nextWindowSlot(wave.endMs, member.timeZone, member.window, minutes);
    if (group.kind !== 'standalone' && start < chainEnd) start = this.slots.next(chainEnd, member, minutes);
    const end = start + (minutes + HEALTH_GATE_MINUTES) * MINUTE;
    this.retries.push({ member, wave, startMs: start, endMs: end });
    return end;
  }

  private wave(zone: string | null, startMs: number, endMs: number, pauseMs: number): TimedWave {
    const key = `${startMs}|${endMs}`;
    let wave = this.merged.get(key);
    if (!wave) {
      wave = { phase: this.phase, region: this.region, zone, startMs, endMs, members: [], pauseMs };
      this.merged.set(key, wave);
      this.waves.push(wave);
    } else if (pauseMs > wave.pauseMs) wave.pauseMs = pauseMs;
    return wave;
  }
}

/** nextSlot per (window, ready time, duration): chains of a fleet mostly share windows and move in step. */
class SlotCache {
  private readonly cache = new Map<string, number>();

  next(readyMs: number, target: FleetTarget, minutes: number): number {
    if (target.window === null) return readyMs;
    const key = `${target.windowKey}|${readyMs}|${minutes}`;
    let slot = this.cache.get(key);
    if (slot === undefined) this.cache.set(key, (slot = nextSlot(readyMs, target.timeZone, target.window as DayIntervals, minutes)));
    return slot;
  }
}

function longest(part: readonly FleetTarget[]): number {
  let minutes = part[0].updateMinutes;
  for (const member of part) if (member.updateMinutes > minutes) minutes = member.updateMinutes;
  return minutes;
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
