/**
 * The fleet the templates describe, for one scenario: which VMs and scale-set instances Azure's
 * platform rollout updates (GP11; eligibility.ts), in which batching group, zone and update domain
 * (availability-sets.ts), and when each may be updated (placement.ts). Everything else is listed in
 * `excluded` with the reason.
 */
import { SCENARIO_PROFILES, type ScenarioProfile } from './scenarios.js';
import type { Inventory, InventoryResource } from '../inventory/types.js';
import { inventoryLookup } from '../inventory/lookup.js';
import { isKnown, isTrue, type Field } from '../model/field.js';
import type { Extension, GuestPatchProfile, ImageReference, ScaleSet, VirtualMachine } from '../model/types.js';
import { isUnknown, type Unknown } from '../model/unknown.js';
import { AvailabilitySets, lastSegment, type ResolvedSet } from './availability-sets.js';
import { extensionName, isFlexible, upgradingExtensions } from '../model/facts/index.js';
import { describeUnknown, scaleSetExclusion, vmExclusion } from './eligibility.js';
import { DEFAULT_OFF_PEAK, Placement, quietZone } from './placement.js';
import { serviceOf, ServiceZones, UNKNOWN } from './services.js';
import { parseDuration, windowKey } from './time.js';
import type { DayIntervals, Fleet, FleetGroup, FleetTarget, Reboot, Risk, Rollback, Scenario } from './types.js';

export { DEFAULT_OFF_PEAK, UNKNOWN };

export interface FleetInput {
  file: string;
  model: import('../model/types.js').Model;
}

export interface FleetOptions {
  scenario: Scenario;
  inventory?: Inventory;
  /** Reboot of hotpatch targets in the simulated month (from the calendar). */
  hotpatchReboot?: boolean;
  /** Minutes an update takes (the scenario's model). */
  updateMinutes?: number;
}

/** Uniform scale sets spread instances over 5 update domains. */
const SCALE_SET_UPDATE_DOMAINS = 5;
/** Instances planned per scale set at most: the inventory schema's bound, applied to `sku.capacity` too. */
export const MAX_SCALE_SET_INSTANCES = 1_000_000;
/** Targets in one plan at most: beyond, resources are listed as not planned instead of being built. */
export const MAX_PLAN_TARGETS = 1_000_000;

export function buildFleet(inputs: readonly FleetInput[], options: FleetOptions): Fleet {
  const lookup = inventoryLookup(options.inventory);
  const fleet: Fleet = { targets: [], groups: new Map(), excluded: [], risks: [], unplannedBaselines: new Map() };
  const builder = new Builder(fleet, options, lookup, new AvailabilitySets(inputs, lookup));
  for (const { file, model } of inputs) {
    model.virtualMachines.forEach((vm, index) => builder.addVm(file, vm, index));
    model.scaleSets.forEach((scaleSet, index) => builder.addScaleSet(file, scaleSet, index));
  }
  builder.finish();
  return fleet;
}

class Builder {
  private readonly placement: Placement;
  private readonly services = new ServiceZones();
  private readonly sets = new Map<string, ResolvedSet>();
  private readonly profile: ScenarioProfile;
  private readonly patching: boolean;
  private readonly minutes: number;
  private overBudget = 0;

  constructor(
    private readonly fleet: Fleet,
    private readonly options: FleetOptions,
    private readonly lookup: (name: string) => InventoryResource,
    private readonly availabilitySets: AvailabilitySets,
  ) {
    this.profile = SCENARIO_PROFILES[options.scenario];
    this.patching = this.profile.patching;
    this.minutes = options.updateMinutes ?? 60;
    this.placement = new Placement(options.inventory?.defaults?.offPeak, this.patching, (...args) => this.risk(...args));
  }

