/**
 * Batches inside a region (AF3–AF6, CF11, EU5). Availability zones go one at a time (regional VMs
 * first, then zones in order, unknown last): a zone step is the only barrier across the region.
 * Inside a zone step every batching group is a chain of its own batches, update domain by update
 * domain; chains share no constraint, so the scheduler runs them side by side, each in its own
 * windows. VMs outside sets are one chain per off-peak window (time zone): AF4 batches them best
 * effort, and VMs in different time zones have no reason to wait for each other.
 */
import { UNKNOWN } from './services.js';
import type { FleetGroup, FleetTarget } from './types.js';

export interface Chain {
  group: FleetGroup;
  /** Batches in order; one batch never spans two update domains. */
  batches: FleetTarget[][];
}

export interface ZoneStep {
  region: string;
  zone: string | null;
  chains: Chain[];
}

/**
 * Batch size of a group, minimum one (OU10, EU5, AF4, CF11): its percent of the group's size.
 * Availability sets: one at a time below 10 VMs, else 20% of the set's VMs (S1: "no more than 20%
 * of the VMs within an availability set"), always inside one update domain.
 */
export function batchSize(group: FleetGroup): number {
  if (group.oneAtATime) return 1;
  return Math.max(1, Math.floor((group.size * group.batchPercent) / 100));
}

export function regionSteps(region: string, targets: readonly FleetTarget[], groups: ReadonlyMap<string, FleetGroup>): ZoneStep[] {
  const byZone = new Map<string | null, Map<string, FleetTarget[]>>();
  for (const target of targets) {
    let chains = byZone.get(target.target.zone);
    if (!chains) byZone.set(target.target.zone, (chains = new Map()));
    const group = groups.get(target.group)!;
    const chainKey = group.kind === 'standalone' ? `${target.group}|${target.windowKey}` : target.group;
    const list = chains.get(chainKey);
    if (list) list.push(target);
    else chains.set(chainKey, [target]);
  }
  return [...byZone.keys()].sort(zoneOrder).map((zone) => ({
    region,
    zone,
    chains: [...byZone.get(zone)!.values()].map((members) => {
      const group = groups.get(members[0].group)!;
      return { group, batches: groupBatches(group, members) };
    }),
  }));
}

/** One group's batches in one zone: update domain by update domain, chunks of the batch size. */
function groupBatches(group: FleetGroup, members: FleetTarget[]): FleetTarget[][] {
  const size = batchSize(group);
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
    if (inDomain.length <= size) batches.push(inDomain);
    else for (let i = 0; i < inDomain.length; i += size) batches.push(inDomain.slice(i, i + size));
  }
  return batches;
}

function zoneOrder(a: string | null, b: string | null): number {
  const rank = (zone: string | null) => (zone === null ? 0 : zone === UNKNOWN ? 2 : 1);
  return rank(a) - rank(b) || (a ?? '').localeCompare(b ?? '', 'en', { numeric: true });
}
