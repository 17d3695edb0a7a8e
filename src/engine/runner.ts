/** Runs rules over a model and collects what they report, with the resource and path. */
import type { JsonPath } from '../model/source.js';
import type { Model, ModelResource, ResourceKind } from '../model/types.js';
import type { Severity } from './finding.js';
import { formatMessage, type AnyRule, type FixSpec, type ReportDescriptor, type RuleContext, type RuleOptions, type RuleSetting } from './rule.js';
import { findingSeverity, isAbove, ruleSetting } from './severity.js';

export interface RawFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Which of the rule's messages: identifies the finding with rule, resource and path (fingerprints). */
  messageId: string;
  requirements: string[];
  resource: ModelResource;
  path: JsonPath;
  fix?: FixSpec;
}

export interface RunOptions {
  rules: readonly AnyRule[];
  /** Effective setting per rule id (from presets and config); rules not listed use their own severity. */
  settings?: ReadonlyMap<string, RuleSetting>;
  options: RuleOptions;
  /** Resources of the baseline paired with resources of the model (change rules). */
  previous?: ReadonlyMap<ModelResource, ModelResource>;
  hasBaseline?: boolean;
  /** Called when a rule throws: the run goes on. */
  onInternalError?: (rule: AnyRule, resource: ModelResource, error: unknown) => void;
}

export function resourcesOfKind(model: Model, kind: ResourceKind): readonly ModelResource[] {
  switch (kind) {
    case 'virtualMachine':
      return model.virtualMachines;
    case 'scaleSet':
      return model.scaleSets;
    case 'extension':
      return model.extensions;
    case 'availabilitySet':
      return model.availabilitySets;
    case 'loadBalancer':
      return model.loadBalancers;
    default:
      return model.other.filter((resource) => resource.kind === kind);
  }
}

export function runRules(model: Model, run: RunOptions): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const rule of run.rules) {
    const setting = ruleSetting(rule, run.settings);
    if (setting === 'off') continue;
    if (rule.needsBaseline && !run.hasBaseline) continue;
    for (const kind of rule.targets) {
      for (const target of resourcesOfKind(model, kind)) {
        const context: RuleContext = {
          model,
          previous: run.previous?.get(target),
          hasBaseline: run.hasBaseline ?? false,
          options: run.options,
          report: (descriptor) => findings.push(rawFinding(rule, setting, target, descriptor)),
        };
        try {
          rule.check(target as never, context);
        } catch (error) {
          run.onInternalError?.(rule, target, error);
        }
      }
    }
  }
  return findings;
}

/**
 * A reported finding, with the metadata checks ESLint makes at run time: the messageId exists,
 * a fix comes from a rule that declares `fixable`, a per-finding severity is a weaker case. A
 * violation throws, which the caller turns into an `internal-error` finding.
 */
function rawFinding(rule: AnyRule, setting: Exclude<RuleSetting, 'off'>, target: ModelResource, descriptor: ReportDescriptor): RawFinding {
  const template = rule.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`rule ${rule.id} has no message '${descriptor.messageId}'`);
  if (descriptor.fix && !rule.fixable) throw new Error(`rule ${rule.id} reports a fix but does not declare fixable: true`);
  if (descriptor.severity && isAbove(descriptor.severity, rule.severity))
    throw new Error(`rule ${rule.id} reports '${descriptor.severity}' above its severity '${rule.severity}'`);
  return {
    ruleId: rule.id,
    severity: findingSeverity(setting, descriptor.severity),
    message: formatMessage(template, descriptor.data),
    messageId: descriptor.messageId,
    requirements: [...(rule.messageRequirements?.[descriptor.messageId] ?? rule.requirements)],
    resource: target,
    path: descriptor.path,
    fix: descriptor.fix,
  };
}
