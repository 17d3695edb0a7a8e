/**
 * Types of the rollout plan: the fleet the templates describe (what gets updated, in which
 * batching group, when it may be updated) and the plan (phases, waves, risks). The JSON output is
 * the `Plan` object as it is; schemas/plan.schema.json documents it.
 */

export const SCENARIOS = ['guest-patching', 'os-image-upgrade', 'extension-upgrade', 'hotpatch-calendar'] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const PLAN_FORMATS = ['text', 'markdown', 'json'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export type TargetKind = 'vm' | 'vmss-instance';
/** `yes`: the update reboots; `if-required`: only when a patch needs it (rebootSetting IfRequired/default). */
export type Reboot = 'yes' | 'no' | 'if-required';
export type Rollback = 'os-disk' | 'extension-version' | 'none';
export type Severity = 'error' | 'warning' | 'info';

/** One VM or scale-set instance in a wave (public JSON). */
export interface Target {
  id: string;
  name: string;
  kind: TargetKind;
  region: string;
  zone: string | null;
  availabilitySet: string | null;
  updateDomain: number | null;
  scaleSet: string | null;
  instance: number | null;
  reboot: Reboot;
  /** OS image upgrade with `rollingUpgradePolicy.maxSurge`: a new instance is created before this one is removed (no capacity loss). Absent otherwise. */
  maxSurge?: true;
  /** The service the VM belongs to (inventory `service` or `service` tag), when known. */
  service?: string;
  /** Extension upgrades: the extensions that upgrade automatically (`publisher.type`), each applied on its own (EU6). */
  extensions?: string[];
}

/** Minutes of a local day, half-open `[start, end)`, sorted, not overlapping, within 0..1440. */
export type DayIntervals = ReadonlyArray<readonly [number, number]>;

export type GroupKind = 'availability-set' | 'standalone' | 'scale-set';

/** A set of targets that is batched together (AF4–AF6, CF11, OU10, EU5). */
export interface FleetGroup {
  key: string;
  kind: GroupKind;
  /** Name shown in messages (availability set or scale set name, or `standalone VMs in <region>`). */
  name: string;
  region: string;
  /** Targets of the group in the plan (all zones). */
  size: number;
  /** Batch size in percent of `size` (scale sets: maxBatchInstancePercent), minimum one target. */
  batchPercent: number;
  /** Availability sets with fewer than 10 VMs update one VM at a time per update domain (CF11). */
  oneAtATime: boolean;
  /** OU10: stop before starting when more than this percent of the set is unhealthy. */
  maxUnhealthyPercent: number;
  /** OU10: stop when more than this percent of the upgraded instances is unhealthy. */
  maxUnhealthyUpgradedPercent: number;
  /** Instances unhealthy before the rollout starts (inventory). */
  unhealthyBeforeStart: number;
  rollback: Rollback;
  /** OS image upgrades: `rollingUpgradePolicy.pauseTimeBetweenBatches` in ms (0: none). */
  pauseMs: number;
  /** OS image upgrades: `rollingUpgradePolicy.maxSurge` true (batches do not reduce capacity). */
  maxSurge: boolean;
  /** Availability sets: update domains of the set (null for other groups). */
  updateDomains: number | null;
  /** Availability sets not declared in the planned templates (an `existing` set, or one of another deployment). */
  external: boolean;
}

/** A target with what the simulation needs beyond the public fields. */
export interface FleetTarget {
  target: Target;
  group: string;
  /** IANA time zone of the VM (UTC when neither the template nor the inventory says). */
  timeZone: string;
  /** When it may be updated, in local time; null: at any hour. */
  window: DayIntervals | null;
  /** Injected from the inventory: unhealthy after its update. */
  failAfterUpdate: boolean;
  /** GP18: the injected failure is a transient patch-installation failure, retried in the next off-peak window. */
  transientFailure: boolean;
  /** Earliest start, minutes after the usual start of the scenario (OU12: first OS upgrade after enabling). */
  notBeforeMinutes: number;
  /** Targets with the same key may be updated at the same times (time zone and window). */
  windowKey: string;
  /** Minutes the update takes before the health gate (hotpatch: 60 in a baseline month, 20 in a hotpatch month). */
  updateMinutes: number;
  /** Correlated failure model: targets with the same cohort get the same release (image, or extension versions). */
  cohort: string;
}

export interface Excluded {
  name: string;
  /** Template file the resource is declared in. */
  file: string;
  reason: string;
}

export interface Risk {
  id: string;
  severity: Severity;
  message: string;
  requirements: string[];
  resource?: string;
  region?: string;
}

export interface Fleet {
  targets: FleetTarget[];
  groups: Map<string, FleetGroup>;
  excluded: Excluded[];
  /** Risks found while reading the fleet (unknown values, off-peak never running, …). */
  risks: Risk[];
  /** Hotpatch: unplanned baseline months per VM name (inventory). */
  unplannedBaselines: Map<string, string[]>;
}

export type WaveStatus = 'completed' | 'stopped' | 'not-reached';

export interface Wave {
  index: number;
  /** 1-based phase index. */
  phase: number;
  region: string;
  zone: string | null;
  start: string;
  end: string;
  status: WaveStatus;
  targets: Target[];
  /** Minutes of `pauseTimeBetweenBatches` this wave waited after the previous batch of its scale set(s); absent when none. */
  pauseMinutes?: number;
}

/** GP18: a failed patch installation retried in the target's next off-peak window. */
export interface Retry {
  target: string;
  /** The wave whose installation failed. */
  wave: number;
  start: string;
  end: string;
}

export interface Phase {
  index: number;
  regions: string[];
  start: string;
  end: string;
  status: 'completed' | 'failed' | 'not-reached';
}

export interface FailureRecord {
  target: string;
  wave: number;
  kind: 'unhealthy-after-update' | 'unhealthy-before-start';
  rollback: Rollback;
}

export interface StopRecord {
  phase: number;
  region: string;
  wave: number;
  reason: string;
  requirements: string[];
  /** When the health gate that stops the rollout closes (the end of that wave). */
  at?: string;
}

export interface CalendarMonth {
  month: string;
  kind: 'baseline' | 'hotpatch' | 'unplanned-baseline';
  reboot: boolean;
}

export interface CalendarEntry {
  name: string;
  months: CalendarMonth[];
}

export interface MonteCarloResult {
  runs: number;
  seed: number;
  probability: number;
  stopped: number;
  stopRate: number;
  /** Where runs stopped: `phase N / region`, most frequent first (the first health-gate breach in time). */
  stops: Array<{ phase: number; region: string; count: number }>;
  /** Runs whose failure was only caught in the last phase: nothing was left to protect. */
  caughtInLastPhase?: number;
  /** A bad release hits every target of one cohort (same image, or same extension versions) together. */
  correlated?: CorrelatedResult;
}

/** Monte Carlo of correlated failures: each cohort's release is bad with `probability`; its targets fail together. */
export interface CorrelatedResult {
  probability: number;
  cohorts: number;
  /** Runs in which at least one release was bad. */
  badRuns: number;
  /** Runs the phases stopped before the last phase. */
  stoppedBeforeLastPhase: number;
  /** Targets updated with a bad release before the rollout stopped (over the runs with a bad release). */
  exposed: { mean: number; p90: number; max: number };
  /** Phase in which the bad release was caught, most frequent first. */
  caughtIn: Array<{ phase: number; count: number }>;
}

export interface PlanSummary {
  targets: number;
  excluded: number;
  regions: number;
  phases: number;
  waves: number;
  end: string;
  durationHours: number;
  withinThirtyDays: boolean;
  status: 'completed' | 'stopped';
  stoppedAt: StopRecord | null;
  failures: number;
  risks: { error: number; warning: number; info: number };
}

export interface PlanDiff {
  entered: string[];
  left: string[];
  phasesChanged: Array<{ index: number; before: string[]; after: string[] }>;
  wavesChanged: Array<{ region: string; before: number; after: number }>;
  newRisks: Risk[];
  resolvedRisks: Risk[];
  durationHours: { before: number; after: number };
  /** Batching groups whose shape changed: batch size, capacity, windows, time zones, update domains, zones, delays. */
  groupsChanged?: Array<{ group: string; name: string; changes: Array<{ field: string; before: string; after: string }> }>;
  /** Targets that moved region, zone or update domain. */
  targetsMoved?: Array<{ target: string; field: 'region' | 'zone' | 'updateDomain'; before: string; after: string }>;
}

/** A batching group as planned (public JSON): what a reviewer compares before → after. */
export interface GroupSummary {
  key: string;
  kind: GroupKind;
  name: string;
  region: string;
  targets: number;
  /** Largest number of the group's targets updated at once. */
  batchSize: number;
  batches: number;
  updateDomains: number | null;
  zones: string[];
  timeZones: string[];
  /** Local update windows (`22:00-06:00`), or `any hour`. */
  windows: string[];
  pauseMinutes: number;
  firstUpgradeDelayMinutes: number;
  rollback: Rollback;
  /** Availability set not declared in the planned templates. */
  external?: true;
}

/** What a reviewer reads first: coverage over time, reboots, the largest share of anything down at once, the phases. */
export interface PlanInsights {
  /** Hours from the release until 50, 90 and 100% of the targets are updated (null when never: the rollout stops first). */
  coverageHours: { p50: number | null; p90: number | null; p100: number | null };
  /** Targets whose update reboots (`yes`) or may reboot (`if-required`). */
  reboots: { yes: number; ifRequired: number };
  /** Most targets updating at the same moment. */
  peakConcurrent: number;
  /** The largest share of any availability set, scale set, service or zone down at once, largest first. */
  largestShareDown: Array<{ kind: 'availability-set' | 'scale-set' | 'service' | 'zone'; name: string; down: number; of: number; percent: number }>;
  phases: Array<{ index: number; regions: string[]; targets: number; percentOfFleet: number; cumulativePercent: number; days: number }>;
}

export interface Plan {
  scenario: Scenario;
  start: string;
  seed: number;
  model: { phaseOrder: 'default' | 'inventory'; offPeakDefault: string; healthGateMinutes: number; updateMinutes: number };
  phases: Phase[];
  waves: Wave[];
  excluded: Excluded[];
  risks: Risk[];
  failures: FailureRecord[];
  summary: PlanSummary;
  calendar?: CalendarEntry[];
  /** GP18: retries of transient installation failures (present when there are any). */
  retries?: Retry[];
  monteCarlo?: MonteCarloResult;
  diff?: PlanDiff;
  /** Batching groups as planned (for the diff and for tools). */
  groups?: GroupSummary[];
  insights?: PlanInsights;
}

/** Bad plan input that only shows while planning (a phase file that pairs regions). The CLI exits 2. */
export class PlanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanInputError';
  }
}
