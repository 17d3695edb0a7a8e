/** Small helpers the text and markdown views share. */
import type { Excluded, Plan, Risk, Target, Wave } from '../types.js';

/** `2026-12-09T22:00:00Z` → `2026-12-09 22:00`. */
export function shortTime(value: string): string {
  return value.slice(0, 16).replace('T', ' ');
}

/** `9.8 h`, or `5.2 days (125.6 h)` from two days on. */
export function duration(hours: number): string {
  return hours < 48 ? `${hours} h` : `${Math.round((hours / 24) * 10) / 10} days (${hours} h)`;
}

/** Wave content in a few words: `3 VMs, 2 instances of web-vmss`. */
export function describeTargets(targets: readonly Target[], limit = 4): string {
  const vms = targets.filter((target) => target.scaleSet === null).map((target) => target.name);
  const sets = new Map<string, number>();
  for (const target of targets) if (target.scaleSet !== null) sets.set(target.scaleSet, (sets.get(target.scaleSet) ?? 0) + 1);
  const parts: string[] = [];
  if (vms.length > 0) parts.push(vms.length <= limit ? vms.join(', ') : `${vms.slice(0, limit).join(', ')} +${vms.length - limit} VMs`);
  const shown = [...sets].slice(0, limit);
  for (const [set, count] of shown) parts.push(`${count} of ${set}`);
  if (sets.size > limit) parts.push(`+${sets.size - limit} scale sets`);
  return parts.join('; ');
}

/** Region, zone, and the update domain when every target of the wave is in the same one. */
export function where(wave: Wave): string {
  const first = wave.targets[0]?.updateDomain ?? null;
  const oneDomain = first !== null && wave.targets.every((target) => target.updateDomain === first);
  return `${wave.region}${wave.zone !== null ? ` zone ${wave.zone}` : ''}${oneDomain ? ` UD ${first}` : ''}`;
}

export interface RiskGroup {
  id: string;
  severity: Risk['severity'];
  count: number;
  example: Risk;
  requirements: string[];
}

/** Risks by id (in the plan's order: errors first): a 10k fleet has thousands of the same note. */
export function groupRisks(risks: readonly Risk[]): RiskGroup[] {
  const groups = new Map<string, RiskGroup>();
  for (const risk of risks) {
    const group = groups.get(risk.id);
    if (group) group.count += 1;
    else groups.set(risk.id, { id: risk.id, severity: risk.severity, count: 1, example: risk, requirements: risk.requirements });
  }
  return [...groups.values()];
}

export interface ExclusionGroup {
  reason: string;
  names: string[];
}

/** Excluded resources by reason, largest first. */
export function groupExclusions(excluded: readonly Excluded[]): ExclusionGroup[] {
  const groups = new Map<string, string[]>();
  for (const entry of excluded) {
    const names = groups.get(entry.reason);
    if (names) names.push(entry.name);
    else groups.set(entry.reason, [entry.name]);
  }
  return [...groups].map(([reason, names]) => ({ reason, names })).sort((a, b) => b.names.length - a.names.length);
}

/** One line: what the plan concludes. */
export function verdict(plan: Plan): string {
  const s = plan.summary;
  const errors = plan.risks.filter((risk) => risk.severity === 'error');
  const scope = `${s.targets} targets in ${s.regions} regions, ${s.phases} phases`;
  const unknown = plan.phases.some((phase) => phase.regions.includes('unknown'))
    ? ` Targets in region "unknown" are planned as one region: give region in the inventory.`
    : '';
  if (s.targets === 0) return `Nothing to roll out: no target in the ${plan.scenario} rollout (${s.excluded} resources not in it).`;
  if (s.stoppedAt)
    return `Stops in phase ${s.stoppedAt.phase} (${s.stoppedAt.region}${s.stoppedAt.at ? `, ${shortTime(s.stoppedAt.at)} UTC` : ''}): ${s.stoppedAt.reason}. ${scope}.${unknown}`;
  if (errors.length > 0) return `${errors.length} error${errors.length > 1 ? 's' : ''}: ${errors[0].message}. ${scope}.${unknown}`;
  return `Completes in ${duration(s.durationHours)}: ${scope}; no error${s.risks.warning > 0 ? `, ${s.risks.warning} warning${s.risks.warning > 1 ? 's' : ''}` : ''}.${unknown}`;
}

/** One line per diff change of a group: `web (vmss:…): batch size 2 → 4; windows …`. */
export function describeGroupChange(change: NonNullable<NonNullable<Plan['diff']>['groupsChanged']>[number]): string {
  return `${change.name}: ${change.changes.map((c) => `${c.field} ${c.before} → ${c.after}`).join('; ')}`;
}
