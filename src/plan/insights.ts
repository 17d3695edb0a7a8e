/**
 * What a reviewer reads first (PlanInsights): time to 50/90/100% coverage, reboots, the most
 * targets updating at once, the largest share of any availability set, scale set, service or zone
 * down at once, and per phase the share of the fleet it exposes.
 */
import type { Phase, PlanInsights, Retry, Wave } from './types.js';

const HOUR = 3_600_000;
const MAX_SHARES = 10;

export function planInsights(phases: readonly Phase[], waves: readonly Wave[], retries: readonly Retry[], releaseMs: number): PlanInsights {
  let total = 0;
  for (const wave of waves) total += wave.targets.length;
  return {
    coverageHours: coverage(waves, retries, total, releaseMs),
    reboots: reboots(waves),
    peakConcurrent: peak(waves),
    largestShareDown: shares(waves),
    phases: phaseShares(phases, waves, total),
  };
}

/** Hours until 50, 90, 100% of the targets are updated; a target retried counts at its retry's end. */
function coverage(waves: readonly Wave[], retries: readonly Retry[], total: number, releaseMs: number): PlanInsights['coverageHours'] {
  const retried = new Map(retries.map((retry) => [retry.target, Date.parse(retry.end)]));
  const done: Array<[number, number]> = [];
  for (const wave of waves) {
    if (wave.status !== 'completed') continue;
    const end = Date.parse(wave.end);
    let count = wave.targets.length;
    // Most plans have no retry: no per-target look-up (target ids are long concatenated strings).
    if (retried.size > 0) {
      for (const target of wave.targets) {
        const retry = retried.get(target.id);
        if (retry !== undefined) {
          count -= 1;
          done.push([retry, 1]);
        }
      }
    }
    if (count > 0) done.push([end, count]);
  }
  done.sort((a, b) => a[0] - b[0]);
  const at = (share: number): number | null => {
    if (total === 0) return null;
    let sum = 0;
    for (const [time, count] of done) {
      sum += count;
      if (sum >= share * total - 1e-9) return Math.round(((time - releaseMs) / HOUR) * 10) / 10;
    }
    return null;
  };
  return { p50: at(0.5), p90: at(0.9), p100: at(1) };
}

function reboots(waves: readonly Wave[]): PlanInsights['reboots'] {
  let yes = 0;
  let ifRequired = 0;
  for (const wave of waves) {
    for (const target of wave.targets) {
      if (target.reboot === 'yes') yes += 1;
      else if (target.reboot === 'if-required') ifRequired += 1;
    }
  }
  return { yes, ifRequired };
}

/** Sweep over wave starts and ends (ends first at the same instant). */
function sweep(waves: readonly Wave[], onWave: (wave: Wave, sign: 1 | -1) => void): void {
  const events: Array<[number, 1 | -1, Wave]> = [];
  for (const wave of waves) {
    events.push([Date.parse(wave.start), 1, wave]);
    events.push([Date.parse(wave.end), -1, wave]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [, sign, wave] of events) onWave(wave, sign);
}

function peak(waves: readonly Wave[]): number {
  let now = 0;
  let most = 0;
  sweep(waves, (wave, sign) => {
    now += sign * wave.targets.length;
    if (now > most) most = now;
  });
  return most;
}

type ShareKind = PlanInsights['largestShareDown'][number]['kind'];

function shares(waves: readonly Wave[]): PlanInsights['largestShareDown'] {
  const totals = new Map<string, number>();
  const perWave = new Map<Wave, Map<string, number>>();
  const keys = new EntityKeys();
  for (const wave of waves) {
    const counts = new Map<string, number>();
    const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const target of wave.targets) {
      if (target.availabilitySet !== null) add(keys.of('availability-set', target.availabilitySet));
      if (target.scaleSet !== null) add(keys.of('scale-set', target.scaleSet));
      if (target.service !== undefined) add(keys.of('service', target.service));
      if (target.zone !== null) add(keys.of('zone', `${target.region} zone ${target.zone}`));
    }
    perWave.set(wave, counts);
    for (const [key, count] of counts) totals.set(key, (totals.get(key) ?? 0) + count);
  }
  const now = new Map<string, number>();
  const most = new Map<string, number>();
  sweep(waves, (wave, sign) => {
    for (const [key, count] of perWave.get(wave)!) {
      const value = (now.get(key) ?? 0) + sign * count;
      now.set(key, value);
      if (value > (most.get(key) ?? 0)) most.set(key, value);
    }
  });
  const rows = [...most].map(([key, down]) => {
    const cut = key.indexOf('\u0000');
    const of = totals.get(key)!;
    return { kind: key.slice(0, cut) as ShareKind, name: key.slice(cut + 1), down, of, percent: Math.round((down / of) * 1000) / 10 };
  });
  // A group of one target is always 100% down: list it only after real shares.
  rows.sort((a, b) => Number(a.of === 1) - Number(b.of === 1) || b.percent - a.percent || b.down - a.down || (a.name < b.name ? -1 : 1));
  return rows.slice(0, MAX_SHARES);
}

/** One key string per (kind, name), built once: a large fleet repeats a few names many times. */
class EntityKeys {
  private readonly byKind = new Map<ShareKind, Map<string, string>>();

  of(kind: ShareKind, name: string): string {
    let names = this.byKind.get(kind);
    if (!names) this.byKind.set(kind, (names = new Map()));
    let key = names.get(name);
    if (key === undefined) names.set(name, (key = `${kind}\u0000${name}`));
    return key;
  }
}

function phaseShares(phases: readonly Phase[], waves: readonly Wave[], total: number): PlanInsights['phases'] {
  const perPhase = new Map<number, number>();
  for (const wave of waves) perPhase.set(wave.phase, (perPhase.get(wave.phase) ?? 0) + wave.targets.length);
  let cumulative = 0;
  return phases.map((phase) => {
    const targets = perPhase.get(phase.index) ?? 0;
    cumulative += targets;
    const percent = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 10);
    return {
      index: phase.index,
      regions: phase.regions,
      targets,
      percentOfFleet: percent(targets),
      cumulativePercent: percent(cumulative),
      days: Math.round(((Date.parse(phase.end) - Date.parse(phase.start)) / (24 * HOUR)) * 10) / 10,
    };
  });
}
