/**
 * The rule API. A rule is metadata plus a pure function of the model; it reports on known values
 * only (an Unknown never yields an error). Messages are keyed by messageId so tests and
 * translations do not depend on wording.
 */
import type { JsonPath } from '../model/source.js';
import type {
  AvailabilitySet,
  Extension,
  GenericResource,
  LoadBalancer,
  Model,
  ModelResource,
  ResourceKind,
  ScaleSet,
  VirtualMachine,
} from '../model/types.js';
import type { Severity } from './finding.js';
import type { Inventory } from '../inventory/types.js';

export interface TargetMap {
  virtualMachine: VirtualMachine;
  scaleSet: ScaleSet;
  extension: Extension;
  availabilitySet: AvailabilitySet;
  loadBalancer: LoadBalancer;
  serviceFabricCluster: GenericResource;
  maintenanceConfiguration: GenericResource;
  configurationAssignment: GenericResource;
}

/** `--sas-horizon`'s default: credentials expiring within this many days are warnings. */
export const DEFAULT_SAS_HORIZON_DAYS = 30;

export type PresetName = 'recommended' | 'strict';
export type RuleSetting = Severity | 'off';

export interface RuleOptions {
  /** The day the lint runs (UTC), for rules about expiry. */
  today: Date;
  /** Credentials expiring within this many days are warnings (`--sas-horizon`, default 30). */
  sasHorizonDays: number;
  /** Facts the templates do not hold (`--inventory`), e.g. Linux agent versions (GP12). */
  inventory?: Inventory;
}

/** A replacement of the JSON value at a path of the resource (the engine turns it into text edits). */
export interface FixSpec {
  description: string;
  /** Set the property at `path` to `value` (creating it when absent), or remove it when `value` is undefined. */
  path: JsonPath;
  value: unknown;
}

export interface ReportDescriptor<M extends string = string> {
  /** Property path inside the target's resource. */
  path: JsonPath;
  /** A key of the rule's `messages`: a typo fails to compile. */
  messageId: M;
  data?: Record<string, string | number | boolean>;
  /**
   * A weaker case than the rule's severity (e.g. a warning from an error rule). Never above the
   * rule's severity; a configured severity lowers it too (see severity.ts).
   */
  severity?: Severity;
  /** Only from a rule that declares `fixable: true` (the runner refuses others). */
  fix?: FixSpec;
}

export interface RuleContext<M extends string = string> {
  /** The whole model of the file: for rules that look across resources. */
  readonly model: Model;
  /** The same resource in the baseline (previous version), when linting a change. */
  readonly previous: ModelResource | undefined;
  /** True when a baseline was given, so a missing `previous` means the resource is new. */
  readonly hasBaseline: boolean;
  readonly options: RuleOptions;
  report(descriptor: ReportDescriptor<M>): void;
}

export interface Rule<K extends ResourceKind = ResourceKind, M extends string = string> {
  /** `area/name`, e.g. `guest-patching/windows-automatic-updates`. */
  id: string;
  severity: Severity;
  /** Requirement ids of spec/requirements.md this rule enforces. */
  requirements: string[];
  targets: readonly K[];
  /** One line: what the rule checks. */
  summary: string;
  /** Message templates keyed by messageId (`{{name}}` placeholders are filled from `data`). */
  messages: Record<M, string>;
  /**
   * The requirement ids one message enforces, when fewer than the rule's (GP2 for the
   * AutomaticByPlatform case of a GP2-GP5 rule): findings, SARIF and the components name them.
   */
  messageRequirements?: Partial<Record<M, readonly string[]>>;
  /** Settings in the presets; a rule is on with its severity in both unless it says otherwise. */
  presets?: Partial<Record<PresetName, RuleSetting>>;
  /** Only meaningful with a baseline (`--baseline`). */
  needsBaseline?: boolean;
  /**
   * Looks beyond its own resource: the model (`context.model`), or a target's linked extensions or
   * parent. The Pulumi policy pack runs such rules as stack policies. A test keeps it accurate.
   */
  crossResource?: boolean;
  /** Reports fixes. Required for a rule that passes `fix` to `report` (the runner enforces it). */
  fixable?: boolean;
  check(target: TargetMap[K], context: RuleContext<M>): void;
}

/** Identity helper that ties `check`'s target type to `targets` and its messageIds to `messages`. */
export function defineRule<K extends ResourceKind, M extends string>(rule: Rule<K, M>): Rule<K, M> {
  return rule;
}

/**
 * Any rule, whatever its targets and messages (for registries). `check` is a method, so a
 * `Rule<'scaleSet', 'x'>` is assignable to it without a cast.
 */
export type AnyRule = Rule<ResourceKind, string>;

/** `{{name}}` placeholders of a message template filled from data. */
export function formatMessage(template: string, data: Record<string, string | number | boolean> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (data && key in data ? String(data[key]) : whole));
}

export const REPOSITORY_URL = 'https://github.com/patchwise-dev/patchwise';

export function docsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}