  addVm(file: string, vm: VirtualMachine, index: number): void {
    const name = nameOf(vm.name, `vm#${index + 1}`);
    const entry = this.lookup(name);
    const set = this.availabilitySets.resolve(file, vm.availabilitySetId);
    const flexName = lastSegment(vm.virtualMachineScaleSetId);
    // Round-robin update domains in declaration order, for every VM of the set (eligible or not).
    const assigned = set ? set.next++ % set.updateDomains : null;
    const reason = vmExclusion(this.options.scenario, vm, entry) ?? this.budgetExclusion(1);
    const service = serviceOf(vm.resource.body, entry);
    if (reason) {
      // Excluded VMs still hold part of their service: their zone counts for service-in-one-zone.
      if (service !== null) this.services.add(service, this.placement.quietRegion(vm.location, entry), set ? null : quietZone(vm.zones, entry), name, false);
      return this.exclude(name, file, reason);
    }
    const region = this.placement.region(vm.location, entry, name);
    const zone = this.placement.zone(vm.zones, entry, name);
    if (service !== null) this.services.add(service, region, set ? null : zone, flexName ?? name, true);
    const window = this.placement.window(name, entry, flexName !== undefined);
    if (window === undefined) return this.exclude(name, file, 'off-peak window never overlaps its running hours: never patched by the platform');
    let groupKey: string;
    if (flexName) {
      const key = `vmss:${file}:${flexName.toLowerCase()}`;
      groupKey = this.group(key, () => scaleSetGroup(key, flexName, region, 20, 20, 20, 0, this.rollbackFor(undefined, entry)));
    } else if (set) {
      groupKey = this.group(set.key, () => this.availabilitySetGroup(set, region));
    } else {
      groupKey = this.group(`vms:${region}`, () => ({
        ...scaleSetGroup(`vms:${region}`, `VMs outside availability sets in ${region}`, region, 20, 20, 20, 0, this.rollbackFor(undefined, {})),
        kind: 'standalone',
      }));
    }
    const updateDomain = set ? (entry.updateDomain !== undefined ? entry.updateDomain % set.updateDomains : assigned) : null;
    const timeZone = this.placement.timeZone(vm.osProfile, vm, entry, name);
    const failing = entry.failures?.afterUpdate === true;
    const transient = failing && this.transient(entry);
    const extensions = this.extensionsOf(vm.extensions, vm.resource.apiVersion);
    this.push({
      target: {
        id: `${file}#${name}`,
        name,
        kind: 'vm',
        region,
        zone: set ? null : zone,
        availabilitySet: set ? set.name : null,
        updateDomain,
        scaleSet: flexName ?? null,
        instance: null,
        reboot: this.reboot(vm.osProfile),
      },
      group: groupKey,
      timeZone,
      window,
      failAfterUpdate: failing && !transient,
      transientFailure: transient,
      notBeforeMinutes: 0,
      windowKey: this.windowKeyOf(timeZone, window, 0),
      updateMinutes: this.minutes,
      cohort: this.cohortOf(vm.image, vm.extensions, vm.resource.apiVersion),
    });
    this.optionalFields(service, extensions, false);
    this.unplanned(name, entry);
  }

