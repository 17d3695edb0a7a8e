/**
 * The rollout plan of a fleet: fleet → phases → batches → times → health outcome → risks. Pure and
 * deterministic for a given input and seed; the CLI reads files and renders the result.
 */
import { hotpatchCalendar, monthKind } from './calendar.js';
import { evaluate } from './failures.js';
import { buildFleet, DEFAULT_OFF_PEAK, type FleetInput } from './fleet.js';
import { groupSummaries } from './groups.js';
import { planInsights } from './insights.js';
import { DEFAULT_RANDOM_FAILURE_PROBABILITY, monteCarlo } from './monte-carlo.js';
import { planPhases } from './phases.js';
import { HEALTH_GATE_MINUTES, schedule, startDelayMinutes, updateMinutes, type TimedRetry, type TimedWave } from './schedule.js';
import { iso } from './time.js';
import { regionSteps, type ZoneStep } from './waves.js';
import type { Fleet, FleetTarget, Plan, Retry, Risk, Scenario, Wave, WaveStatus } from './types.js';
import type { Inventory } from '../inventory/types.js';

export interface PlanOptions {
  scenario: Scenario;
  /** Monthly patch release the simulation starts from (00:00 UTC of that day). */
  startMs: number;
  inventory?: Inventory;
  seed?: number;
  /** Monte Carlo runs (random failures with the inventory's probability, default 1%; correlated bad releases, 5%). */
  runs?: number;
}

const THIRTY_DAYS_MS = 30 * 24 * 3_600_000;
export { DEFAULT_RANDOM_FAILURE_PROBABILITY };

