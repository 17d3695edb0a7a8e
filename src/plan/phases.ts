/**
 * Regions into phases (AF1, AF2). Azure does not publish its phase order, so this is a documented,
 * deterministic model (docs/plan.md): regions with the fewest targets first (the smallest blast
 * radius is the canary), phase capacity doubling (1, 2, 4, 8 … regions), and a region never placed
 * in a phase that holds its geo-pair. An inventory phase file replaces the order for the regions
 * it lists; the others follow with the default model. Regions whose location is unknown come last,
 * in a phase of their own.
 */
import { arePaired } from '../catalog/regions.js';
import { UNKNOWN } from './fleet.js';
import { PlanInputError } from './types.js';

export function planPhases(regionTargets: ReadonlyMap<string, number>, override?: readonly (readonly string[])[]): string[][] {
  const remaining = new Set(regionTargets.keys());
  const phases: string[][] = [];
  if (override) {
    override.forEach((listed, index) => {
      const phase = listed.map((region) => region.replace(/[\s_-]+/g, '').toLowerCase()).filter((region) => remaining.has(region));
      for (let i = 0; i < phase.length; i += 1) {
        for (let j = i + 1; j < phase.length; j += 1) {
          if (arePaired(phase[i], phase[j]))
            throw new PlanInputError(`inventory phase ${index + 1} holds ${phase[i]} and ${phase[j]}, a geo-pair: paired regions never share a phase (AF2)`);
        }
      }
      for (const region of phase) remaining.delete(region);
      if (phase.length > 0) phases.push(phase);
    });
  }
  const unknown = remaining.delete(UNKNOWN);
  const ordered = [...remaining].sort((a, b) => regionTargets.get(a)! - regionTargets.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
  const first = phases.length;
  for (const region of ordered) {
    let placed = false;
    for (let p = first; p < phases.length && !placed; p += 1) {
      if (phases[p].length < capacity(p - first) && !phases[p].some((other) => arePaired(other, region))) {
        phases[p].push(region);
        placed = true;
      }
    }
    if (!placed) phases.push([region]);
  }
  if (unknown) phases.push([UNKNOWN]);
  return phases;
}

/** 1, 2, 4, 8 … regions per phase: exposure grows only after smaller phases succeeded. */
function capacity(phaseFromFirst: number): number {
  return 2 ** Math.min(phaseFromFirst, 20);
}
