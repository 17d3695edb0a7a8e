/**
 * The rollout plan of a fleet: fleet → phases → batches → times → health outcome → risks. Pure and
 * deterministic for a given input and seed; the CLI reads files and renders the result.
 */
import { hotpatchCalendar, monthKind } from './calendar.js';
import { evaluate, mulberry32, runSeed } from './failures.js';
import { buildFleet, DEFAULT_OFF_PEAK, type FleetInput } from './fleet.js';
import { planPhases } from './phases.js';
import { HEALTH_GATE_MINUTES, schedule, startDelayMinutes, updateMinutes, type TimedWave } from './schedule.js';
import { iso, nextWindowSlot } from './time.js';
import { regionWaves, type PlannedWave } from './waves.js';
import type { Fleet, FleetTarget, MonteCarloResult, Plan, Retry, Risk, Scenario, Wave, WaveStatus } from './types.js';
import type { Inventory } from '../inventory/types.js';

export interface PlanOptions {
  scenario: Scenario;
  /** Monthly patch release the simulation starts from (00:00 UTC of that day). */
  startMs: number;
  inventory?: Inventory;
  seed?: number;
  /** Monte Carlo runs (random failures with the inventory's probability, default 1%). */
  runs?: number;
}

const THIRTY_DAYS_MS = 30 * 24 * 3_600_000;
export const DEFAULT_RANDOM_FAILURE_PROBABILITY = 0.01;

export function planRollout(inputs: readonly FleetInput[], options: PlanOptions): Plan {
  const seed = options.seed ?? 1;
  const inventory = options.inventory;
  const everyoneUnplanned = inventory?.unplannedBaselines ?? [];
  const startMonth = monthKind(new Date(options.startMs).toISOString().slice(0, 7), new Set(everyoneUnplanned));
  const fleet = buildFleet(inputs, { scenario: options.scenario, inventory, hotpatchReboot: startMonth.reboot });
  const calendar = options.scenario === 'hotpatch-calendar' ? calendarOf(fleet, options.startMs, everyoneUnplanned) : undefined;

  const regionTargets = new Map<string, FleetTarget[]>();
  for (const target of fleet.targets) {
    const list = regionTargets.get(target.target.region);
    if (list) list.push(target);
    else regionTargets.set(target.target.region, [target]);
  }
  const phases = planPhases(new Map([...regionTargets].map(([region, list]) => [region, list.length])), inventory?.phases);
  const wavesByRegion = new Map<string, PlannedWave[]>();
  for (const [region, list] of regionTargets) wavesByRegion.set(region, regionWaves(region, list, fleet.groups));

  const minutes = updateMinutes(options.scenario, startMonth.reboot);
  const startMs = options.startMs + startDelayMinutes(options.scenario) * 60_000;
  const timed = schedule(phases, wavesByRegion, startMs, minutes, fleet.groups);
  const probability = inventory?.randomFailures?.probability;
  const rng = mulberry32(seed);
  const outcome = evaluate(timed.phases, timed.waves, fleet.groups, probability ? { probability, next: rng } : undefined);

  const waves: Wave[] = timed.waves.map((wave, index) => {
    const out: Wave = {
      index: index + 1,
      phase: wave.phase,
      region: wave.region,
      zone: wave.zone,
      start: iso(wave.startMs),
      end: iso(wave.endMs),
      status: outcome.waveStatus[index],
      targets: wave.members.map((member) => member.target),
    };
    if (wave.pauseMs > 0) out.pauseMinutes = Math.round((wave.pauseMs / 60_000) * 100) / 100;
    return out;
  });
  const risks: Risk[] = [...fleet.risks];
  // GP18: transient installation failures of waves that ran are retried in the target's next off-peak window.
  const retried = retries(timed.waves, outcome.waveStatus, minutes, risks);
  const phasesEndMs = timed.phases.length > 0 ? timed.phases[timed.phases.length - 1].endMs : startMs;
  const endMs = Math.max(phasesEndMs, retried.endMs);
  if (endMs - options.startMs > THIRTY_DAYS_MS) {
    risks.push({ id: 'rollout-over-30-days', severity: 'error', message: `the rollout takes ${days(endMs - options.startMs)} days: more than the 30 days in which Azure installs the month's patches; targets past day 30 are patched with the next release`, requirements: ['GP18'] });
  }
  if (outcome.stop) {
    const stop = outcome.stop;
    risks.push({ id: 'rollout-stopped', severity: 'error', message: `the rollout stops in phase ${stop.phase} (${stop.region}, wave ${stop.wave}): ${stop.reason}`, requirements: stop.requirements, region: stop.region });
  }
  sortRisks(risks);
  const count = (severity: Risk['severity']) => risks.filter((risk) => risk.severity === severity).length;
  const plan: Plan = {
    scenario: options.scenario,
    start: iso(options.startMs),
    seed,
    model: { phaseOrder: inventory?.phases ? 'inventory' : 'default', offPeakDefault: `${(inventory?.defaults?.offPeak ?? DEFAULT_OFF_PEAK).start}-${(inventory?.defaults?.offPeak ?? DEFAULT_OFF_PEAK).end}`, healthGateMinutes: HEALTH_GATE_MINUTES, updateMinutes: minutes },
    phases: timed.phases.map((phase, index) => ({ index: phase.index, regions: phase.regions, start: iso(phase.startMs), end: iso(phase.endMs), status: outcome.phaseStatus[index] })),
    waves,
    excluded: fleet.excluded,
    risks,
    failures: outcome.failures,
    summary: {
      targets: fleet.targets.length,
      excluded: fleet.excluded.length,
      regions: regionTargets.size,
      phases: timed.phases.length,
      waves: waves.length,
      end: iso(endMs),
      durationHours: Math.round(((endMs - options.startMs) / 3_600_000) * 10) / 10,
      withinThirtyDays: endMs - options.startMs <= THIRTY_DAYS_MS,
      status: outcome.stop ? 'stopped' : 'completed',
      stoppedAt: outcome.stop,
      failures: outcome.failures.length,
      risks: { error: count('error'), warning: count('warning'), info: count('info') },
    },
  };
  if (calendar) plan.calendar = calendar;
  if (retried.list.length > 0) plan.retries = retried.list;
  if (options.runs !== undefined && options.runs > 0) {
    plan.monteCarlo = monteCarlo(timed, fleet, options.runs, seed, probability ?? DEFAULT_RANDOM_FAILURE_PROBABILITY);
  }
  return plan;
}

