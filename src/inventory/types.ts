/**
 * The inventory: facts about the fleet that templates do not hold (instance counts, update
 * domains, time zones, off-peak windows, power state, Linux agent versions, injected failures).
 * Read by `patchwise plan --inventory` and `patchwise lint --inventory` (GP12).
 * The JSON shape is documented by schemas/inventory.schema.json; load.ts validates it.
 */

/** A daily window in local time, `HH:MM` to `HH:MM` (wraps past midnight when end <= start). */
export interface DailyWindow {
  start: string;
  end: string;
}

export type PowerState = 'running' | 'stopped' | 'deallocated';

export interface InjectedFailures {
  /**
   * Unhealthy after the update (fails the health gate): `true` for the VM or every instance, or
   * the instance numbers of a scale set.
   */
  afterUpdate?: boolean | number[];
  /** Scale sets: instances already unhealthy before the rollout starts (OU10). */
  unhealthyBeforeStart?: number;
  /**
   * GP18 (guest patching, hotpatch): the `afterUpdate` failure is a transient patch-installation
   * failure, not an unhealthy VM: no health-gate breach, no rollback; the installation is retried
   * (and succeeds) in the VM's next off-peak window. Ignored by OS image and extension upgrades.
   */
  transient?: boolean;
}

export interface InventoryResource {
  /** Scale sets: instance count (overrides sku.capacity). */
  instanceCount?: number;
  /** VMs in an availability set: the update domain Azure gave the VM. */
  updateDomain?: number;
  /** Windows (`W. Europe Standard Time`) or IANA (`Europe/Berlin`) time zone name. */
  timeZone?: string;
  /** Off-peak window in the VM's time zone (Azure does not publish its own; GH3). */
  offPeak?: DailyWindow;
  /** Hours the VM runs each day, in its time zone (absent: always running). */
  runningHours?: DailyWindow;
  powerState?: PowerState;
  /** Azure Linux agent (waagent) version, for GP12. */
  linuxAgentVersion?: string;
  /** Location when the template's is unknown (e.g. `resourceGroup().location`). */
  region?: string;
  /** Zone when the template's is unknown. */
  zone?: string;
  failures?: InjectedFailures;
  /** Hotpatch: months (`YYYY-MM`) with an unplanned baseline for this VM. */
  unplannedBaselines?: string[];
  /** OS image upgrade triggered manually (`osRollingUpgrade`): no automatic rollback (OU11). */
  manualUpgrade?: boolean;
  /** OU12: automatic OS image upgrade was just enabled: the first upgrade can take up to 3 hours to start. */
  firstOsUpgrade?: boolean;
  /** The service the VM or scale set belongs to (overrides a `service` tag), for the service-in-one-zone risk. */
  service?: string;
}

export interface Inventory {
  $schema?: string;
  /** Defaults for every resource, overridden per resource. */
  defaults?: InventoryResource;
  /** Per-resource overrides, keyed by resource name or a name glob (`web-*`); exact names win. */
  resources?: Record<string, InventoryResource>;
  /** Replaces the default phase model: the regions of each phase in order (AF1). */
  phases?: string[][];
  /** Random failures: each target fails its health gate with this probability (seeded, `--seed`). */
  randomFailures?: { probability: number };
  /** Hotpatch: months (`YYYY-MM`) with an unplanned baseline for every VM (HP4). */
  unplannedBaselines?: string[];
}
