/** How a change moves the plan (`--baseline`): resources in or out of the rollout, phases, waves, risks. */
import type { Plan, PlanDiff, Risk } from './types.js';

/** `file#vmss/3` → `file#vmss`: the resource a target belongs to. */
function resourceOf(id: string): string {
  return id.replace(/\/\d+$/, '');
}

function resources(plan: Plan): Set<string> {
  const out = new Set<string>();
  for (const wave of plan.waves) for (const target of wave.targets) out.add(resourceOf(target.id));
  return out;
}

const riskKey = (risk: Risk) => `${risk.id}|${risk.resource ?? ''}|${risk.region ?? ''}`;

export function diffPlans(before: Plan, after: Plan): PlanDiff {
  const was = resources(before);
  const now = resources(after);
  const entered = [...now].filter((id) => !was.has(id)).sort();
  const left = [...was].filter((id) => !now.has(id)).sort();
  const phasesChanged: PlanDiff['phasesChanged'] = [];
  for (let i = 0; i < Math.max(before.phases.length, after.phases.length); i += 1) {
    const a = before.phases[i]?.regions ?? [];
    const b = after.phases[i]?.regions ?? [];
    if (a.join(',') !== b.join(',')) phasesChanged.push({ index: i + 1, before: a, after: b });
  }
  const count = (plan: Plan) => {
    const map = new Map<string, number>();
    for (const wave of plan.waves) map.set(wave.region, (map.get(wave.region) ?? 0) + 1);
    return map;
  };
  const wavesBefore = count(before);
  const wavesAfter = count(after);
  const wavesChanged = [...new Set([...wavesBefore.keys(), ...wavesAfter.keys()])]
    .sort()
    .map((region) => ({ region, before: wavesBefore.get(region) ?? 0, after: wavesAfter.get(region) ?? 0 }))
    .filter((row) => row.before !== row.after);
  const oldRisks = new Set(before.risks.map(riskKey));
  const newRiskKeys = new Set(after.risks.map(riskKey));
  return {
    entered,
    left,
    phasesChanged,
    wavesChanged,
    newRisks: after.risks.filter((risk) => !oldRisks.has(riskKey(risk))),
    resolvedRisks: before.risks.filter((risk) => !newRiskKeys.has(riskKey(risk))),
    durationHours: { before: before.summary.durationHours, after: after.summary.durationHours },
  };
}

/** Display form of a resource key: `fleet.json#web01` → `web01 (fleet.json)`. */
export function describeResource(key: string): string {
  const cut = key.lastIndexOf('#');
  return cut < 0 ? key : `${key.slice(cut + 1)} (${key.slice(0, cut)})`;
}
