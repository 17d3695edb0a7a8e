/** Run the lint rules on Pulumi resources: adapter → model → the same rule engine as `patchwise lint`. */
import { ALL_RULES } from '../../rules/index.js';
import { buildModel } from '../../src/model/build.js';
import { runRules } from '../../src/engine/runner.js';
import { CORE_RULES } from '../../src/engine/core-rules.js';
import type { AnyRule, RuleSetting } from '../../src/engine/rule.js';
import { DEFAULT_SAS_HORIZON_DAYS } from '../../src/engine/lint.js';
import type { Severity } from '../../src/engine/finding.js';
import { formatPath, type JsonPath } from '../../src/model/source.js';
import { isUnknown } from '../../src/model/unknown.js';
import type { Model } from '../../src/model/types.js';
import { toResourceSources, type PulumiResourceInput } from './adapter.js';

export interface PulumiLintOptions {
  /** Rules to run (default: every rule patchwise ships). */
  rules?: readonly AnyRule[];
  /** Effective setting per rule id (as in `patchwise.config.json`). */
  settings?: ReadonlyMap<string, RuleSetting>;
  /** The day of the run, for expiry rules (default: now). */
  today?: Date;
  /** See `--sas-horizon` (default DEFAULT_SAS_HORIZON_DAYS, 30). */
  sasHorizonDays?: number;
}

export interface PulumiFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Which of the rule's messages (absent for internal errors). */
  messageId?: string;
  requirements: string[];
  /** ARM property path, e.g. `properties.osProfile.windowsConfiguration.enableAutomaticUpdates`. */
  path: string;
  /** The same path in azure-native args, e.g. `osProfile.windowsConfiguration.enableAutomaticUpdates`. */
  argumentPath: string;
  /** Azure name of the resource (`vm1`, `vm1/ext`), or `(unknown)`. */
  resourceName: string;
  /** URN of the Pulumi resource when the input had one, else `pulumi:<type>::<name>`. */
  urn: string;
}

/** The model of a set of Pulumi resources (the ones the rules look at; others are skipped). */
export function modelOfPulumiResources(resources: readonly PulumiResourceInput[]): Model {
  return buildModel(toResourceSources(resources));
}

export function lintPulumiResources(resources: readonly PulumiResourceInput[], options: PulumiLintOptions = {}): PulumiFinding[] {
  const model = modelOfPulumiResources(resources);
  const findings: PulumiFinding[] = [];
  const raw = runRules(model, {
    rules: (options.rules ?? ALL_RULES).filter((rule) => !rule.needsBaseline),
    settings: options.settings,
    options: { today: options.today ?? new Date(), sasHorizonDays: options.sasHorizonDays ?? DEFAULT_SAS_HORIZON_DAYS },
    onInternalError: (rule, resource, error) => {
      findings.push({
        ruleId: CORE_RULES.internalError.id,
        severity: 'error',
        message: `rule ${rule.id} failed: ${(error as Error)?.message ?? String(error)}`,
        requirements: [],
        path: '',
        argumentPath: '',
        resourceName: isUnknown(resource.name) ? '(unknown)' : resource.name,
        urn: resource.resource.file,
      });
    },
  });
  for (const finding of raw) {
    findings.push({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      messageId: finding.messageId,
      requirements: finding.requirements,
      path: formatPath(finding.path),
      argumentPath: argumentPath(finding.path),
      resourceName: isUnknown(finding.resource.name) ? '(unknown)' : finding.resource.name,
      urn: finding.resource.resource.file,
    });
  }
  return findings;
}

/** azure-native flattens `properties`: the argument path is the ARM path without them (settings keep theirs). */
export function argumentPath(path: JsonPath): string {
  return formatPath(argumentSegments(path));
}

/** argumentPath as segments. */
export function argumentSegments(path: JsonPath): JsonPath {
  const out: JsonPath = [];
  let inSettings = false;
  for (const segment of path) {
    if (segment === 'properties' && !inSettings) continue;
    if (segment === 'settings' || segment === 'protectedSettings') inSettings = true;
    out.push(segment);
  }
  return out;
}

/** One line for a policy violation: `[rule] message (requirements) at path`. */
export function formatPulumiFinding(finding: PulumiFinding, withResource = false): string {
  const where = finding.argumentPath ? ` at ${finding.argumentPath}` : '';
  const resource = withResource ? ` (${finding.resourceName})` : '';
  const requirements = finding.requirements.length > 0 ? ` [${finding.requirements.join(', ')}]` : '';
  return `[${finding.ruleId}] ${finding.severity}: ${finding.message}${requirements}${where}${resource}`;
}