function retries(waves: readonly TimedWave[], status: readonly WaveStatus[], minutes: number, risks: Risk[]): { list: Retry[]; endMs: number } {
  const list: Retry[] = [];
  let endMs = 0;
  const first = new Map<string, { target: FleetTarget; startMs: number; count: number }>();
  waves.forEach((wave, index) => {
    if (status[index] !== 'completed') return;
    for (const member of wave.members) {
      if (!member.transientFailure) continue;
      const start = nextWindowSlot(wave.endMs, member.timeZone, member.window, minutes);
      const end = start + (minutes + HEALTH_GATE_MINUTES) * 60_000;
      list.push({ target: member.target.id, wave: index + 1, start: iso(start), end: iso(end) });
      if (end > endMs) endMs = end;
      const resource = member.target.scaleSet ?? member.target.name;
      const seen = first.get(resource);
      if (seen) seen.count += 1;
      else first.set(resource, { target: member, startMs: start, count: 1 });
    }
  });
  for (const [resource, { target, startMs, count }] of first) {
    const what = count > 1 ? `${count} patch installations fail` : 'its patch installation fails';
    risks.push({ id: 'install-retried', severity: 'info', message: `${resource}: ${what} (transient, inventory); retried in the next off-peak window, from ${iso(startMs)} (GP18)`, requirements: ['GP18'], resource, region: target.target.region });
  }
  return { list, endMs };
}

/** N seeded runs with random failures: how often the rollout stops, and where. */
function monteCarlo(timed: ReturnType<typeof schedule>, fleet: Fleet, runs: number, seed: number, probability: number): MonteCarloResult {
  const where = new Map<string, { phase: number; region: string; count: number }>();
  let stopped = 0;
  for (let run = 0; run < runs; run += 1) {
    const next = mulberry32(runSeed(seed, run));
    const outcome = evaluate(timed.phases, timed.waves, fleet.groups, { probability, next });
    if (!outcome.stop) continue;
    stopped += 1;
    const key = `${outcome.stop.phase}|${outcome.stop.region}`;
    const entry = where.get(key) ?? { phase: outcome.stop.phase, region: outcome.stop.region, count: 0 };
    entry.count += 1;
    where.set(key, entry);
  }
  const stops = [...where.values()].sort((a, b) => b.count - a.count || a.phase - b.phase || (a.region < b.region ? -1 : 1));
  return { runs, seed, probability, stopped, stopRate: Math.round((stopped / runs) * 10_000) / 10_000, stops };
}

function calendarOf(fleet: Fleet, startMs: number, everyone: readonly string[]) {
  const perVm = new Map<string, string[]>();
  for (const target of fleet.targets) {
    const own = fleet.unplannedBaselines.get(target.target.scaleSet ?? target.target.name) ?? fleet.unplannedBaselines.get(target.target.name);
    if (own) perVm.set(target.target.name, own);
  }
  const calendar = hotpatchCalendar(fleet.targets.map((target) => target.target.name), startMs, everyone, perVm);
  // The simulated month's reboot follows each VM's own calendar (an unplanned baseline reboots).
  fleet.targets.forEach((target, index) => {
    target.target.reboot = calendar[index].months[0].reboot ? 'yes' : 'no';
  });
  return calendar;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function sortRisks(risks: Risk[]): void {
  risks.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || ((a.resource ?? '') < (b.resource ?? '') ? -1 : (a.resource ?? '') > (b.resource ?? '') ? 1 : 0));
}

function days(ms: number): number {
  return Math.round((ms / 86_400_000) * 10) / 10;
}
