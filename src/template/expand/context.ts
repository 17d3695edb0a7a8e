/** What every part of one expansion shares: its output, limits, budget and options. */
import type { EvaluationBudget } from '../expression/limits.js';
import { isUnknown } from '../unknown.js';
import type { DeploymentTarget } from '../environment.js';
import type { Diagnostic, ExpandedResource } from '../types.js';
import type { ParameterReadTracker } from './read-tracker.js';
import type { ReuseIndex } from './reuse.js';

/** ARM's own limits, and ours against hostile input. */
export const LIMITS = {
  copyCount: 800,
  resources: 20_000,
  nestingDepth: 10,
  valueDepth: 128,
};

export type Json = Record<string, unknown>;

export interface Expansion {
  diagnostics: Diagnostic[];
  resources: ExpandedResource[];
  target: DeploymentTarget;
  overrides?: Map<string, unknown>;
  eagerTypes?: ReadonlySet<string>;
  limitReported: boolean;
  budget: EvaluationBudget;
  /** Evaluation limits already reported (message and path), so a copy loop reports each once. */
  reportedEvaluationLimits: Set<string>;
  /** Parameter reads of resource bodies (a no-op unless allowedValues variants need them: see expandTemplate). */
  reads: ParameterReadTracker;
  reuse?: { index: ReuseIndex; varied: ReadonlySet<string> };
}

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnknown(value);
}

/** Own data property even for `__proto__`: template keys must never touch prototypes. */
export function defineProperty(target: Json, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