  addScaleSet(file: string, scaleSet: ScaleSet, index: number): void {
    const name = nameOf(scaleSet.name, `vmss#${index + 1}`);
    const entry = this.lookup(name);
    const flexible = isFlexible(scaleSet);
    const reason = scaleSetExclusion(this.options.scenario, scaleSet, flexible, entry);
    if (reason) return this.exclude(name, file, reason);
    const count = this.instanceCount(scaleSet, entry, name);
    if (count === undefined)
      return this.exclude(name, file, 'instance count unknown (sku.capacity is not known before deployment): give instanceCount in the inventory');
    if (count === 0) return this.exclude(name, file, 'no instances (capacity 0)');
    const overBudget = this.budgetExclusion(count);
    if (overBudget) return this.exclude(name, file, overBudget);
    const region = this.placement.region(scaleSet.location, entry, name);
    const zones = this.placement.zones(scaleSet.zones, entry, name);
    const service = serviceOf(scaleSet.resource.body, entry);
    if (service !== null) [...new Set(zones)].forEach((zone, i) => this.services.add(service, region, zone, name, true, i === 0 ? count : 0));
    if (zones.length === 1 && zones[0] !== null && zones[0] !== UNKNOWN && count > 1) {
      this.risk(
        'single-zone',
        'warning',
        `scale set ${name}: all ${count} instances are in zone ${zones[0]}; a zone outage or the zone's update takes the whole service`,
        ['AF3'],
        name,
        region,
      );
    }
    const window = this.placement.window(name, entry, flexible);
    if (window === undefined) return this.exclude(name, file, 'off-peak window never overlaps its running hours: never patched by the platform');
    const policy = scaleSet.rollingUpgradePolicy;
    const percent = (field: Field<number>) => (isKnown(field) ? Math.min(100, Math.max(1, Math.trunc(field.value))) : 20);
    // OS image and extension upgrades of scale sets follow rollingUpgradePolicy (S5, CF:362, CF:405);
    // guest patching batches at 20% (CF11).
    const rolling = this.profile.followsRollingPolicy;
    const batchPercent = rolling ? percent(policy.maxBatchInstancePercent) : 20;
    const key = `vmss:${file}:${name.toLowerCase()}`;
    const group = scaleSetGroup(
      key,
      name,
      region,
      batchPercent,
      percent(policy.maxUnhealthyInstancePercent),
      percent(policy.maxUnhealthyUpgradedInstancePercent),
      entry.failures?.unhealthyBeforeStart ?? 0,
      this.rollbackFor(scaleSet, entry),
    );
    if (rolling) {
      group.pauseMs = this.pause(policy.pauseTimeBetweenBatches, name, region);
      // maxSurge applies to Uniform sets (S5: not with automatic upgrades on Flexible).
      group.maxSurge = !flexible && isKnown(policy.maxSurge) && policy.maxSurge.value === true;
    }
    const notBefore = entry.firstOsUpgrade === true ? this.profile.firstUpgradeExtraMinutes : 0;
    this.fleet.groups.set(key, group);
    this.batchRisk(name, region, count, batchPercent, zones.length, flexible, group.maxSurge);
    const failing = entry.failures?.afterUpdate;
    const failingInstances = Array.isArray(failing) ? new Set(failing) : undefined;
    const transient = failing !== undefined && failing !== false && this.transient(entry);
    const timeZone = this.placement.timeZone(scaleSet.osProfile, scaleSet, entry, name);
    const reboot = this.reboot(scaleSet.osProfile);
    const windowKeyOfSet = this.windowKeyOf(timeZone, window, notBefore);
    // Flexible scale-set VMs are VMs; Uniform instances are scale-set instances (except in the patch scenarios' wording).
    const kind = flexible || this.patching ? 'vm' : 'vmss-instance';
    const extensions = this.extensionsOf(scaleSet.extensions, scaleSet.resource.apiVersion);
    const cohort = this.cohortOf(scaleSet.image, scaleSet.extensions, scaleSet.resource.apiVersion);
    for (let instance = 0; instance < count; instance += 1) {
      const fails = failing === true || (failingInstances !== undefined && failingInstances.has(instance));
      this.push({
        target: {
          id: `${file}#${name}/${instance}`,
          name: `${name}_${instance}`,
          kind,
          region,
          zone: zones[instance % zones.length],
          availabilitySet: null,
          // Flexible scale sets spread over fault domains, not update domains.
          updateDomain: flexible ? null : Math.floor(instance / zones.length) % SCALE_SET_UPDATE_DOMAINS,
          scaleSet: name,
          instance,
          reboot,
        },
        group: key,
        timeZone,
        window,
        failAfterUpdate: fails && !transient,
        transientFailure: fails && transient,
        notBeforeMinutes: notBefore,
        windowKey: windowKeyOfSet,
        updateMinutes: this.minutes,
        cohort,
      });
      this.optionalFields(service, extensions, group.maxSurge);
    }
    this.unplanned(name, entry);
  }

  /** `sku.capacity` (or the inventory's instanceCount), capped like the inventory schema caps instanceCount. */
  private instanceCount(scaleSet: ScaleSet, entry: InventoryResource, name: string): number | undefined {
    if (entry.instanceCount !== undefined) return entry.instanceCount;
    if (!isKnown(scaleSet.capacity)) return undefined;
    const capacity = scaleSet.capacity.value;
    if (!Number.isFinite(capacity) || capacity > MAX_SCALE_SET_INSTANCES) {
      this.risk(
        'capacity-capped',
        'warning',
        `scale set ${name}: sku.capacity ${String(capacity)} is more than ${MAX_SCALE_SET_INSTANCES.toLocaleString('en-US')} instances; planned with ${MAX_SCALE_SET_INSTANCES.toLocaleString('en-US')} (give instanceCount in the inventory)`,
        ['OU10'],
        name,
      );
      return MAX_SCALE_SET_INSTANCES;
    }
    return Math.max(0, Math.trunc(capacity));
  }

  /** A reason when `count` more targets would pass the plan's target budget (the resource is then not built). */
  private budgetExclusion(count: number): string | undefined {
    if (this.fleet.targets.length + count <= MAX_PLAN_TARGETS) return undefined;
    this.overBudget += count;
    return `not planned: the plan holds at most ${MAX_PLAN_TARGETS.toLocaleString('en-US')} targets`;
  }

