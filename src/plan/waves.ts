/**
 * Batches inside a region (AF3–AF6, CF11, EU5): availability zones one at a time (regional VMs
 * first, then zones in order, unknown last); inside a zone step every batching group contributes
 * its k-th batch to the k-th wave, so a wave touches one zone of the region and at most one update
 * domain of any availability set or scale set.
 */
import { UNKNOWN } from './fleet.js';
import type { FleetGroup, FleetTarget } from './types.js';

export interface PlannedWave {
  region: string;
  zone: string | null;
  members: FleetTarget[];
}

/** Batch size of a group: its percent of the group's size (floor), minimum one (OU10, EU5, AF4). */
export function batchSize(group: FleetGroup, ofCount: number = group.size): number {
  if (group.oneAtATime) return 1;
  return Math.max(1, Math.floor((ofCount * group.batchPercent) / 100));
}

export function regionWaves(region: string, targets: readonly FleetTarget[], groups: ReadonlyMap<string, FleetGroup>): PlannedWave[] {
  const byZone = new Map<string | null, FleetTarget[]>();
  for (const target of targets) {
    const list = byZone.get(target.target.zone);
    if (list) list.push(target);
    else byZone.set(target.target.zone, [target]);
  }
  const waves: PlannedWave[] = [];
  for (const zone of [...byZone.keys()].sort(zoneOrder)) {
    const perGroup = new Map<string, FleetTarget[]>();
    for (const target of byZone.get(zone)!) {
      const list = perGroup.get(target.group);
      if (list) list.push(target);
      else perGroup.set(target.group, [target]);
    }
    const batchesPerGroup = [...perGroup].map(([key, members]) => groupBatches(groups.get(key)!, members));
    const count = Math.max(0, ...batchesPerGroup.map((batches) => batches.length));
    for (let k = 0; k < count; k += 1) {
      const members: FleetTarget[] = [];
      for (const batches of batchesPerGroup) if (k < batches.length) members.push(...batches[k]);
      waves.push({ region, zone, members });
    }
  }
  return waves;
}

/** One group's batches in one zone: update domain by update domain, chunks of the batch size. */
function groupBatches(group: FleetGroup, members: FleetTarget[]): FleetTarget[][] {
  const byDomain = new Map<number, FleetTarget[]>();
  for (const member of members) {
    const domain = member.target.updateDomain ?? -1;
    const list = byDomain.get(domain);
    if (list) list.push(member);
    else byDomain.set(domain, [member]);
  }
  const batches: FleetTarget[][] = [];
  for (const domain of [...byDomain.keys()].sort((a, b) => a - b)) {
    const inDomain = byDomain.get(domain)!;
    // Availability sets: at most 20% of the update domain's VMs (CF11); others: percent of the whole set.
    const size = group.kind === 'availability-set' ? batchSize(group, inDomain.length) : batchSize(group);
    for (let i = 0; i < inDomain.length; i += size) batches.push(inDomain.slice(i, i + size));
  }
  return batches;
}

function zoneOrder(a: string | null, b: string | null): number {
  const rank = (zone: string | null) => (zone === null ? 0 : zone === UNKNOWN ? 2 : 1);
  return rank(a) - rank(b) || (a ?? '').localeCompare(b ?? '', 'en', { numeric: true });
}
