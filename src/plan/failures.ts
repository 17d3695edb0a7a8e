/**
 * Health and failure (AF1, AF7, OU10, EU4, EU5): which targets fail their 5-minute health gate
 * (injected from the inventory, or at random with a seeded PRNG), what is rolled back, and where
 * the rollout stops. Times do not change: a stopped plan shows the waves it did not reach.
 */
import type { FailureRecord, FleetGroup, FleetTarget, Phase, StopRecord, WaveStatus } from './types.js';
import type { TimedPhase, TimedWave } from './schedule.js';
import { iso } from './time.js';

/** mulberry32: a small, fast, seeded PRNG (deterministic output for a given seed). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seed of Monte Carlo run `run` derived from the user's seed. */
export function runSeed(seed: number, run: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(run + 1, 0xc2b2ae35)) >>> 0;
}

export interface Outcome {
  waveStatus: WaveStatus[];
  phaseStatus: Phase['status'][];
  failures: FailureRecord[];
  stop: StopRecord | null;
}

/** Percent of VMs outside scale sets that may be unhealthy in a region before it stops (model; mirrors OU10). */
const REGION_MAX_UNHEALTHY_PERCENT = 20;

/** Failures beyond the inventory's: a Monte Carlo draw (independent or correlated). The main plan has none. */
export type ExtraFailure = (member: FleetTarget) => boolean;

/**
 * Health gates in time order (D6): inside a phase the waves are judged by the end of their health
 * gate, so the stop reported is the first breach in time, not the first in list order. A region
 * that stops does not start its later waves; waves already running finish.
 */
export function evaluate(phases: readonly TimedPhase[], waves: readonly TimedWave[], groups: ReadonlyMap<string, FleetGroup>, extra?: ExtraFailure): Outcome {
  const waveStatus: WaveStatus[] = new Array(waves.length).fill('not-reached');
  const phaseStatus: Phase['status'][] = phases.map(() => 'not-reached');
  const failures: FailureRecord[] = [];
  let stop: StopRecord | null = null;
  const byPhase = gateOrder(waves);
  const upgraded = new Map<string, number>();
  const unhealthy = new Map<string, number>();
  const started = new Set<string>();

  for (const phase of phases) {
    let firstFailure = -1;
    let unhealthyInPhase = 0;
    /** Regions stopped in this phase, with the time their breach was seen. */
    const stoppedAt = new Map<string, number>();
    const regionUpdated = new Map<string, number>();
    const regionUnhealthy = new Map<string, number>();
    const stopHere = (index: number, reason: string, requirements: string[]) => {
      const wave = waves[index];
      waveStatus[index] = 'stopped';
      stoppedAt.set(wave.region, wave.endMs);
      stop ??= { phase: phase.index, region: wave.region, wave: index + 1, reason, requirements, at: iso(wave.endMs) };
    };
    for (const index of byPhase.get(phase.index) ?? []) {
      const wave = waves[index];
      const regionStop = stoppedAt.get(wave.region);
      if (regionStop !== undefined && wave.startMs >= regionStop) continue;
      // OU10: a scale set does not start when too much of it is unhealthy already.
      const blocked = beforeStartBreach(wave, groups, started);
      if (blocked) {
        if (regionStop === undefined) stopHere(index, blocked, ['OU10', 'EU5']);
        else waveStatus[index] = 'stopped';
        continue;
      }
      waveStatus[index] = 'completed';
      const touched = new Set<string>();
      for (const { group, members } of byGroup(wave, groups)) {
        touched.add(group.key);
        upgraded.set(group.key, (upgraded.get(group.key) ?? 0) + members.length);
        if (group.kind !== 'scale-set') regionUpdated.set(wave.region, (regionUpdated.get(wave.region) ?? 0) + members.length);
        for (const member of members) {
          const fails = member.failAfterUpdate || (extra !== undefined && extra(member));
          if (!fails) continue;
          if (firstFailure < 0) firstFailure = index;
          unhealthyInPhase += 1;
          unhealthy.set(group.key, (unhealthy.get(group.key) ?? 0) + 1);
          if (group.kind !== 'scale-set') regionUnhealthy.set(wave.region, (regionUnhealthy.get(wave.region) ?? 0) + 1);
          failures.push({ target: member.target.id, wave: index + 1, kind: 'unhealthy-after-update', rollback: group.rollback });
        }
      }
      if (regionStop !== undefined) continue;
      const breach = afterUpdateBreach(wave.region, touched, groups, upgraded, unhealthy, regionUpdated, regionUnhealthy);
      if (breach) stopHere(index, breach.reason, breach.requirements);
    }
    const failed = stoppedAt.size > 0 || firstFailure >= 0;
    phaseStatus[phase.index - 1] = failed ? 'failed' : 'completed';
    if (failed) {
      if (!stop) {
        // No stop rule breached: the phase's health gate stops the next phase at its first failure in time.
        const wave = waves[firstFailure];
        stop = {
          phase: phase.index,
          region: wave.region,
          wave: firstFailure + 1,
          reason: `${unhealthyInPhase} target(s) unhealthy after the update in phase ${phase.index}: the next phase does not start`,
          requirements: ['AF1', 'AF7'],
          at: iso(wave.endMs),
        };
      }
      break;
    }
  }
  return { waveStatus, phaseStatus, failures, stop };
}