  /**
   * Batch-size warning. Batches never span update domains or zones (AF6), so a large
   * maxBatchInstancePercent is capped by the instances of one domain in one zone (D11).
   */
  private batchRisk(name: string, region: string, count: number, batchPercent: number, zoneCount: number, flexible: boolean, maxSurge: boolean): void {
    const batch = Math.max(1, Math.floor((count * batchPercent) / 100));
    const perDomain = flexible ? count : Math.ceil(count / (zoneCount * SCALE_SET_UPDATE_DOMAINS));
    const largest = Math.min(batch, Math.ceil(count / zoneCount), perDomain);
    if (largest >= count) {
      const surge = maxSurge ? ' (maxSurge creates the new instances first, so capacity stays, but no healthy batch protects the rest)' : '';
      this.risk(
        'batch-is-whole-capacity',
        'warning',
        `scale set ${name}: a ${batchPercent}% batch of ${count} instances is ${batch}, the whole capacity: every instance updates at once${surge}`,
        ['OU10', 'EU5'],
        name,
        region,
      );
    } else if (batch > largest) {
      this.risk(
        'batch-capped-by-update-domain',
        'info',
        `scale set ${name}: maxBatchInstancePercent ${batchPercent}% would be ${batch} of ${count} instances, but batches stay within one update domain of one zone: at most ${largest} at once`,
        ['AF6', 'OU10'],
        name,
        region,
      );
    }
  }

  private availabilitySetGroup(set: ResolvedSet, region: string): FleetGroup {
    this.sets.set(set.key, set);
    if (set.external) {
      this.risk(
        'availability-set-outside-template',
        'info',
        `availability set ${set.name} is not declared in the planned templates (existing, or in another deployment): its VMs are planned by update domain (${set.updateDomains} domains${set.updateDomains === 5 ? ', the default' : ''}; give updateDomain per VM in the inventory)`,
        ['AF5'],
        set.name,
        region,
      );
    }
    return {
      ...scaleSetGroup(set.key, set.name, region, 20, 20, 20, 0, this.rollbackFor(undefined, {})),
      kind: 'availability-set',
      // CF11 (S1): fewer than 10 VMs, one at a time; else at most 20% of the set's VMs, inside one update domain.
      oneAtATime: set.size < 10,
      updateDomains: set.updateDomains,
      external: set.external,
    };
  }

  private rollbackFor(scaleSet: ScaleSet | undefined, entry: InventoryResource): Rollback {
    const rollback = this.profile.rollback;
    // OU11: a manually triggered upgrade has no automatic rollback; disableAutomaticRollback turns it off.
    if (rollback === 'os-disk' && (entry.manualUpgrade || (scaleSet && isTrue(scaleSet.disableAutomaticRollback)))) return 'none';
    return rollback;
  }

  private group(key: string, make: () => FleetGroup): string {
    if (!this.fleet.groups.has(key)) this.fleet.groups.set(key, make());
    return key;
  }

  /** Optional public fields of the last target, set only when present (most fleets have none: no spread per target). */
  private optionalFields(service: string | null, extensions: string[] | undefined, maxSurge: boolean): void {
    if (service === null && extensions === undefined && !maxSurge) return;
    const target = this.fleet.targets[this.fleet.targets.length - 1].target;
    if (maxSurge) target.maxSurge = true;
    if (service !== null) target.service = service;
    if (extensions !== undefined) target.extensions = extensions;
  }

  /** Targets are built whole (every field in the literal): no property added later, no extra backing store per target. */
  private push(target: FleetTarget): void {
    this.fleet.groups.get(target.group)!.size += 1;
    this.fleet.targets.push(target);
  }

  private readonly windowKeys = new Map<DayIntervals | null, Map<string, string>>();

  /** One key string per (time zone, window, earliest start) triple, shared by every target that has it. */
  private windowKeyOf(timeZone: string, window: DayIntervals | null, notBeforeMinutes: number): string {
    let byZone = this.windowKeys.get(window);
    if (!byZone) this.windowKeys.set(window, (byZone = new Map()));
    const zoneKey = notBeforeMinutes === 0 ? timeZone : `${timeZone}|+${notBeforeMinutes}`;
    let key = byZone.get(zoneKey);
    if (key === undefined)
      byZone.set(zoneKey, (key = notBeforeMinutes === 0 ? windowKey(timeZone, window) : `${windowKey(timeZone, window)}|+${notBeforeMinutes}`));
    return key;
  }

  private readonly cohorts = new Map<string, string>();

  /** The release a target gets: its image (patching, OS upgrades) or its upgrading extensions and versions. */
  private cohortOf(image: ImageReference, extensions: readonly Extension[], apiVersion: string | Unknown): string {
    let key: string;
    if (this.profile.releaseIsExtensions) {
      key = upgradingExtensions(extensions, apiVersion)
        .map((extension) => `${extensionName(extension)}@${isKnown(extension.typeHandlerVersion) ? extension.typeHandlerVersion.value : '?'}`)
        .sort()
        .join('+');
    } else if (isKnown(image.id)) key = image.id.value;
    else key = [image.publisher, image.offer, image.sku].map((field) => (isKnown(field) ? field.value : '?')).join('/');
    let shared = this.cohorts.get(key);
    if (shared === undefined) this.cohorts.set(key, (shared = key));
    return shared;
  }

