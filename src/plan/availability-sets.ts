/**
 * Availability sets of a plan run (AF5, CF11), resolved across every template of the run: a VM's
 * `availabilitySet.id` names its set whether the set is declared in the same file, in another
 * template of the run, or nowhere (an `existing` set, or one of another deployment). A set never
 * declared keeps its name from the id; its update domains come from the inventory's
 * `updateDomain` of its VMs, else Azure's default of 5.
 */
import { isKnown, type Field } from '../model/field.js';
import type { InventoryResource } from '../inventory/types.js';
import type { Model } from '../model/types.js';
import { isUnknown } from '../model/unknown.js';

/** Azure's default platformUpdateDomainCount. */
export const DEFAULT_UPDATE_DOMAINS = 5;

export interface ResolvedSet {
  key: string;
  name: string;
  updateDomains: number;
  /** VMs of the set in every template of the run (planned or not). */
  size: number;
  /** Next update domain of the round-robin (declaration order). */
  next: number;
  /** Not declared in any template of the run. */
  external: boolean;
}

export class AvailabilitySets {
  /** Sets by file, then by lower-case name. */
  private readonly declared = new Map<string, Map<string, ResolvedSet>>();
  /** First declaration of each name in the run. */
  private readonly anywhere = new Map<string, ResolvedSet>();
  private readonly undeclared = new Map<string, ResolvedSet>();

  constructor(inputs: ReadonlyArray<{ file: string; model: Model }>, lookup: (name: string) => InventoryResource) {
    for (const { file, model } of inputs) {
      const inFile = new Map<string, ResolvedSet>();
      this.declared.set(file, inFile);
      for (const set of model.availabilitySets) {
        if (isUnknown(set.name)) continue;
        const lower = set.name.toLowerCase();
        const count = isKnown(set.platformUpdateDomainCount) ? Math.max(1, Math.trunc(set.platformUpdateDomainCount.value)) : DEFAULT_UPDATE_DOMAINS;
        const resolved: ResolvedSet = { key: `as:${file}:${lower}`, name: set.name, updateDomains: count, size: 0, next: 0, external: false };
        inFile.set(lower, resolved);
        if (!this.anywhere.has(lower)) this.anywhere.set(lower, resolved);
      }
    }
    for (const { file, model } of inputs) {
      for (const vm of model.virtualMachines) {
        const set = this.resolve(file, vm.availabilitySetId);
        if (!set) continue;
        set.size += 1;
        // An undeclared set has at least as many domains as the inventory's domains of its VMs say.
        const domain = typeof vm.name === 'string' ? lookup(vm.name).updateDomain : undefined;
        if (set.external && domain !== undefined && domain + 1 > set.updateDomains) set.updateDomains = domain + 1;
      }
    }
  }

  /** The set a VM's `availabilitySet.id` names: the same file's, else the run's, else an undeclared one. */
  resolve(file: string, id: Field<string>): ResolvedSet | undefined {
    const name = lastSegment(id);
    if (!name) return undefined;
    const lower = name.toLowerCase();
    const found = this.declared.get(file)?.get(lower) ?? this.anywhere.get(lower);
    if (found) return found;
    let set = this.undeclared.get(lower);
    if (!set)
      this.undeclared.set(lower, (set = { key: `as:external:${lower}`, name, updateDomains: DEFAULT_UPDATE_DOMAINS, size: 0, next: 0, external: true }));
    return set;
  }
}

/** The last segment of a resource id (`…/availabilitySets/web-as` → `web-as`). */
export function lastSegment(field: Field<string>): string | undefined {
  if (!isKnown(field)) return undefined;
  const value = field.value.endsWith('/') ? field.value.replace(/\/+$/, '') : field.value;
  return value.slice(value.lastIndexOf('/') + 1) || undefined;
}
