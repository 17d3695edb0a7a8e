/**
 * The patchwise components' own argument checks, run on the program source: the same pure
 * planners their constructors run, on the same intent, so misuse shows in the editor and in
 * pre-commit instead of at `pulumi up`. Only intents known as a whole are checked (a component
 * with an Output among them checks it in preview; here it is unknown, so never an error).
 */
import { containsUnknown } from '../../src/model/unknown.js';
import type { Violation } from '../pulumi/errors.js';
import { planExtensionComponent } from '../pulumi/extension-plan.js';
import { planFlexibleScaleSet, type ResolvedFlexibleScaleSetIntent } from '../pulumi/flexible-scale-set-plan.js';
import { planPatchSchedule, type ResolvedPatchSchedule } from '../pulumi/patch-schedule-plan.js';
import { planScaleSet, type ResolvedScaleSetIntent } from '../pulumi/scale-set-plan.js';
import { planGuestPatching, type ResolvedPatching } from '../pulumi/vm-patching.js';
import type { ComponentName } from './imports.js';

type Args = Record<string, unknown>;

interface ComponentCheck {
  /** Arguments without which the constructor cannot run (TypeScript reports their absence). */
  required: string[];
  /** The intent the constructor passes to its planner. */
  intent(args: Args): Args;
  violations(intent: Args, today: Date): Violation[];
}

const pick = (args: Args, keys: readonly string[]): Args => Object.fromEntries(keys.filter((key) => args[key] !== undefined).map((key) => [key, args[key]]));

const EXTENSION: ComponentCheck = {
  required: ['publisher', 'type'],
  intent: (args) => pick(args, ['publisher', 'type', 'autoUpgrade', 'settings']),
  violations: (intent) => planExtensionComponent(intent as Parameters<typeof planExtensionComponent>[0]).violations,
};

const CHECKS: Record<ComponentName, ComponentCheck> = {
  PatchedVirtualMachine: {
    required: ['os', 'image'],
    intent: (args) => {
      const patching = args.patching as Args | undefined;
      // As in the constructor: the schedule's id does not matter to the checks, only that there is one.
      const schedule = patching?.schedule !== undefined ? { maintenanceConfigurationId: '(known after deployment)' } : undefined;
      return { os: args.os, image: args.image, patching: patching && { ...patching, schedule } };
    },
    violations: (intent) => {
      const patching = intent.patching as ResolvedPatching | undefined;
      if (!patching || patching.mode === undefined) {
        return [{ argument: 'patching.mode', requirement: 'GP5', message: "patching.mode is required: choose 'platform', 'os', 'manual' or 'image-default'" }];
      }
      return planGuestPatching(intent.os as 'Windows' | 'Linux', intent.image as Parameters<typeof planGuestPatching>[1], patching).violations;
    },
  },
  AutoUpgradingScaleSet: {
    required: ['os', 'image'],
    intent: (args) =>
      pick(args, [
        'os',
        'image',
        'orchestrationMode',
        'upgradeMode',
        'health',
        'rollingUpgrade',
        'disableAutomaticRollback',
        'useRollingUpgradePolicy',
        'osRollingUpgradeDeferral',
        'extensions',
        'automaticExtensionUpgrade',
      ]),
    violations: (intent) => planScaleSet(intent as unknown as ResolvedScaleSetIntent).violations,
  },
  PatchedFlexibleScaleSet: {
    required: ['os', 'image'],
    intent: (args) => pick(args, ['os', 'image', 'patching', 'applicationHealth', 'extensions', 'automaticExtensionUpgrade']),
    violations: (intent) => planFlexibleScaleSet(intent as unknown as ResolvedFlexibleScaleSetIntent).violations,
  },
  PatchSchedule: {
    required: ['window'],
    intent: (args) => pick(args, ['window', 'reboot', 'windows', 'linux']),
    violations: (intent, today) => planPatchSchedule(intent as unknown as ResolvedPatchSchedule, today).violations,
  },
  AutoUpgradedExtension: EXTENSION,
  AutoUpgradedScaleSetExtension: EXTENSION,
};

export interface ComponentViolations {
  /** Violations the constructor would throw. */
  rejected: Violation[];
  /** Violations listed in `unsafeAllowInvalid` (the constructor logs them). */
  allowed: Violation[];
}

/** What the component's constructor would reject, or undefined when its intent is not known statically. */
export function checkComponent(name: ComponentName, args: unknown, today: Date): ComponentViolations | undefined {
  // Only the intent has to be known: other arguments (resource group, NICs) are Outputs as a rule.
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return undefined;
  const check = CHECKS[name];
  const record = args as Args;
  if (check.required.some((key) => record[key] === undefined)) return undefined;
  const intent = check.intent(record);
  if (containsUnknown(intent)) return undefined;
  const allowList =
    Array.isArray(record.unsafeAllowInvalid) && !containsUnknown(record.unsafeAllowInvalid)
      ? record.unsafeAllowInvalid.map((id) => String(id).toUpperCase())
      : [];
  const violations = check.violations(intent, today);
  return {
    rejected: violations.filter((violation) => !allowList.includes(violation.requirement)),
    allowed: violations.filter((violation) => allowList.includes(violation.requirement)),
  };
}

/** `patching.schedule.maintenanceConfigurationId` / `extensions[0].type` → path segments. */
export function argumentPathOf(argument: string): Array<string | number> {
  return argument
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
