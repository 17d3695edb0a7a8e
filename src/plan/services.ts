/**
 * Services of the fleet (inventory `service`, else the `service` tag) and the `service-in-one-zone`
 * risk (AF3): a service whose every VM is in one known zone of one region.
 */
import { isExpressionText } from '../template/expression/text.js';
import type { InventoryResource } from '../inventory/types.js';
import { valueAt } from '../model/field.js';
import type { JsonPath } from '../model/source.js';
import { isUnknown } from '../model/unknown.js';
import type { Risk } from './types.js';

export const UNKNOWN = 'unknown';
const TAGS: JsonPath = ['tags'];

/** The service of a VM or scale set: inventory `service`, else a known `service` tag (key in any case); null otherwise. */
export function serviceOf(body: unknown, entry: InventoryResource): string | null {
  if (entry.service !== undefined) return entry.service;
  const tags = valueAt(body, TAGS);
  if (tags === null || typeof tags !== 'object' || isUnknown(tags) || Array.isArray(tags)) return null;
  for (const key of Object.keys(tags)) {
    if (key.toLowerCase() !== 'service') continue;
    const value = (tags as Record<string, unknown>)[key];
    // An expression (unknown before deployment) names no service.
    if (typeof value === 'string' && value.trim() !== '' && !isExpressionText(value)) return value.trim();
    return null;
  }
  return null;
}

interface ServicePlacement {
  regions: Set<string>;
  zones: Set<string | null>;
  resources: Set<string>;
  planned: number;
  members: number;
}

export class ServiceZones {
  private readonly services = new Map<string, ServicePlacement>();

  /** One VM (or `members` instances of a scale set) of a service; excluded VMs count too (`planned` false). */
  add(service: string, region: string, zone: string | null, resource: string, planned: boolean, members = 1): void {
    let entry = this.services.get(service);
    if (!entry) this.services.set(service, (entry = { regions: new Set(), zones: new Set(), resources: new Set(), planned: 0, members: 0 }));
    entry.regions.add(region);
    entry.zones.add(zone);
    entry.resources.add(resource);
    entry.members += members;
    if (planned) entry.planned += members;
  }

  /** Unknown or regional placement of any member, or an unknown region, says nothing: no risk. A scale set alone is `single-zone`. */
  risks(): Risk[] {
    const out: Risk[] = [];
    for (const [service, entry] of [...this.services].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      if (entry.planned === 0 || entry.members < 2 || entry.resources.size < 2 || entry.regions.size !== 1 || entry.zones.size !== 1) continue;
      const [zone] = entry.zones;
      const [region] = entry.regions;
      if (zone === null || zone === UNKNOWN || region === UNKNOWN) continue;
      out.push({
        id: 'service-in-one-zone',
        severity: 'warning',
        message: `service ${service}: all ${entry.members} VMs (${[...entry.resources].sort().join(', ')}) are in zone ${zone} of ${region}; a zone outage or the zone's update takes the whole service`,
        requirements: ['AF3'],
        resource: service,
        region,
      });
    }
    return out;
  }
}
