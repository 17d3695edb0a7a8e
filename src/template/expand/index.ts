/**
 * Template expansion: what ARM would deploy, as far as it can be known before deployment.
 *
 * Parameters (files, defaults, overrides), variables (with `copy`), resource and property `copy`
 * loops, `condition`, child resources, nested deployments with inline templates (inner and outer
 * scope) and languageVersion 2.0 symbolic resources. Anything that cannot be evaluated becomes an
 * `Unknown`; nothing here throws on bad input: problems become diagnostics.
 *
 * The parts: frame.ts (declarations), scope.ts (what expressions see), values.ts, expressions.ts,
 * resources.ts, nested.ts, reuse.ts (allowedValues variants), read-tracker.ts (parameter reads).
 */
import { EvaluationBudget } from '../expression/limits.js';
import type { SourceDocument } from '../json.js';
import { DEFAULT_TARGET, type DeploymentTarget } from '../environment.js';
import type { ExpandedTemplate, ParameterInfo } from '../types.js';
import { isObject, type Expansion } from './context.js';
import { declareFrame, Frame, type ParameterSlot } from './frame.js';
import { NO_TRACKING, ParameterReads } from './read-tracker.js';
import { expandResourcesOf } from './resources.js';
import type { ReuseIndex } from './reuse.js';
import { ArmScope } from './scope.js';

export { LIMITS } from './context.js';
export { elideStringLiterals } from './diagnostics.js';
export { reuseIndex, type ReuseIndex } from './reuse.js';

export interface ExpandOptions {
  /** Values from a parameters file (lower-cased names). */
  parameterValues?: Map<string, unknown>;
  /** Values that win over everything (used to evaluate each allowed value of a parameter). */
  parameterOverrides?: Map<string, unknown>;
  target?: Partial<DeploymentTarget>;
  /**
   * Resource types (lower case) whose bodies are expanded right away. Bodies of other types are
   * expanded on first access of `body` (nested deployments always right away). Default: all.
   * The linter names the types its model reads, so it does not evaluate every NIC and NSG.
   */
  eagerTypes?: ReadonlySet<string>;
  /**
   * Record which root parameters each property of an eagerly expanded resource depends on
   * (directly or through variables): `ExpandedResource.parameterReads`. Used to evaluate rules
   * for every `allowedValues` entry of the parameters that decide them.
   */
  trackParameterReads?: boolean;
  /**
   * An earlier expansion of the same document (with parameter reads tracked) and the parameters
   * this one overrides: resources whose identity is unchanged and whose body read none of them
   * are taken over instead of expanded again (nested deployments are always expanded).
   */
  reuse?: { index: ReuseIndex; varied: ReadonlySet<string> };
  /**
   * The work budget of the file (expressions and expansion share it). The linter passes one
   * budget to every expansion of a file (allowedValues variants, baseline); default: a new one.
   */
  budget?: EvaluationBudget;
}

/** Expand a template document. Never throws. */
export function expandTemplate(document: SourceDocument, options: ExpandOptions = {}): ExpandedTemplate {
  const expansion: Expansion = {
    diagnostics: [],
    resources: [],
    target: { ...DEFAULT_TARGET, ...options.target },
    overrides: options.parameterOverrides,
    eagerTypes: options.eagerTypes,
    limitReported: false,
    budget: options.budget ?? new EvaluationBudget(),
    reportedEvaluationLimits: new Set(),
    reads: NO_TRACKING,
    reuse: options.reuse,
  };
  const template = document.value;
  if (!isObject(template)) {
    expansion.diagnostics.push({ code: 'invalid-template', message: 'the template is not a JSON object', document, path: [] });
    return { document, resources: [], diagnostics: expansion.diagnostics, parameters: [] };
  }
  const frame = new Frame(expansion, document, [], expansion.target.deploymentName, 0, []);
  declareFrame(frame, template, options.parameterValues);
  // Reads matter only to the allowedValues variants: none when no root parameter can be varied.
  if (options.trackParameterReads && [...frame.parameters.values()].some((slot) => canVary(slot, options))) expansion.reads = new ParameterReads();
  expandResourcesOf(frame, template, new ArmScope(frame));
  // Described when asked for: allowedValues variants and --no-allowed-values never ask.
  let parameters: ParameterInfo[] | undefined;
  return {
    document,
    resources: expansion.resources,
    diagnostics: expansion.diagnostics,
    get parameters() {
      return (parameters ??= describeParameters(frame, options));
    },
  };
}

/** A root parameter allowedValues variants would vary: allowed values, and no value from the parameters file or an override. */
function canVary(slot: ParameterSlot, options: ExpandOptions): boolean {
  const allowed = slot.declaration.allowedValues;
  return Array.isArray(allowed) && allowed.length > 0 && !slot.provided && !options.parameterOverrides?.has(slot.name.toLowerCase());
}

function describeParameters(frame: Frame, options: ExpandOptions): ParameterInfo[] {
  return [...frame.parameters.values()].map((slot) => ({
    name: slot.name,
    type: typeof slot.declaration.type === 'string' ? slot.declaration.type : 'unknown',
    hasDefault: 'defaultValue' in slot.declaration,
    allowedValues: Array.isArray(slot.declaration.allowedValues) ? slot.declaration.allowedValues : undefined,
    rawDefault: slot.declaration.defaultValue,
    source: options.parameterOverrides?.has(slot.name.toLowerCase())
      ? 'override'
      : slot.provided
        ? 'parameters-file'
        : 'defaultValue' in slot.declaration
          ? 'default'
          : 'none',
  }));
}
