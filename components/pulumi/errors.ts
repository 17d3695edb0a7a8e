/**
 * How the components refuse a configuration Azure would reject or silently ignore: every problem
 * names the argument and the requirement id of spec/requirements.md, and is thrown unless the
 * caller lists the requirement id in `unsafeAllowInvalid` (then it is logged as a warning). Most
 * problems are findings of the lint rules (judge.ts): they also name the rule.
 */

/** A requirement id of spec/requirements.md, e.g. `GP2`, `HP1`, `OU1`. */
export type RequirementId = `${'GP' | 'OU' | 'EU' | 'HP' | 'AF' | 'CF'}${number}`;

/** One thing wrong with the arguments of a component. */
export interface Violation {
  /** The argument at fault, as the caller wrote it, e.g. `patching.hotpatch`. */
  argument: string;
  /** The requirement id the argument breaks. */
  requirement: RequirementId;
  /** What is wrong and what to do instead (without the argument and id: `format` adds them). */
  message: string;
  /** The lint rule that found it; absent for the component's own checks of its arguments' grammar. */
  ruleId?: string;
  /** Every requirement id of the rule (`requirement` is the one this message enforces). */
  requirements?: readonly string[];
}

/** `patching.hotpatch (HP1): enableHotpatching is true, but image … [hotpatch/supported-image; HP1]`: the rule and its requirement ids last. */
export function formatViolation(violation: Violation): string {
  const requirements = violation.requirements?.length ? `; ${violation.requirements.join(', ')}` : '';
  const rule = violation.ruleId === undefined ? '' : ` [${violation.ruleId}${requirements}]`;
  return `${violation.argument} (${violation.requirement}): ${violation.message}${rule}`;
}

/** Thrown at construction (known arguments) or in an apply (arguments only known after deployment). */
export class PatchwiseConfigError extends Error {
  readonly argument: string;
  readonly requirement: RequirementId;
  /** The lint rule that found the problem, when a rule did. */
  readonly ruleId: string | undefined;

  constructor(
    readonly component: string,
    violation: Violation,
  ) {
    super(`${component}: ${formatViolation(violation)}`);
    this.name = 'PatchwiseConfigError';
    this.argument = violation.argument;
    this.requirement = violation.requirement;
    this.ruleId = violation.ruleId;
  }
}

/** Where allowed violations go (pulumi.log.warn in the components; a collector in tests). */
export type WarnSink = (message: string) => void;

/**
 * Throws the first violation that is not allowed; logs the allowed ones. Returns the allowed
 * violations (callers do not need them, tests do).
 */
export function enforce(component: string, violations: readonly Violation[], allow: readonly string[] | undefined, warn: WarnSink): Violation[] {
  const allowed = new Set((allow ?? []).map((id) => id.toUpperCase()));
  const accepted: Violation[] = [];
  for (const violation of violations) {
    if (!allowed.has(violation.requirement)) throw new PatchwiseConfigError(component, violation);
    accepted.push(violation);
  }
  for (const violation of accepted) {
    warn(`${component}: ${formatViolation(violation)} [allowed by unsafeAllowInvalid: the resource is created as requested and Azure may reject or ignore it]`);
  }
  return accepted;
}
