/** How a change moves the plan (`--baseline`): resources in or out of the rollout, phases, waves, risks. */
import type { GroupSummary, Plan, PlanDiff, Risk, Target } from './types.js';

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
  const groupsChanged = changedGroups(before.groups ?? [], after.groups ?? []);
  const targetsMoved = movedTargets(before, after);
  return {
    entered,
    left,
    phasesChanged,
    wavesChanged,
    newRisks: after.risks.filter((risk) => !oldRisks.has(riskKey(risk))),
    resolvedRisks: before.risks.filter((risk) => !newRiskKeys.has(riskKey(risk))),
    durationHours: { before: before.summary.durationHours, after: after.summary.durationHours },
    ...(groupsChanged.length > 0 ? { groupsChanged } : {}),
    ...(targetsMoved.length > 0 ? { targetsMoved } : {}),
  };
}

/** The fields of a group a reviewer compares, as text. */
const GROUP_FIELDS: Array<[string, (group: GroupSummary) => string]> = [
  ['region', (group) => group.region],
  ['targets', (group) => String(group.targets)],
  ['batch size', (group) => String(group.batchSize)],
  ['batches', (group) => String(group.batches)],
  ['update domains', (group) => (group.updateDomains === null ? '-' : String(group.updateDomains))],
  ['zones', (group) => group.zones.join(', ')],
  ['time zones', (group) => group.timeZones.join(', ')],
  ['windows', (group) => group.windows.join(', ')],
  ['pause (min)', (group) => String(group.pauseMinutes)],
  ['first-upgrade delay (min)', (group) => String(group.firstUpgradeDelayMinutes)],
  ['rollback', (group) => group.rollback],
];

/** Groups in both plans whose shape changed, before → after per field (D9). */
function changedGroups(before: readonly GroupSummary[], after: readonly GroupSummary[]): NonNullable<PlanDiff['groupsChanged']> {
  const was = new Map(before.map((group) => [group.key, group]));
  const out: NonNullable<PlanDiff['groupsChanged']> = [];
  for (const group of after) {
    const old = was.get(group.key);
    if (!old) continue;
    const changes = GROUP_FIELDS.map(([field, text]) => ({ field, before: text(old), after: text(group) })).filter((change) => change.before !== change.after);
    if (changes.length > 0) out.push({ group: group.key, name: group.name, changes });
  }
  return out;
}

/** Targets in both plans that moved region, zone or update domain. */
function movedTargets(before: Plan, after: Plan): NonNullable<PlanDiff['targetsMoved']> {
  const was = new Map<string, Target>();
  for (const wave of before.waves) for (const target of wave.targets) was.set(target.id, target);
  const out: NonNullable<PlanDiff['targetsMoved']> = [];
  const text = (value: string | number | null) => (value === null ? 'none' : String(value));
  for (const wave of after.waves) {
    for (const target of wave.targets) {
      const old = was.get(target.id);
      if (!old) continue;
      if (old.region !== target.region) out.push({ target: target.id, field: 'region', before: old.region, after: target.region });
      if (old.zone !== target.zone) out.push({ target: target.id, field: 'zone', before: text(old.zone), after: text(target.zone) });
      if (old.updateDomain !== target.updateDomain)
        out.push({ target: target.id, field: 'updateDomain', before: text(old.updateDomain), after: text(target.updateDomain) });
    }
  }
  return out.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

/** Display form of a resource key: `fleet.json#web01` → `web01 (fleet.json)`. */
export function describeResource(key: string): string {
  const cut = key.lastIndexOf('#');
  return cut < 0 ? key : `${key.slice(cut + 1)} (${key.slice(0, cut)})`;
}
