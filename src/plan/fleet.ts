/**
 * The fleet the templates describe, for one scenario: which VMs and scale-set instances Azure's
 * platform rollout updates (GP11), in which batching group, zone and update domain, and when each
 * may be updated (off-peak window in its own time zone, running hours). Everything else is listed
 * in `excluded` with the reason. Unknown values never throw: an unknown region or zone becomes
 * "unknown" and a risk says so.
 */
import { regionInfo, normalizeRegion } from '../catalog/regions.js';
import { ianaZone } from './zones.js';
import { inventoryLookup } from '../inventory/lookup.js';
import type { Inventory, InventoryResource } from '../inventory/types.js';
import { isKnown, valueAt, type Field } from '../model/field.js';
import type { JsonPath } from '../model/source.js';
import type { Extension, GuestPatchProfile, Model, ScaleSet, VirtualMachine } from '../model/types.js';
import { isUnknown, type Unknown } from '../model/unknown.js';
import { intersect, parseDuration, totalMinutes, windowIntervals, windowKey } from './time.js';
import type { DayIntervals, Excluded, Fleet, FleetGroup, FleetTarget, Reboot, Risk, Rollback, Scenario } from './types.js';

export interface FleetInput {
  file: string;
  model: Model;
}

export interface FleetOptions {
  scenario: Scenario;
  inventory?: Inventory;
  /** Reboot of hotpatch targets in the simulated month (from the calendar). */
  hotpatchReboot?: boolean;
}

/** Off-peak window used when the inventory gives none: Azure does not publish its hours (GH3). */
export const DEFAULT_OFF_PEAK = { start: '22:00', end: '06:00' } as const;
export const UNKNOWN = 'unknown';
/** Uniform scale sets spread instances over 5 update domains. */
const SCALE_SET_UPDATE_DOMAINS = 5;
/** Extension resources of this Compute API version or later upgrade automatically unless they opt out (CF12). */
const AUTO_EXTENSION_UPGRADE_DEFAULT_API = '2025-04-01';
const WINDOWS_TIME_ZONE: JsonPath = ['windowsConfiguration', 'timeZone'];
/** OU12: the first OS image upgrade after enabling can take up to 3 hours to start (the model takes the bound). */
export const FIRST_OS_UPGRADE_DELAY_MINUTES = 180;
/** OU12: later images start within 30 minutes of the release (the model takes the bound). */
export const OS_UPGRADE_DELAY_MINUTES = 30;

export function buildFleet(inputs: readonly FleetInput[], options: FleetOptions): Fleet {
  const lookup = inventoryLookup(options.inventory);
  const fleet: Fleet = { targets: [], groups: new Map(), excluded: [], risks: [], unplannedBaselines: new Map() };
  const builder = new Builder(fleet, options, lookup);
  for (const input of inputs) builder.add(input);
  builder.finish();
  return fleet;
}

interface SetInfo {
  name: string;
  key: string;
  updateDomains: number;
  size: number;
  next: number;
}

class Builder {
  private readonly standalone = new Map<string, FleetGroup>();
  private readonly defaultWindow: DayIntervals;
  private readonly seenRegions = new Set<string>();
  /** Update domains and VM count of each availability set, for risks about sets in the plan. */
  private readonly setShapes = new Map<string, { updateDomains: number; size: number }>();

  constructor(
    private readonly fleet: Fleet,
    private readonly options: FleetOptions,
    private readonly lookup: (name: string) => InventoryResource,
  ) {
    this.defaultWindow = windowIntervals(options.inventory?.defaults?.offPeak ?? DEFAULT_OFF_PEAK);
  }

  add({ file, model }: FleetInput): void {
    const sets = new Map<string, SetInfo>();
    for (const set of model.availabilitySets) {
      if (isUnknown(set.name)) continue;
      const count = isKnown(set.platformUpdateDomainCount) ? Math.max(1, Math.trunc(set.platformUpdateDomainCount.value)) : 5;
      sets.set(set.name.toLowerCase(), { name: set.name, key: `as:${file}:${set.name.toLowerCase()}`, updateDomains: count, size: 0, next: 0 });
    }
    for (const vm of model.virtualMachines) {
      const setName = lastSegment(vm.availabilitySetId);
      if (setName) {
        const set = sets.get(setName.toLowerCase());
        if (set) set.size += 1;
      }
    }
    for (const set of sets.values()) this.setShapes.set(set.key, { updateDomains: set.updateDomains, size: set.size });
    model.virtualMachines.forEach((vm, index) => this.addVm(file, vm, index, sets));
    model.scaleSets.forEach((scaleSet, index) => this.addScaleSet(file, scaleSet, index));
  }

