/**
 * The components' one judge: the lint rules themselves, run on the resources a planner is about to
 * create, with each finding turned into a Violation on the component argument behind it. A planner
 * only says which arguments the ARM paths come from; what is wrong, and why, is the rules' word.
 */
import type { AnyRule } from '../../src/engine/rule.js';
import type { PulumiResourceInput } from '../policy/adapter.js';
import { lintPulumiResources, type PulumiFinding } from '../policy/lint.js';
import { formatViolation, type RequirementId, type Violation } from './errors.js';

/** ARM path (dotted, as findings give it) → the argument it comes from. */
export interface ArgumentOf {
  /** Path prefix inside the resource, e.g. `properties.osProfile.windowsConfiguration.enableAutomaticUpdates`. */
  path: string;
  argument: string;
  /** The whole subtree is this one argument (e.g. `extensions[0]`): the rest of the path is dropped. */
  whole?: boolean;
}

export interface Judging {
  /** The resources as the component will create them (azure-native inputs). */
  resources: readonly PulumiResourceInput[];
  /** Most specific first. A finding whose path matches none keeps its ARM path as the argument. */
  argumentOf: readonly ArgumentOf[];
  /**
   * Findings a rule reports at a property the component derives (patchMode, the bypass flag): rule
   * id, or `rule id:messageId`, → the argument of the intent that caused it.
   */
  argumentOfRule?: Readonly<Record<string, string>>;
  /** Rules to run (default: every rule patchwise ships, in the recommended preset). */
  rules?: readonly AnyRule[];
  today?: Date;
}

export interface Judgement {
  /**
   * Findings of severity error and warning: the component refuses both. A template may have a
   * reason lint cannot see; a component's intent has none, and `unsafeAllowInvalid` is the way out.
   */
  violations: Violation[];
  /** Findings of severity info, and the warnings of NOT_REFUSED, as `argument (requirement): message [rule]`. */
  notes: string[];
}

/**
 * Warnings that say nothing against the configuration: advice on a setting Azure applies as
 * written, or a fact about today (a program run next month must not start failing). Logged.
 */
export const NOT_REFUSED: ReadonlySet<string> = new Set([
  'rolling-upgrade/policy-ranges:largeBatch',
  'schedules/maintenance-window:expired',
  'credentials/sas-expiry:expiring',
]);

export function judge(judging: Judging): Judgement {
  const findings = lintPulumiResources(judging.resources, { rules: judging.rules, today: judging.today });
  const violations: Violation[] = [];
  const notes: string[] = [];
  for (const finding of findings) {
    const violation: Violation = {
      argument: argumentOfFinding(finding, judging),
      requirement: requirementOf(finding),
      message: finding.message,
      ruleId: finding.ruleId,
      requirements: finding.requirements,
    };
    if (finding.severity === 'info' || NOT_REFUSED.has(`${finding.ruleId}:${finding.messageId}`)) notes.push(formatViolation(violation));
    else violations.push(violation);
  }
  return { violations, notes };
}

/** The planner's own (intent-grammar) violations first, then the rules' on arguments not already at fault. */
export function withRuleViolations(local: readonly Violation[], judged: readonly Violation[]): Violation[] {
  const faulted = new Set(local.map((violation) => violation.argument));
  return [...local, ...judged.filter((violation) => !faulted.has(violation.argument))];
}

function argumentOfFinding(finding: PulumiFinding, judging: Judging): string {
  const byRule = judging.argumentOfRule ?? {};
  const ruleArgument = byRule[`${finding.ruleId}:${finding.messageId}`] ?? byRule[finding.ruleId];
  if (ruleArgument !== undefined) return ruleArgument;
  for (const { path, argument, whole } of judging.argumentOf) {
    if (finding.path !== path && !finding.path.startsWith(`${path}.`) && !finding.path.startsWith(`${path}[`)) continue;
    return whole ? argument : argument + finding.path.slice(path.length);
  }
  return finding.path;
}

/**
 * The requirement a finding enforces: its message's own (the rule's `messageRequirements`), else the
 * rule's first. `unsafeAllowInvalid` lists these ids, so `["GP2"]` allows the GP2 case of a rule and no other.
 */
function requirementOf(finding: PulumiFinding): RequirementId {
  return finding.requirements[0] as RequirementId;
}
