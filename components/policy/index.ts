/**
 * `patchwise/policy`: a Pulumi policy pack running patchwise's lint rules on the azure-native
 * VMs, scale sets and extensions of any stack. One policy per rule (its enforcement level is
 * configurable like any policy's), resource policies for rules about one resource, stack policies
 * for rules that look across resources.
 */
import type { EnforcementLevel, Policies, PolicyPackArgs, ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from '@pulumi/policy';
import { ALL_RULES } from '../../rules/index.js';
import { docsUrl, type AnyRule, type PresetName } from '../../src/engine/rule.js';
import { presetSetting } from '../../src/engine/severity.js';
import { DEFAULT_SAS_HORIZON_DAYS } from '../../src/engine/lint.js';
import { isModeledPulumiType, type PulumiResourceInput } from './adapter.js';
import { formatPulumiFinding, lintPulumiResources } from './lint.js';

export { toResourceSource, toResourceSources, parsePulumiType, isModeledPulumiType, PULUMI_TYPE_MAPPINGS, type PulumiResourceInput } from './adapter.js';
export { lintPulumiResources, modelOfPulumiResources, formatPulumiFinding, argumentPath, type PulumiFinding, type PulumiLintOptions } from './lint.js';

export interface PatchwisePolicyOptions {
  /** Rules to run (default: every rule patchwise ships; change rules need a baseline and are left out). */
  rules?: readonly AnyRule[];
  /** Default enforcement from this preset's settings (default `recommended`). */
  preset?: PresetName;
  /**
   * Requirement ids whose rules also run as stack policies. By default a rule runs on the whole
   * stack when it declares `crossResource` (it needs a probe's load balancer, an extension declared
   * as its own resource, a maintenance assignment, the Service Fabric cluster…).
   */
  crossResourceRequirements?: readonly string[];
  /** The day of the run for expiry rules (default: now). */
  today?: Date;
}

interface PolicyConfig {
  sasHorizonDays?: number;
}

const CONFIG_SCHEMA = {
  properties: {
    sasHorizonDays: {
      type: 'integer' as const,
      minimum: 0,
      default: DEFAULT_SAS_HORIZON_DAYS,
      description: 'Credentials (SAS tokens) expiring within this many days are reported (rules with OU7).',
    },
  },
};

/** Policy name of a rule: its id with `/` as `-` (e.g. `guest-patching-windows-automatic-updates`). */
export function policyName(ruleId: string): string {
  return ruleId.replace(/\//g, '-');
}

/** error → mandatory, warning and info → advisory, off → disabled; the preset's setting wins over the rule's severity. */
export function enforcementLevelFor(rule: AnyRule, preset: PresetName = 'recommended'): EnforcementLevel {
  const setting = presetSetting(rule, preset);
  return setting === 'off' ? 'disabled' : setting === 'error' ? 'mandatory' : 'advisory';
}

function isCrossResource(rule: AnyRule, requirements: readonly string[]): boolean {
  return rule.crossResource === true || rule.requirements.some((id) => requirements.includes(id));
}

function asInput(args: { type: string; name: string; urn: string; props: Record<string, unknown> }): PulumiResourceInput {
  return { type: args.type, name: args.name, urn: args.urn, props: args.props };
}

/** The policies of the pack (for `new PolicyPack(name, { policies })`, or to call in tests). */
export function createPatchwisePolicies(options: PatchwisePolicyOptions = {}): Policies {
  const rules = (options.rules ?? ALL_RULES).filter((rule) => !rule.needsBaseline);
  const cross = options.crossResourceRequirements ?? [];
  const policies: Policies = [];
  for (const rule of rules) {
    const base = {
      name: policyName(rule.id),
      description: `${rule.summary} (${rule.id}; requirements ${rule.requirements.join(', ')})`,
      enforcementLevel: enforcementLevelFor(rule, options.preset),
      configSchema: CONFIG_SCHEMA,
      url: docsUrl(rule.id),
      tags: ['patchwise', ...rule.requirements],
    };
    // The policy runs the rule whatever its preset says: Pulumi's enforcement level decides.
    const settings = new Map([[rule.id, rule.severity]] as const);
    if (isCrossResource(rule, cross)) {
      const policy: StackValidationPolicy = {
        ...base,
        validateStack: (args, reportViolation: ReportViolation) => {
          const config = args.getConfig<PolicyConfig>();
          const findings = lintPulumiResources(args.resources.filter((resource) => isModeledPulumiType(resource.type)).map(asInput), {
            rules: [rule],
            settings,
            today: options.today,
            sasHorizonDays: config.sasHorizonDays,
          });
          for (const finding of findings) reportViolation(formatPulumiFinding(finding, true), finding.urn.startsWith('urn:') ? finding.urn : undefined);
        },
      };
      policies.push(policy);
    } else {
      const policy: ResourceValidationPolicy = {
        ...base,
        validateResource: (args, reportViolation: ReportViolation) => {
          if (!isModeledPulumiType(args.type)) return;
          const config = args.getConfig<PolicyConfig>();
          const findings = lintPulumiResources([asInput(args)], { rules: [rule], settings, today: options.today, sasHorizonDays: config.sasHorizonDays });
          for (const finding of findings) reportViolation(formatPulumiFinding(finding));
        },
      };
      policies.push(policy);
    }
  }
  return policies;
}

/** Arguments for `new PolicyPack("patchwise", …)`. */
export function patchwisePolicyPackArgs(options: PatchwisePolicyOptions = {}): PolicyPackArgs {
  return {
    policies: createPatchwisePolicies(options),
    description:
      'patchwise: Azure VM update management rules (guest patching, automatic OS image upgrade, extension upgrade, hotpatch, schedules) on azure-native resources',
    displayName: 'patchwise',
    tags: ['azure', 'patching'],
  };
}

/**
 * Serve the pack from a pack's entry point (`pulumi preview --policy-pack <dir>` runs it). Pulumi
 * loads the entry point with `require()`: do not `await` this at the top level of an ES module
 * (the shipped pack, `policy-pack/index.js`, is CommonJS and constructs the `PolicyPack` itself).
 */
export async function servePatchwisePolicyPack(name = 'patchwise', options: PatchwisePolicyOptions = {}): Promise<void> {
  const { PolicyPack } = await import('@pulumi/policy');
  new PolicyPack(name, patchwisePolicyPackArgs(options));
}
