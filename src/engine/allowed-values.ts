/**
 * Parameters with `allowedValues`: a template is deployed with any of them, so a default that
 * passes must not hide an allowed value that fails. The rules run again for each allowed value of
 * the parameters that decide them (the ones model properties read, directly or via variables),
 * and findings that only appear with some values are reported with the values that cause them.
 */
import { CORE_RULES } from './core-rules.js';
import { isExpressionText } from '../template/expression/text.js';
import type { ParameterInfo } from '../template/types.js';
import type { ExpandedTemplate } from '../template/types.js';
import type { Finding, Severity } from './finding.js';
import { MODEL_RESOURCE_TYPES } from '../model/build.js';

/** Combinations evaluated per template, at most. */
export const MAX_VARIANTS = 64;

/** Properties that never decide a rule: a parameter read only there is not varied. */
const COMMON_UNDECISIVE = ['name', 'tags', 'location', 'zones', 'sku', 'plan', 'identity', 'dependsOn', 'extendedLocation'];
const MACHINE_UNDECISIVE = [
  'hardwareProfile',
  'diagnosticsProfile',
  'networkProfile.networkInterfaces',
  'networkProfile.networkInterfaceConfigurations',
  'storageProfile.osDisk',
  'storageProfile.dataDisks',
  'storageProfile.copy',
  'storageProfile.diskControllerType',
  'osProfile.computerName',
  'osProfile.computerNamePrefix',
  'osProfile.adminUsername',
  'osProfile.adminPassword',
  'osProfile.customData',
  'osProfile.secrets',
  'osProfile.windowsConfiguration.timeZone',
  'osProfile.windowsConfiguration.winRM',
  'osProfile.windowsConfiguration.additionalUnattendContent',
  'osProfile.linuxConfiguration.ssh',
  'osProfile.linuxConfiguration.disablePasswordAuthentication',
  'priority',
  'evictionPolicy',
  'billingProfile',
  'licenseType',
  'securityProfile',
  'userData',
  'availabilitySet',
  'proximityPlacementGroup',
];
const UNDECISIVE_PATHS = [
  ...COMMON_UNDECISIVE,
  ...MACHINE_UNDECISIVE.map((path) => `properties.${path}`),
  ...MACHINE_UNDECISIVE.map((path) => `properties.virtualMachineProfile.${path}`),
];
/** Extension settings decide rules only for the Application Health extension (CF6). */
const SETTINGS = /(^|\.)(settings|protectedSettings)(\.|$)/;

const MODEL_TYPES = new Set(MODEL_RESOURCE_TYPES);

export interface Choice {
  /** Lower-case parameter name (the override key). */
  key: string;
  name: string;
  value: unknown;
}

export interface Variant {
  choices: Choice[];
  overrides: Map<string, unknown>;
}

/** A property path (dotted, no array indexes) no rule decides on (test/rules/undecisive-paths.test.ts checks the list against what rules read). */
export function isUndecisivePath(path: string): boolean {
  return UNDECISIVE_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}.`));
}

/** Parameters whose allowed values can change what a rule sees. */
export function decisiveParameters(expanded: ExpandedTemplate): Set<string> {
  const out = new Set<string>();
  // Only parameters that could be varied matter: most templates have none, and cost nothing here.
  const candidates = new Set(
    expanded.parameters
      .filter((parameter) => parameter.allowedValues && parameter.allowedValues.length > 0 && (parameter.source === 'default' || parameter.source === 'none'))
      .map((parameter) => parameter.name.toLowerCase()),
  );
  if (candidates.size === 0) return out;
  for (const resource of expanded.resources) {
    if (!resource.parameterReads || !MODEL_TYPES.has(resource.type.toLowerCase())) continue;
    let health: boolean | undefined;
    for (const [path, reads] of resource.parameterReads) {
      if (![...reads].some((read) => candidates.has(read) && !out.has(read))) continue;
      if (isUndecisivePath(path)) continue;
      if (SETTINGS.test(path) && !(health ??= /applicationhealth/i.test(JSON.stringify(resource.body)))) continue;
      for (const read of reads) out.add(read);
    }
  }
  return out;
}

/**
 * The variants to evaluate: every combination of allowed values when there are at most
 * MAX_VARIANTS, else one parameter at a time (the others at their defaults), capped.
 */
export function variantsFor(parameters: readonly ParameterInfo[], decisive: ReadonlySet<string>): Variant[] {
  const axes: Choice[][] = [];
  for (const parameter of parameters) {
    const key = parameter.name.toLowerCase();
    if (!decisive.has(key) || !parameter.allowedValues || parameter.allowedValues.length === 0) continue;
    if (parameter.source !== 'default' && parameter.source !== 'none') continue; // pinned by a parameters file
    const literalDefault = parameter.source === 'default' && !isExpressionText(parameter.rawDefault);
    const values = parameter.allowedValues.filter((value) => !(literalDefault && sameValue(value, parameter.rawDefault)));
    if (values.length > 0) axes.push(values.map((value) => ({ key, name: parameter.name, value })));
  }
  if (axes.length === 0) return [];
  const combinations = axes.reduce((product, axis) => product * (axis.length + 1), 1) - 1;
  const out: Variant[] = [];
  if (combinations <= MAX_VARIANTS) {
    // Each axis: its default (no override) or one of its values.
    let partial: Choice[][] = [[]];
    for (const axis of axes) partial = partial.flatMap((choices) => [choices, ...axis.map((choice) => [...choices, choice])]);
    for (const choices of partial) if (choices.length > 0) out.push(toVariant(choices));
  } else {
    for (const axis of axes) for (const choice of axis) if (out.length < MAX_VARIANTS) out.push(toVariant([choice]));
  }
  return out;
}

function toVariant(choices: Choice[]): Variant {
  return { choices, overrides: new Map(choices.map((choice) => [choice.key, choice.value])) };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Where and what a finding is, independent of names a parameter may change. */
export function findingKey(finding: Finding): string {
  return `${finding.ruleId}|${finding.file}|${finding.line}|${finding.column}|${finding.path ?? ''}`;
}

export function describeChoices(choices: readonly Choice[]): string {
  return choices.map((choice) => `\`${choice.name}\` = \`${typeof choice.value === 'string' ? choice.value : JSON.stringify(choice.value)}\``).join(', ');
}