export function planRollout(inputs: readonly FleetInput[], options: PlanOptions): Plan {
  const seed = options.seed ?? 1;
  const inventory = options.inventory;
  const everyoneUnplanned = inventory?.unplannedBaselines ?? [];
  const startMonth = monthKind(new Date(options.startMs).toISOString().slice(0, 7), new Set(everyoneUnplanned));
  const minutes = updateMinutes(options.scenario, startMonth.reboot);
  const fleet = buildFleet(inputs, { scenario: options.scenario, inventory, hotpatchReboot: startMonth.reboot, updateMinutes: minutes });
  const calendar = options.scenario === 'hotpatch-calendar' ? calendarOf(fleet, options.startMs, everyoneUnplanned) : undefined;

  const regionTargets = new Map<string, FleetTarget[]>();
  for (const target of fleet.targets) {
    const list = regionTargets.get(target.target.region);
    if (list) list.push(target);
    else regionTargets.set(target.target.region, [target]);
  }
  const phases = planPhases(new Map([...regionTargets].map(([region, list]) => [region, list.length])), inventory?.phases);
  const stepsByRegion = new Map<string, ZoneStep[]>();
  for (const [region, list] of regionTargets) stepsByRegion.set(region, regionSteps(region, list, fleet.groups));

  const startMs = options.startMs + startDelayMinutes(options.scenario) * 60_000;
  const timed = schedule(phases, stepsByRegion, startMs);
  // The main plan has only the inventory's injected failures: random draws belong to --runs (D12).
  const outcome = evaluate(timed.phases, timed.waves, fleet.groups);

  const indexOf = new Map<TimedWave, number>();
  const waves: Wave[] = timed.waves.map((wave, index) => {
    indexOf.set(wave, index);
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
  const retried = retries(timed.retries, indexOf, outcome.waveStatus, risks);
  // An empty plan ends when it starts (no OS-upgrade delay to wait for).
  const phasesEndMs = fleet.targets.length > 0 && timed.phases.length > 0 ? timed.phases[timed.phases.length - 1].endMs : options.startMs;
  const endMs = Math.max(phasesEndMs, retried.endMs);
  if (endMs - options.startMs > THIRTY_DAYS_MS) {
    const late = pastDay30(waves, options.startMs + THIRTY_DAYS_MS);
    risks.push({
      id: 'rollout-over-30-days',
      severity: 'error',
      message: `the rollout takes ${days(endMs - options.startMs)} days: more than the 30 days in which Azure installs the month's patches; ${late} of ${fleet.targets.length} targets are updated after day 30 and get the next release instead`,
      requirements: ['GP18'],
    });
  }
  if (outcome.stop) {
    const stop = outcome.stop;
    risks.push({
      id: 'rollout-stopped',
      severity: 'error',
      message: `the rollout stops in phase ${stop.phase} (${stop.region}, wave ${stop.wave}${stop.at ? `, ${stop.at.slice(0, 16).replace('T', ' ')} UTC` : ''}): ${stop.reason}`,
      requirements: stop.requirements,
      region: stop.region,
    });
  }
  sortRisks(risks);
  const count = (severity: Risk['severity']) => risks.filter((risk) => risk.severity === severity).length;
  const offPeak = inventory?.defaults?.offPeak ?? DEFAULT_OFF_PEAK;
  const plan: Plan = {
    scenario: options.scenario,
    start: iso(options.startMs),
    seed,
    model: {
      phaseOrder: inventory?.phases ? 'inventory' : 'default',
      offPeakDefault: `${offPeak.start}-${offPeak.end}`,
      healthGateMinutes: HEALTH_GATE_MINUTES,
      updateMinutes: minutes,
    },
    phases: timed.phases.map((phase, index) => ({
      index: phase.index,
      regions: phase.regions,
      start: iso(phase.startMs),
      end: iso(phase.endMs),
      status: outcome.phaseStatus[index],
    })),
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
  plan.groups = groupSummaries(fleet, timed, options.scenario);
  plan.insights = planInsights(plan.phases, waves, retried.list, options.startMs);
  if (options.runs !== undefined && options.runs > 0) {
    plan.monteCarlo = monteCarlo(timed, fleet, options.runs, seed, inventory?.randomFailures?.probability ?? DEFAULT_RANDOM_FAILURE_PROBABILITY);
  }
  return plan;
}

function retries(
  timed: readonly TimedRetry[],
  indexOf: ReadonlyMap<TimedWave, number>,
  status: readonly WaveStatus[],
  risks: Risk[],
): { list: Retry[]; endMs: number } {
  const list: Retry[] = [];
  let endMs = 0;
  const first = new Map<string, { target: FleetTarget; startMs: number; count: number }>();
  for (const retry of [...timed].sort((a, b) => a.startMs - b.startMs)) {
    const index = indexOf.get(retry.wave)!;
    // Only waves that ran are retried.
    if (status[index] !== 'completed') continue;
    const member = retry.member;
    list.push({ target: member.target.id, wave: index + 1, start: iso(retry.startMs), end: iso(retry.endMs) });
    if (retry.endMs > endMs) endMs = retry.endMs;
    const resource = member.target.scaleSet ?? member.target.name;
    const seen = first.get(resource);
    if (seen) seen.count += 1;
    else first.set(resource, { target: member, startMs: retry.startMs, count: 1 });
  }
  for (const [resource, { target, startMs, count }] of first) {
    const what = count > 1 ? `${count} patch installations fail` : 'its patch installation fails';
    risks.push({
      id: 'install-retried',
      severity: 'info',
      message: `${resource}: ${what} (transient, inventory); retried in the next off-peak window, from ${iso(startMs)} (GP18)`,
      requirements: ['GP18'],
      resource,
      region: target.target.region,
    });
  }
  return { list, endMs };
}

/** Targets whose wave ends after day 30 of the release (GP18). */
function pastDay30(waves: readonly Wave[], limitMs: number): number {
  let late = 0;
  for (const wave of waves) if (Date.parse(wave.end) > limitMs) late += wave.targets.length;
  return late;
}

function calendarOf(fleet: Fleet, startMs: number, everyone: readonly string[]) {
  const perVm = new Map<string, string[]>();
  for (const target of fleet.targets) {
    const own = fleet.unplannedBaselines.get(target.target.scaleSet ?? target.target.name) ?? fleet.unplannedBaselines.get(target.target.name);
    if (own) perVm.set(target.target.name, own);
  }
  const calendar = hotpatchCalendar(
    fleet.targets.map((target) => target.target.name),
    startMs,
    everyone,
    perVm,
  );
  // The simulated month follows each VM's own calendar: an unplanned baseline reboots and takes a
  // baseline's time; a hotpatch month may still reboot for non-security, .NET or non-Windows updates (HP4).
  fleet.targets.forEach((target, index) => {
    const reboot = calendar[index].months[0].reboot;
    target.target.reboot = reboot ? 'yes' : 'if-required';
    target.updateMinutes = updateMinutes('hotpatch-calendar', reboot);
  });
  return calendar;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function sortRisks(risks: Risk[]): void {
  risks.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
      ((a.resource ?? '') < (b.resource ?? '') ? -1 : (a.resource ?? '') > (b.resource ?? '') ? 1 : 0),
  );
}

function days(ms: number): number {
  return Math.round((ms / 86_400_000) * 10) / 10;
}
