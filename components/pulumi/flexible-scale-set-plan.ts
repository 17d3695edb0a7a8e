/**
 * From the intent of a guest-patched Flexible scale set to its model (pure: no Pulumi): patchMode
 * AutomaticByPlatform on the instances (the patch settings of PatchedVirtualMachine), the
 * Application Health extension that Flexible guest patching needs (CF5), and hotpatch on supported
 * images, which needs Flexible orchestration (HP1, HP3). The lint rules judge the scale set the
 * component will create (judge.ts); only the intent's grammar is checked here.
 */
import type { Violation } from './errors.js';
import { applicationHealthRuleArguments, type ApplicationHealthSettings } from './extension-plan.js';
import { imageArguments, imageReferenceOf, type ImageReference } from './image.js';
import { judge, withRuleViolations } from './judge.js';
import {
  extensionArguments,
  planModelExtensions,
  SCALE_SET_PATHS,
  scaleSetResource,
  type ScaleSetExtensionEntry,
  type ScaleSetExtensionSpec,
} from './scale-set-plan.js';
import {
  guestPatchSettings,
  patchingArguments,
  patchingRuleArguments,
  type AssessmentMode,
  type GuestPatchConfiguration,
  type OsFamily,
  type RebootSetting,
} from './vm-patching.js';

/** Guest patching of the instances: always AutomaticByPlatform (the mode Flexible scale sets are patched with). */
export interface FlexiblePatching {
  /** Periodic assessment: `platform` (default) or `image-default`. */
  assessment?: AssessmentMode;
  /** rebootSetting of platform patching. */
  reboot?: RebootSetting;
  /** Hotpatch: Windows Server Azure Edition images of the catalog only (HP1). */
  hotpatch?: boolean;
}

export interface ResolvedFlexibleScaleSetIntent {
  os: OsFamily;
  image: ImageReference;
  patching?: FlexiblePatching;
  applicationHealth?: ApplicationHealthSettings;
  extensions?: ScaleSetExtensionSpec[];
  automaticExtensionUpgrade?: boolean;
}

export interface FlexibleScaleSetPlan {
  orchestrationMode: 'Flexible';
  imageReference: ImageReference;
  /** `windowsConfiguration` for Windows, `linuxConfiguration` for Linux. */
  osConfigurationKey: 'windowsConfiguration' | 'linuxConfiguration';
  osConfiguration: GuestPatchConfiguration;
  extensions: ScaleSetExtensionEntry[];
  violations: Violation[];
  notes: string[];
}

/** The upgrade policy of every PatchedFlexibleScaleSet: the OS is kept current by guest patching, not by image upgrades. */
export const FLEXIBLE_UPGRADE_POLICY = { mode: 'Manual' } as const;

export function planFlexibleScaleSet(intent: ResolvedFlexibleScaleSetIntent): FlexibleScaleSetPlan {
  const patching = intent.patching ?? {};
  const settings = guestPatchSettings(
    intent.os,
    { mode: 'platform', assessment: patching.assessment, reboot: patching.reboot, hotpatch: patching.hotpatch },
    'patching',
  );
  const applicationHealth = intent.applicationHealth;
  const extensions = planModelExtensions(intent.os, intent.extensions ?? [], applicationHealth, intent.automaticExtensionUpgrade, 'applicationHealth');
  const local = [...settings.violations, ...extensions.violations];

  const plan: FlexibleScaleSetPlan = {
    orchestrationMode: 'Flexible',
    imageReference: imageReferenceOf(intent.image),
    osConfigurationKey: settings.key,
    osConfiguration: settings.configuration,
    extensions: extensions.entries,
    violations: [],
    notes: [],
  };
  const judged = judge({
    resources: [scaleSetResource({ ...plan, upgradePolicy: FLEXIBLE_UPGRADE_POLICY })],
    argumentOf: [
      ...patchingArguments(SCALE_SET_PATHS.osProfile, settings.key),
      ...imageArguments(SCALE_SET_PATHS.imageReference),
      ...extensionArguments(extensions.entries, applicationHealth !== undefined, 'applicationHealth'),
    ],
    // The rule asks for the extension at the patch mode the component writes: the argument is the extension's.
    argumentOfRule: { ...patchingRuleArguments(), ...applicationHealthRuleArguments('applicationHealth'), 'os-upgrade/health-signal': 'applicationHealth' },
  });
  return { ...plan, violations: withRuleViolations(local, judged.violations), notes: judged.notes };
}
