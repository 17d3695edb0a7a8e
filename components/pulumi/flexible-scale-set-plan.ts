/**
 * From the intent of a guest-patched Flexible scale set to its model (pure: no Pulumi): patchMode
 * AutomaticByPlatform on the instances (the VM rules, planGuestPatching), the Application Health
 * extension that Flexible guest patching needs (CF5), and hotpatch on supported images, which
 * needs Flexible orchestration (HP1, HP3).
 */
import type { Violation } from './errors.js';
import { checkApplicationHealth, type ApplicationHealthSettings } from './extension-plan.js';
import { imageKind, type ImageReference } from './image.js';
import { planModelExtensions, type ScaleSetExtensionEntry, type ScaleSetExtensionSpec } from './scale-set-plan.js';
import { planGuestPatching, type AssessmentMode, type GuestPatchConfiguration, type OsFamily, type RebootSetting } from './vm-patching.js';

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

export function planFlexibleScaleSet(intent: ResolvedFlexibleScaleSetIntent): FlexibleScaleSetPlan {
  const violations: Violation[] = [];
  const patching = intent.patching ?? {};
  const guest = planGuestPatching(intent.os, intent.image, { mode: 'platform', assessment: patching.assessment, reboot: patching.reboot, hotpatch: patching.hotpatch }, 'patching');
  violations.push(...guest.violations);

  const applicationHealth = intent.applicationHealth;
  if (!applicationHealth) {
    violations.push({
      argument: 'applicationHealth',
      requirement: 'CF5',
      message: 'a Flexible scale set with guest patching (patchMode AutomaticByPlatform) needs the Application Health extension: give applicationHealth (e.g. { protocol: "http", port: 80, requestPath: "/health" })',
    });
  } else {
    violations.push(...checkApplicationHealth(applicationHealth, 'applicationHealth'));
  }
  const extensions = planModelExtensions(intent.os, intent.extensions ?? [], applicationHealth, intent.automaticExtensionUpgrade);
  // The shared helper names the health argument of AutoUpgradingScaleSet (`health.applicationHealth`): here it is `applicationHealth`.
  violations.push(...extensions.violations.map((violation) => ({ ...violation, message: violation.message.replace('health.applicationHealth', 'applicationHealth') })));

  const image = intent.image;
  return {
    orchestrationMode: 'Flexible',
    imageReference: imageKind(image) === 'marketplace' ? { ...image, version: image.version ?? 'latest' } : { ...image },
    osConfigurationKey: guest.key,
    osConfiguration: guest.configuration,
    extensions: extensions.entries,
    violations,
    notes: guest.notes,
  };
}