/**
 * Findings that appear only with some allowed values, each once, with the values that cause it.
 * Severity: `warning` for values other than the default (an `info` rule stays `info`); the rule's
 * own severity when the parameter has no default and every allowed value fails.
 */
export function mergeVariantFindings(
  defaults: readonly Finding[],
  variants: ReadonlyArray<{ variant: Variant; findings: readonly Finding[] }>,
  parameters: readonly ParameterInfo[],
): Finding[] {
  const known = new Set(defaults.map(findingKey));
  const collected = new Map<string, { finding: Finding; variants: Variant[] }>();
  for (const { variant, findings } of variants) {
    for (const finding of findings) {
      const key = findingKey(finding);
      if (known.has(key) || finding.ruleId === CORE_RULES.internalError.id || finding.ruleId.startsWith('template/')) continue;
      const entry = collected.get(key) ?? { finding, variants: [] };
      if (!entry.variants.includes(variant)) entry.variants.push(variant);
      collected.set(key, entry);
    }
  }
  const out: Finding[] = [];
  for (const { finding, variants: failing } of collected.values()) {
    // What every failing combination has in common is the short explanation, when there is one.
    const common = failing[0].choices.filter((choice) =>
      failing.every((variant) => variant.choices.some((other) => other.key === choice.key && sameValue(other.value, choice.value))),
    );
    const shown = common.length > 0 && failing.length > 1 ? [describeChoices(common)] : failing.slice(0, 3).map((variant) => describeChoices(variant.choices));
    const more = common.length > 0 && failing.length > 1 ? '' : failing.length > 3 ? ` (and ${failing.length - 3} more)` : '';
    const everyValue = failsForEveryValue(
      failing,
      variants.map((entry) => entry.variant),
      parameters,
    );
    const severity: Severity = everyValue ? finding.severity : finding.severity === 'info' ? 'info' : 'warning';
    const when = everyValue ? `fails for every allowed value of ${describeParameters(failing)}` : `fails when parameter ${shown.join('; or ')}${more}`;
    const { fix: _fix, ...rest } = finding;
    out.push({ ...rest, severity, message: `${finding.message} (${when})` });
  }
  return out;
}

/** True when a parameter without a default fails with each of its allowed values (single-parameter variants). */
function failsForEveryValue(failing: readonly Variant[], all: readonly Variant[], parameters: readonly ParameterInfo[]): boolean {
  const keys = new Set(failing.flatMap((variant) => variant.choices.map((choice) => choice.key)));
  if (keys.size !== 1) return false;
  const [key] = keys;
  const parameter = parameters.find((candidate) => candidate.name.toLowerCase() === key);
  if (!parameter || parameter.source !== 'none') return false;
  const single = all.filter((variant) => variant.choices.length === 1 && variant.choices[0].key === key);
  return single.length > 0 && single.every((variant) => failing.includes(variant));
}

function describeParameters(failing: readonly Variant[]): string {
  return `\`${failing[0].choices[0].name}\``;
}
