/** Small helpers the text and markdown views share. */
import type { Target, Wave } from '../types.js';

/** `2026-12-09T22:00:00Z` → `2026-12-09 22:00`. */
export function shortTime(value: string): string {
  return value.slice(0, 16).replace('T', ' ');
}

/** Wave content in a few words: `3 VMs, 2 instances of web-vmss`. */
export function describeTargets(targets: readonly Target[], limit = 4): string {
  const vms = targets.filter((target) => target.scaleSet === null).map((target) => target.name);
  const sets = new Map<string, number>();
  for (const target of targets) if (target.scaleSet !== null) sets.set(target.scaleSet, (sets.get(target.scaleSet) ?? 0) + 1);
  const parts: string[] = [];
  if (vms.length > 0) parts.push(vms.length <= limit ? vms.join(', ') : `${vms.slice(0, limit).join(', ')} +${vms.length - limit} VMs`);
  for (const [set, count] of sets) parts.push(`${count} of ${set}`);
  return parts.join('; ');
}

export function where(wave: Wave): string {
  const domains = [...new Set(wave.targets.map((target) => target.updateDomain).filter((domain) => domain !== null))];
  return `${wave.region}${wave.zone !== null ? ` zone ${wave.zone}` : ''}${domains.length === 1 ? ` UD ${domains[0]}` : ''}`;
}