/** Wave indices of each phase in the order their health gates close (computed once per wave list). */
const orders = new WeakMap<readonly TimedWave[], Map<number, number[]>>();

function gateOrder(waves: readonly TimedWave[]): Map<number, number[]> {
  let byPhase = orders.get(waves);
  if (!byPhase) {
    byPhase = new Map();
    waves.forEach((wave, index) => {
      const list = byPhase!.get(wave.phase);
      if (list) list.push(index);
      else byPhase!.set(wave.phase, [index]);
    });
    for (const list of byPhase.values()) list.sort((a, b) => waves[a].endMs - waves[b].endMs || a - b);
    orders.set(waves, byPhase);
  }
  return byPhase;
}

/** A wave's members by batching group, computed once per wave (Monte Carlo evaluates the same waves many times). */
const grouped = new WeakMap<TimedWave, Array<{ group: FleetGroup; members: FleetTarget[] }>>();

function byGroup(wave: TimedWave, groups: ReadonlyMap<string, FleetGroup>): Array<{ group: FleetGroup; members: FleetTarget[] }> {
  let list = grouped.get(wave);
  if (!list) {
    const map = new Map<string, { group: FleetGroup; members: FleetTarget[] }>();
    for (const member of wave.members) {
      const entry = map.get(member.group);
      if (entry) entry.members.push(member);
      else map.set(member.group, { group: groups.get(member.group)!, members: [member] });
    }
    list = [...map.values()];
    grouped.set(wave, list);
  }
  return list;
}

function beforeStartBreach(wave: TimedWave, groups: ReadonlyMap<string, FleetGroup>, started: Set<string>): string | undefined {
  for (const { group } of byGroup(wave, groups)) {
    if (started.has(group.key)) continue;
    started.add(group.key);
    if (group.kind === 'scale-set' && group.unhealthyBeforeStart * 100 > group.maxUnhealthyPercent * group.size) {
      return `scale set ${group.name}: ${group.unhealthyBeforeStart} of ${group.size} instances unhealthy before the start (more than ${group.maxUnhealthyPercent}%)`;
    }
  }
  return undefined;
}

function afterUpdateBreach(
  region: string,
  touched: Set<string>,
  groups: ReadonlyMap<string, FleetGroup>,
  upgraded: Map<string, number>,
  unhealthy: Map<string, number>,
  regionUpdated: Map<string, number>,
  regionUnhealthy: Map<string, number>,
): { reason: string; requirements: string[] } | undefined {
  for (const key of touched) {
    const group = groups.get(key)!;
    if (group.kind !== 'scale-set') continue;
    const bad = unhealthy.get(key) ?? 0;
    const done = upgraded.get(key) ?? 0;
    if (bad * 100 > group.maxUnhealthyUpgradedPercent * done) {
      return {
        reason: `scale set ${group.name}: ${bad} of ${done} upgraded instances unhealthy (more than ${group.maxUnhealthyUpgradedPercent}%)`,
        requirements: ['OU10', 'EU5'],
      };
    }
    if ((bad + group.unhealthyBeforeStart) * 100 > group.maxUnhealthyPercent * group.size) {
      return {
        reason: `scale set ${group.name}: ${bad + group.unhealthyBeforeStart} of ${group.size} instances unhealthy (more than ${group.maxUnhealthyPercent}% of the set)`,
        requirements: ['OU10'],
      };
    }
  }
  const bad = regionUnhealthy.get(region) ?? 0;
  const done = regionUpdated.get(region) ?? 0;
  if (bad > 0 && bad * 100 > REGION_MAX_UNHEALTHY_PERCENT * done) {
    return { reason: `${region}: ${bad} of ${done} updated VMs unhealthy (more than ${REGION_MAX_UNHEALTHY_PERCENT}%)`, requirements: ['AF7'] };
  }
  return undefined;
}