  private addVm(file: string, vm: VirtualMachine, index: number, sets: Map<string, SetInfo>): void {
    const name = nameOf(vm.name, `vm#${index + 1}`);
    const entry = this.lookup(name);
    const setName = lastSegment(vm.availabilitySetId);
    const set = setName ? sets.get(setName.toLowerCase()) : undefined;
    const flexName = lastSegment(vm.virtualMachineScaleSetId);
    // Round-robin update domains in declaration order, for every VM of the set (eligible or not).
    const assigned = set ? set.next++ % set.updateDomains : null;
    const reason = this.vmExclusion(vm, entry);
    const service = serviceOf(vm.resource.body, entry);
    if (reason) {
      // Excluded VMs still hold part of their service: their zone counts for service-in-one-zone.
      if (service !== null) this.serviceMember(service, entry.region ? this.normalized(entry.region) : isKnown(vm.location) ? this.normalized(vm.location.value) : UNKNOWN, set ? null : quietZone(vm.zones, entry), name, false);
      return this.exclude(name, file, reason);
    }
    const region = this.region(vm.location, entry, name);
    const zone = this.zone(vm.zones, entry, name);
    if (service !== null) this.serviceMember(service, region, set ? null : zone, flexName ?? name, true);
    const window = this.window(file, name, vm.osProfile, entry, flexName !== undefined);
    if (window === undefined) return;
    let groupKey: string;
    if (flexName) {
      groupKey = this.group(`vmss:${file}:${flexName.toLowerCase()}`, () => this.scaleSetGroup(`vmss:${file}:${flexName.toLowerCase()}`, flexName, region, 20, 20, 20, 0, this.rollbackFor(undefined, entry)));
    } else if (set) {
      groupKey = this.group(set.key, () => ({
        key: set.key,
        kind: 'availability-set',
        name: set.name,
        region,
        size: 0,
        batchPercent: 20,
        oneAtATime: set.size < 10,
        maxUnhealthyPercent: 20,
        maxUnhealthyUpgradedPercent: 20,
        unhealthyBeforeStart: 0,
        rollback: 'none',
        pauseMs: 0,
        maxSurge: false,
      }));
    } else {
      groupKey = this.standaloneGroup(region);
    }
    const updateDomain = set ? (entry.updateDomain !== undefined ? entry.updateDomain % set.updateDomains : assigned) : null;
    const timeZone = this.timeZone(vm.osProfile, vm, entry, name);
    const failing = entry.failures?.afterUpdate === true;
    const transient = failing && this.transient(entry);
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
    });
    this.unplanned(name, entry);
  }

  private vmExclusion(vm: VirtualMachine, entry: InventoryResource): string | undefined {
    const scenario = this.options.scenario;
    if (scenario === 'os-image-upgrade') return 'single VM: automatic OS image upgrade applies to scale sets only';
    if (scenario === 'extension-upgrade') return autoUpgradeExtensions(vm.extensions, vm.resource.apiVersion).length > 0 ? undefined : 'no extension with automatic extension upgrade';
    const modeReason = patchModeExclusion(vm.osProfile);
    if (modeReason) return modeReason;
    if (scenario === 'hotpatch-calendar' && !(isKnown(vm.osProfile.enableHotpatching) && vm.osProfile.enableHotpatching.value)) return 'enableHotpatching is not true: no hotpatch calendar';
    if (entry.powerState && entry.powerState !== 'running') return `${entry.powerState} (inventory): patched at the first assessment after it starts (GP17), outside this plan`;
    return undefined;
  }

  private addScaleSet(file: string, scaleSet: ScaleSet, index: number): void {
    const name = nameOf(scaleSet.name, `vmss#${index + 1}`);
    const entry = this.lookup(name);
    const flexible = isKnown(scaleSet.orchestrationMode) && scaleSet.orchestrationMode.value.toLowerCase() === 'flexible';
    const reason = this.scaleSetExclusion(scaleSet, flexible, entry);
    if (reason) return this.exclude(name, file, reason);
    const count = entry.instanceCount ?? (isKnown(scaleSet.capacity) ? Math.max(0, Math.trunc(scaleSet.capacity.value)) : undefined);
    if (count === undefined) return this.exclude(name, file, 'instance count unknown (sku.capacity is not known before deployment): give instanceCount in the inventory');
    if (count === 0) return this.exclude(name, file, 'no instances (capacity 0)');
    const region = this.region(scaleSet.location, entry, name);
    const zones = this.zones(scaleSet.zones, entry, name);
    const service = serviceOf(scaleSet.resource.body, entry);
    if (service !== null) [...new Set(zones)].forEach((zone, i) => this.serviceMember(service, region, zone, name, true, i === 0 ? count : 0));
    if (zones.length === 1 && zones[0] !== null && zones[0] !== UNKNOWN && count > 1) {
      this.risk('single-zone', 'warning', `scale set ${name}: all ${count} instances are in zone ${zones[0]}; a zone outage or the zone's update takes the whole service`, ['AF3'], name, region);
    }
    const window = this.window(file, name, scaleSet.osProfile, entry, flexible);
    if (window === undefined) return;
    const policy = scaleSet.rollingUpgradePolicy;
    const percent = (field: Field<number>) => (isKnown(field) ? Math.min(100, Math.max(1, Math.trunc(field.value))) : 20);
    // OS upgrades honour rollingUpgradePolicy; guest patching and extension upgrades batch at 20% (EU5, CF12).
    const batchPercent = this.options.scenario === 'os-image-upgrade' ? percent(policy.maxBatchInstancePercent) : 20;
    const key = `vmss:${file}:${name.toLowerCase()}`;
    const group = this.scaleSetGroup(key, name, region, batchPercent, percent(policy.maxUnhealthyInstancePercent), percent(policy.maxUnhealthyUpgradedInstancePercent), entry.failures?.unhealthyBeforeStart ?? 0, this.rollbackFor(scaleSet, entry));
    // Rolling upgrade timing of OS image upgrades (OU10, OU12): pause between batches, maxSurge, first-upgrade delay.
    const rolling = this.options.scenario === 'os-image-upgrade';
    if (rolling) {
      group.pauseMs = this.pause(policy.pauseTimeBetweenBatches, name, region);
      group.maxSurge = isKnown(policy.maxSurge) && policy.maxSurge.value === true;
    }
    const notBefore = rolling && entry.firstOsUpgrade === true ? FIRST_OS_UPGRADE_DELAY_MINUTES - OS_UPGRADE_DELAY_MINUTES : 0;
    this.fleet.groups.set(key, group);
    const batch = Math.max(1, Math.floor((count * batchPercent) / 100));
    if (batch >= count) {
      const surge = group.maxSurge ? ' (maxSurge creates the new instances first, so capacity stays, but no healthy batch protects the rest)' : '';
      this.risk('batch-is-whole-capacity', 'warning', `scale set ${name}: a ${batchPercent}% batch of ${count} instances is ${batch}, the whole capacity: every instance updates at once${surge}`, ['OU10', 'EU5'], name, region);
    }
    const failing = entry.failures?.afterUpdate;
    const transient = failing !== undefined && failing !== false && this.transient(entry);
    const timeZone = this.timeZone(scaleSet.osProfile, scaleSet, entry, name);
    const reboot = this.reboot(scaleSet.osProfile);
    const windowKeyOfSet = this.windowKeyOf(timeZone, window, notBefore);
    for (let instance = 0; instance < count; instance += 1) {
      const zone = zones[instance % zones.length];
      this.push({
        target: {
          id: `${file}#${name}/${instance}`,
          name: `${name}_${instance}`,
          kind: this.options.scenario === 'guest-patching' || this.options.scenario === 'hotpatch-calendar' ? 'vm' : 'vmss-instance',
          region,
          zone,
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
        failAfterUpdate: !transient && (failing === true || (Array.isArray(failing) && failing.includes(instance))),
        transientFailure: transient && (failing === true || (Array.isArray(failing) && failing.includes(instance))),
        notBeforeMinutes: notBefore,
        windowKey: windowKeyOfSet,
      });
      if (group.maxSurge) this.fleet.targets[this.fleet.targets.length - 1].target.maxSurge = true;
    }
    // Flexible scale-set VMs are VMs: the vm kind; Uniform instances are scale-set instances.
    if (flexible) for (const t of this.fleet.targets.slice(-count)) t.target.kind = 'vm';
    this.unplanned(name, entry);
  }

  private scaleSetExclusion(scaleSet: ScaleSet, flexible: boolean, entry: InventoryResource): string | undefined {
    switch (this.options.scenario) {
      case 'guest-patching':
      case 'hotpatch-calendar': {
        if (!flexible) return 'Uniform scale set: automatic VM guest patching does not apply (use automatic OS image upgrade)';
        const modeReason = patchModeExclusion(scaleSet.osProfile);
        if (modeReason) return modeReason;
        if (this.options.scenario === 'hotpatch-calendar' && !(isKnown(scaleSet.osProfile.enableHotpatching) && scaleSet.osProfile.enableHotpatching.value)) return 'enableHotpatching is not true: no hotpatch calendar';
        return undefined;
      }
      case 'os-image-upgrade':
        if (flexible) return 'Flexible scale set: automatic OS image upgrade is supported on Uniform scale sets only';
        if (entry.manualUpgrade) return undefined;
        if (!isKnown(scaleSet.enableAutomaticOSUpgrade)) return 'enableAutomaticOSUpgrade is not known before deployment';
        return scaleSet.enableAutomaticOSUpgrade.value ? undefined : 'automaticOSUpgradePolicy.enableAutomaticOSUpgrade is false: upgraded by you, outside the platform rollout';
      case 'extension-upgrade':
        return autoUpgradeExtensions(scaleSet.extensions, scaleSet.resource.apiVersion).length > 0 ? undefined : 'no extension with automatic extension upgrade';
    }
  }

  private rollbackFor(scaleSet: ScaleSet | undefined, entry: InventoryResource): Rollback {
    switch (this.options.scenario) {
      case 'os-image-upgrade':
        // OU11: a manually triggered upgrade has no automatic rollback; disableAutomaticRollback turns it off.
        if (entry.manualUpgrade) return 'none';
        return scaleSet && isKnown(scaleSet.disableAutomaticRollback) && scaleSet.disableAutomaticRollback.value ? 'none' : 'os-disk';
      case 'extension-upgrade':
        return 'extension-version';
      default:
        // Guest patches and hotpatches are not rolled back automatically (HP5).
        return 'none';
    }
  }

  private scaleSetGroup(key: string, name: string, region: string, batchPercent: number, maxUnhealthy: number, maxUnhealthyUpgraded: number, unhealthyBeforeStart: number, rollback: Rollback): FleetGroup {
    return { key, kind: 'scale-set', name, region, size: 0, batchPercent, oneAtATime: false, maxUnhealthyPercent: maxUnhealthy, maxUnhealthyUpgradedPercent: maxUnhealthyUpgraded, unhealthyBeforeStart, rollback, pauseMs: 0, maxSurge: false };
  }

  private group(key: string, make: () => FleetGroup): string {
    if (!this.fleet.groups.has(key)) this.fleet.groups.set(key, make());
    return key;
  }

  private standaloneGroup(region: string): string {
    const key = `vms:${region}`;
    let group = this.standalone.get(key);
    if (!group) {
      group = {
        key,
        kind: 'standalone',
        name: `VMs outside availability sets in ${region}`,
        region,
        size: 0,
        batchPercent: 20,
        oneAtATime: false,
        maxUnhealthyPercent: 20,
        maxUnhealthyUpgradedPercent: 20,
        unhealthyBeforeStart: 0,
        rollback: this.rollbackFor(undefined, {}),
        pauseMs: 0,
        maxSurge: false,
      };
      this.standalone.set(key, group);
      this.fleet.groups.set(key, group);
    }
    return key;
  }

  /** Targets are built whole (every field in the literal): no property added later, no extra backing store per target. */
  private push(target: FleetTarget): void {
    const group = this.fleet.groups.get(target.group)!;
    group.size += 1;
    this.fleet.targets.push(target);
  }

  private readonly windowKeys = new Map<DayIntervals | null, Map<string, string>>();

  /** One key string per (time zone, window, earliest start) triple, shared by every target that has it. */
  private windowKeyOf(timeZone: string, window: DayIntervals | null, notBeforeMinutes: number): string {
    let byZone = this.windowKeys.get(window);
    if (!byZone) this.windowKeys.set(window, (byZone = new Map()));
    const zoneKey = notBeforeMinutes === 0 ? timeZone : `${timeZone}|+${notBeforeMinutes}`;
    let key = byZone.get(zoneKey);
    if (key === undefined) byZone.set(zoneKey, (key = notBeforeMinutes === 0 ? windowKey(timeZone, window) : `${windowKey(timeZone, window)}|+${notBeforeMinutes}`));
    return key;
  }

  /** GP18: an injected failure marked transient is a failed patch installation, retried in the next off-peak window (patch scenarios only). */
  private transient(entry: InventoryResource): boolean {
    const patching = this.options.scenario === 'guest-patching' || this.options.scenario === 'hotpatch-calendar';
    return patching && entry.failures?.transient === true;
  }

  /** pauseTimeBetweenBatches in ms; unknown or not an ISO 8601 duration: no pause, said as an info risk. */
  private pause(field: Field<string>, name: string, region: string): number {
    if (!isKnown(field)) {
      this.risk('unknown-pause-time', 'info', `scale set ${name}: rollingUpgradePolicy.pauseTimeBetweenBatches is not known before deployment (${describeUnknown(field.value)}); planned without a pause`, ['OU10'], name, region);
      return 0;
    }
    const ms = parseDuration(field.value);
    if (ms === undefined) {
      this.risk('unknown-pause-time', 'info', `scale set ${name}: rollingUpgradePolicy.pauseTimeBetweenBatches '${field.value}' is not an ISO 8601 duration of days, hours, minutes and seconds; planned without a pause`, ['OU10'], name, region);
      return 0;
    }
    return ms;
  }

  /** Zones of each service (inventory `service`, else the `service` tag), for service-in-one-zone. */
  private readonly services = new Map<string, { regions: Set<string>; zones: Set<string | null>; resources: Set<string>; planned: number; members: number }>();

  private serviceMember(service: string, region: string, zone: string | null, resource: string, planned: boolean, members = 1): void {
    let entry = this.services.get(service);
    if (!entry) this.services.set(service, (entry = { regions: new Set(), zones: new Set(), resources: new Set(), planned: 0, members: 0 }));
    entry.regions.add(region);
    entry.zones.add(zone);
    entry.resources.add(resource);
    entry.members += members;
    if (planned) entry.planned += members;
  }

  finish(): void {
    for (const group of this.fleet.groups.values()) {
      const shape = this.setShapes.get(group.key);
      if (group.kind !== 'availability-set' || !shape) continue;
      if (shape.size === 1) this.risk('single-vm-availability-set', 'warning', `availability set ${group.name} holds a single VM: its update is an outage`, ['AF5'], group.name, group.region);
      else if (shape.updateDomains === 1) this.risk('single-update-domain', 'warning', `availability set ${group.name} has one update domain: its VMs update in one domain, only the 20% batches keep some running`, ['AF5', 'CF11'], group.name, group.region);
    }
    // A service with all its VMs in one known zone of one region (scale sets alone: single-zone). Unknown or
    // regional placement of any member, or an unknown region, says nothing: no risk.
    for (const [service, entry] of [...this.services].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      if (entry.planned === 0 || entry.members < 2 || entry.resources.size < 2 || entry.regions.size !== 1 || entry.zones.size !== 1) continue;
      const [zone] = entry.zones;
      const [region] = entry.regions;
      if (zone === null || zone === UNKNOWN || region === UNKNOWN) continue;
      this.risk('service-in-one-zone', 'warning', `service ${service}: all ${entry.members} VMs (${[...entry.resources].sort().join(', ')}) are in zone ${zone} of ${region}; a zone outage or the zone's update takes the whole service`, ['AF3'], service, region);
    }
    for (const region of this.seenRegions) {
      if (region !== UNKNOWN && !regionInfo(region)) this.risk('region-not-in-catalog', 'info', `region ${region} is not in the region table (S20): its geo-pair is not known, so it may share a phase with any region`, ['AF2'], undefined, region);
    }
  }

  private region(location: Field<string>, entry: InventoryResource, name: string): string {
    const given = entry.region ?? (isKnown(location) ? location.value : undefined);
    const region = given ? this.normalized(given) : UNKNOWN;
    if (region === UNKNOWN) this.risk('unknown-region', 'info', `${name}: location is not known before deployment (${describeUnknown(location.value)}); planned in region "unknown" — give region in the inventory`, ['AF1'], name);
    this.seenRegions.add(region);
    return region;
  }

  /** normalizeRegion once per distinct location string (fleets repeat a few locations many times). */
  private readonly regionNames = new Map<string, string>();

  private normalized(given: string): string {
    let region = this.regionNames.get(given);
    if (region === undefined) this.regionNames.set(given, (region = normalizeRegion(given) || UNKNOWN));
    return region;
  }

  private zones(zones: Field<unknown[]>, entry: InventoryResource, name: string): Array<string | null> {
    if (entry.zone !== undefined) return [entry.zone];
    if (zones.value === undefined) return [null];
    if (!isKnown(zones)) {
      this.risk('unknown-zone', 'info', `${name}: zones are not known before deployment; planned in zone "unknown"`, ['AF3'], name);
      return [UNKNOWN];
    }
    const list = zones.value.map((zone) => (typeof zone === 'string' || typeof zone === 'number' ? String(zone) : UNKNOWN));
    return list.length === 0 ? [null] : list;
  }

  /** A VM's zone: the first of its zones (no per-VM array, the common case of a large fleet). */
  private zone(zones: Field<unknown[]>, entry: InventoryResource, name: string): string | null {
    if (entry.zone !== undefined) return entry.zone;
    if (zones.value === undefined) return null;
    if (isKnown(zones)) {
      if (zones.value.length === 0) return null;
      const first = zones.value[0];
      return typeof first === 'string' ? first : typeof first === 'number' ? String(first) : UNKNOWN;
    }
    return this.zones(zones, entry, name)[0];
  }

  private timeZone(profile: GuestPatchProfile, resource: VirtualMachine | ScaleSet, entry: InventoryResource, name: string): string {
    const written = valueAt(valueAt(resource.resource.body, profile.base), WINDOWS_TIME_ZONE);
    const given = entry.timeZone ?? (typeof written === 'string' ? written : undefined);
    if (given === undefined) return 'UTC';
    const iana = ianaZone(given);
    if (!iana) {
      this.risk('unknown-time-zone', 'info', `${name}: time zone '${given}' is neither a Windows nor an IANA name; UTC assumed`, ['GP17'], name);
      return 'UTC';
    }
    return iana;
  }

  /** The local hours in which the target may be updated, null for any hour, undefined when never (excluded). */
  private window(file: string, name: string, _profile: GuestPatchProfile, entry: InventoryResource, allHours: boolean): DayIntervals | null | undefined {
    const patching = this.options.scenario === 'guest-patching' || this.options.scenario === 'hotpatch-calendar';
    // Off-peak applies to guest patching of VMs; Flexible scale sets are patched at all hours (CF11).
    let window: DayIntervals | null = patching && !allHours ? (entry.offPeak ? windowIntervals(entry.offPeak) : this.defaultWindow) : null;
    if (entry.runningHours) {
      const running = windowIntervals(entry.runningHours);
      const usable = intersect(window ?? [[0, 1440]], running);
      if (totalMinutes(usable) === 0) {
        this.risk('off-peak-never-running', 'warning', `${name}: its off-peak window never overlaps its running hours (${entry.runningHours.start}-${entry.runningHours.end}): Azure never patches it`, ['GP17'], name);
        this.exclude(name, file, 'off-peak window never overlaps its running hours: never patched by the platform');
        return undefined;
      }
      window = usable;
    }
    return window;
  }

  private reboot(profile: GuestPatchProfile): Reboot {
    switch (this.options.scenario) {
      case 'os-image-upgrade':
        return 'yes';
      case 'extension-upgrade':
        return 'no';
      case 'hotpatch-calendar':
        return this.options.hotpatchReboot ? 'yes' : 'no';
      default: {
        const setting = isKnown(profile.rebootSetting) ? profile.rebootSetting.value.toLowerCase() : '';
        return setting === 'always' ? 'yes' : setting === 'never' ? 'no' : 'if-required';
      }
    }
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

/** GP11: only AutomaticByPlatform is in the platform rollout; the reason for every other mode. */
function patchModeExclusion(profile: GuestPatchProfile): string | undefined {
  const mode = profile.patchMode;
  if (!isKnown(mode)) return `patchMode not known before deployment (${describeUnknown(mode.value)}): cannot tell whether the platform patches it`;
  switch (mode.value.toLowerCase()) {
    case 'automaticbyplatform':
      if (isKnown(profile.bypassPlatformSafetyChecksOnUserSchedule) && profile.bypassPlatformSafetyChecksOnUserSchedule.value) {
        return 'bypassPlatformSafetyChecksOnUserSchedule: patched by its maintenance configuration schedule, outside the platform rollout';
      }
      return undefined;
    case 'manual':
      return 'patchMode Manual: patched by you, outside the platform rollout';
    case 'automaticbyos':
      return 'patchMode AutomaticByOS: Windows Automatic Updates patches it, outside the platform rollout';
    case 'imagedefault':
      return "patchMode ImageDefault: the image's own update settings patch it, outside the platform rollout";
    default:
      return `patchMode ${mode.value}: not a platform patch mode`;
  }
}

/** Extensions that upgrade automatically: enableAutomaticUpgrade true, or unset from API 2025-04-01 (CF12). */
export function autoUpgradeExtensions(extensions: readonly Extension[], hostApiVersion: string | Unknown): Extension[] {
  return extensions.filter((extension) => {
    if (isKnown(extension.enableAutomaticUpgrade)) return extension.enableAutomaticUpgrade.value;
    if (extension.enableAutomaticUpgrade.explicit) return false;
    const api = typeof extension.resource.apiVersion === 'string' ? extension.resource.apiVersion : typeof hostApiVersion === 'string' ? hostApiVersion : '';
    return api >= AUTO_EXTENSION_UPGRADE_DEFAULT_API;
  });
}

function nameOf(name: string | Unknown, fallback: string): string {
  return typeof name === 'string' ? name : `(unknown name: ${fallback})`;
}

function lastSegment(field: Field<string>): string | undefined {
  if (!isKnown(field)) return undefined;
  const value = field.value.endsWith('/') ? field.value.replace(/\/+$/, '') : field.value;
  return value.slice(value.lastIndexOf('/') + 1) || undefined;
}

/** The service of a VM or scale set: inventory `service`, else a known `service` tag (key in any case); null otherwise. */
export function serviceOf(body: unknown, entry: InventoryResource): string | null {
  if (entry.service !== undefined) return entry.service;
  const tags = valueAt(body, TAGS);
  if (tags === null || typeof tags !== 'object' || isUnknown(tags) || Array.isArray(tags)) return null;
  for (const key of Object.keys(tags)) {
    if (key.toLowerCase() !== 'service') continue;
    const value = (tags as Record<string, unknown>)[key];
    // An expression (unknown before deployment) names no service.
    if (typeof value === 'string' && value.trim() !== '' && !(value.startsWith('[') && !value.startsWith('[['))) return value.trim();
    return null;
  }
  return null;
}
const TAGS: JsonPath = ['tags'];

/** A VM's zone without risks (for excluded VMs): unknown when not a plain value. */
function quietZone(zones: Field<unknown[]>, entry: InventoryResource): string | null {
  if (entry.zone !== undefined) return entry.zone;
  if (zones.value === undefined) return null;
  if (!isKnown(zones)) return UNKNOWN;
  if (zones.value.length === 0) return null;
  const first = zones.value[0];
  return typeof first === 'string' ? first : typeof first === 'number' ? String(first) : UNKNOWN;
}

function describeUnknown(value: unknown): string {
  return isUnknown(value) ? value.expression : 'not written';
}
