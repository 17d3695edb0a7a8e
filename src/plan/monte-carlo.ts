/**
 * Monte Carlo of failures over a fixed schedule (`--runs`). It never changes the main plan: the main
 * plan has only the inventory's injected failures, so its exit code does not depend on a draw.
 *
 * - Independent: every target fails its health gate with probability p (inventory
 *   `randomFailures.probability`, default 1%). For N targets this mostly restates 1-(1-p)^N.
 * - Correlated: what phases exist to catch. Each cohort (targets that get the same release: the
 *   same image, or the same upgrading extensions and versions) is bad with probability q (default
 *   5%); every target of a bad cohort fails together. Reported: how many targets got a bad release
 *   before the gates stopped it, and in which phase it was caught.
 */
import { evaluate, mulberry32, runSeed } from './failures.js';
import type { Schedule } from './schedule.js';
import type { CorrelatedResult, Fleet, MonteCarloResult } from './types.js';

export const DEFAULT_RANDOM_FAILURE_PROBABILITY = 0.01;
export const DEFAULT_BAD_RELEASE_PROBABILITY = 0.05;

export function monteCarlo(timed: Schedule, fleet: Fleet, runs: number, seed: number, probability: number): MonteCarloResult {
  const where = new Map<string, { phase: number; region: string; count: number }>();
  const lastPhase = timed.phases.length;
  let stopped = 0;
  let caughtInLastPhase = 0;
  for (let run = 0; run < runs; run += 1) {
    const next = mulberry32(runSeed(seed, run));
    const outcome = evaluate(timed.phases, timed.waves, fleet.groups, () => next() < probability);
    if (!outcome.stop) continue;
    stopped += 1;
    if (outcome.stop.phase === lastPhase) caughtInLastPhase += 1;
    const key = `${outcome.stop.phase}|${outcome.stop.region}`;
    const entry = where.get(key) ?? { phase: outcome.stop.phase, region: outcome.stop.region, count: 0 };
    entry.count += 1;
    where.set(key, entry);
  }
  const stops = [...where.values()].sort((a, b) => b.count - a.count || a.phase - b.phase || (a.region < b.region ? -1 : 1));
  return {
    runs,
    seed,
    probability,
    stopped,
    stopRate: Math.round((stopped / runs) * 10_000) / 10_000,
    stops,
    caughtInLastPhase,
    correlated: correlated(timed, fleet, runs, seed, DEFAULT_BAD_RELEASE_PROBABILITY),
  };
}

function correlated(timed: Schedule, fleet: Fleet, runs: number, seed: number, probability: number): CorrelatedResult {
  const cohorts = [...new Set(fleet.targets.map((target) => target.cohort))].sort();
  const lastPhase = timed.phases.length;
  const exposed: number[] = [];
  const caught = new Map<number, number>();
  let stoppedBeforeLastPhase = 0;
  for (let run = 0; run < runs; run += 1) {
    // A different stream from the independent runs of the same seed.
    const next = mulberry32(runSeed(seed ^ 0x5bd1e995, run));
    const bad = new Set(cohorts.filter(() => next() < probability));
    if (bad.size === 0) continue;
    const outcome = evaluate(timed.phases, timed.waves, fleet.groups, (member) => bad.has(member.cohort));
    exposed.push(outcome.failures.length);
    if (outcome.stop) {
      caught.set(outcome.stop.phase, (caught.get(outcome.stop.phase) ?? 0) + 1);
      if (outcome.stop.phase < lastPhase) stoppedBeforeLastPhase += 1;
    }
  }
  exposed.sort((a, b) => a - b);
  const mean = exposed.length > 0 ? Math.round((exposed.reduce((sum, n) => sum + n, 0) / exposed.length) * 10) / 10 : 0;
  return {
    probability,
    cohorts: cohorts.length,
    badRuns: exposed.length,
    stoppedBeforeLastPhase,
    exposed: {
      mean,
      p90: exposed.length > 0 ? exposed[Math.min(exposed.length - 1, Math.ceil(exposed.length * 0.9) - 1)] : 0,
      max: exposed.length > 0 ? exposed[exposed.length - 1] : 0,
    },
    caughtIn: [...caught].map(([phase, count]) => ({ phase, count })).sort((a, b) => b.count - a.count || a.phase - b.phase),
  };
}
