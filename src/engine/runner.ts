/** Runs rules over a model and collects what they report, with the resource and path. */
import type { JsonPath } from '../model/source.js';
import type { Model, ModelResource, ResourceKind } from '../model/types.js';
import type { Severity } from './finding.js';
import { formatMessage, type AnyRule, type FixSpec, type RuleOptions, type RuleSetting } from './rule.js';

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
    // Without settings (the API, tests) a rule has its `recommended` preset setting, as with the default config.
    const setting = run.settings?.get(rule.id) ?? rule.presets?.recommended ?? rule.severity;
    if (setting === 'off') continue;
    if (rule.needsBaseline && !run.hasBaseline) continue;
    for (const kind of rule.targets) {
      for (const target of resourcesOfKind(model, kind)) {
        const context = {
          model,
          previous: run.previous?.get(target),
          hasBaseline: run.hasBaseline ?? false,
          options: run.options,
          report(descriptor: Parameters<Parameters<AnyRule['check']>[1]['report']>[0]) {
            const template = rule.messages[descriptor.messageId];
            if (template === undefined) throw new Error(`rule ${rule.id} has no message '${descriptor.messageId}'`);
            findings.push({
              ruleId: rule.id,
              // A configured severity wins; otherwise a per-finding severity (e.g. a weaker case) applies.
              severity: run.settings?.has(rule.id) && setting !== rule.severity ? setting : (descriptor.severity ?? setting),
              message: formatMessage(template, descriptor.data),
              messageId: descriptor.messageId,
              requirements: rule.requirements,
              resource: target,
              path: descriptor.path,
              fix: descriptor.fix,
            });
          },
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