  private extensionsOf(extensions: readonly Extension[], apiVersion: string | Unknown): string[] | undefined {
    return this.profile.releaseIsExtensions ? upgradingExtensions(extensions, apiVersion).map(extensionName) : undefined;
  }

  /** GP18: an injected failure marked transient is a failed patch installation, retried in the next off-peak window (patch scenarios only). */
  private transient(entry: InventoryResource): boolean {
    return this.patching && entry.failures?.transient === true;
  }

  /** pauseTimeBetweenBatches in ms; unknown or not an ISO 8601 duration: no pause, said as an info risk. */
  private pause(field: Field<string>, name: string, region: string): number {
    if (!isKnown(field)) {
      this.risk(
        'unknown-pause-time',
        'info',
        `scale set ${name}: rollingUpgradePolicy.pauseTimeBetweenBatches is not known before deployment (${describeUnknown(field.value)}); planned without a pause`,
        ['OU10'],
        name,
        region,
      );
      return 0;
    }
    const ms = parseDuration(field.value);
    if (ms === undefined) {
      this.risk(
        'unknown-pause-time',
        'info',
        `scale set ${name}: rollingUpgradePolicy.pauseTimeBetweenBatches '${field.value}' is not an ISO 8601 duration of days, hours, minutes and seconds; planned without a pause`,
        ['OU10'],
        name,
        region,
      );
      return 0;
    }
    return ms;
  }

  finish(): void {
    for (const group of this.fleet.groups.values()) {
      const set = this.sets.get(group.key);
      if (group.kind !== 'availability-set' || !set) continue;
      if (set.size === 1)
        this.risk(
          'single-vm-availability-set',
          'warning',
          `availability set ${group.name} holds a single VM: its update is an outage`,
          ['AF5'],
          group.name,
          group.region,
        );
      else if (set.updateDomains === 1)
        this.risk(
          'single-update-domain',
          'warning',
          `availability set ${group.name} has one update domain: its VMs update in one domain, only the 20% batches keep some running`,
          ['AF5', 'CF11'],
          group.name,
          group.region,
        );
    }
    this.fleet.risks.push(...this.services.risks());
    this.placement.finish();
    if (this.overBudget > 0) {
      this.risk(
        'target-budget-exceeded',
        'warning',
        `${this.overBudget.toLocaleString('en-US')} more targets than the plan's budget of ${MAX_PLAN_TARGETS.toLocaleString('en-US')}: those resources are listed as not planned`,
        [],
      );
    }
  }

  private reboot(profile: GuestPatchProfile): Reboot {
    if (this.profile.reboot !== undefined) return this.profile.reboot;
    // HP4: hotpatch months still reboot for non-security, .NET and non-Windows updates.
    if (this.options.scenario === 'hotpatch-calendar') return this.options.hotpatchReboot ? 'yes' : 'if-required';
    const setting = isKnown(profile.rebootSetting) ? profile.rebootSetting.value.toLowerCase() : '';
    return setting === 'always' ? 'yes' : setting === 'never' ? 'no' : 'if-required';
  }

  private unplanned(name: string, entry: InventoryResource): void {
    if (entry.unplannedBaselines?.length) this.fleet.unplannedBaselines.set(name, entry.unplannedBaselines);
  }

  private exclude(name: string, file: string, reason: string): void {
    this.fleet.excluded.push({ name, file, reason });
  }

  private risk(id: string, severity: Risk['severity'], message: string, requirements: string[], resource?: string, region?: string): void {
    const risk: Risk = { id, severity, message, requirements };
    if (resource !== undefined) risk.resource = resource;
    if (region !== undefined) risk.region = region;
    this.fleet.risks.push(risk);
  }
}

function scaleSetGroup(
  key: string,
  name: string,
  region: string,
  batchPercent: number,
  maxUnhealthy: number,
  maxUnhealthyUpgraded: number,
  unhealthyBeforeStart: number,
  rollback: Rollback,
): FleetGroup {
  return {
    key,
    kind: 'scale-set',
    name,
    region,
    size: 0,
    batchPercent,
    oneAtATime: false,
    maxUnhealthyPercent: maxUnhealthy,
    maxUnhealthyUpgradedPercent: maxUnhealthyUpgraded,
    unhealthyBeforeStart,
    rollback,
    pauseMs: 0,
    maxSurge: false,
    updateDomains: null,
    external: false,
  };
}

function nameOf(name: string | Unknown, fallback: string): string {
  return typeof name === 'string' && !isUnknown(name) ? name : `(unknown name: ${fallback})`;
}
