/**
 * Who is in the platform rollout of a scenario (GP11, OU-, EU-, HP-): the reason a VM or scale set
 * is left out, or undefined when it is in. Pure functions of the model and the inventory entry.
 */
import { supportsAutomaticUpgrade } from '../catalog/extensions.js';
import type { InventoryResource } from '../inventory/types.js';
import { isKnown } from '../model/field.js';
import type { Extension, GuestPatchProfile, ScaleSet, VirtualMachine } from '../model/types.js';
import { isUnknown, type Unknown } from '../model/unknown.js';
import type { Scenario } from './types.js';

/** Extension resources of this Compute API version or later upgrade automatically unless they opt out (CF12). */
const AUTO_EXTENSION_UPGRADE_DEFAULT_API = '2025-04-01';

export function vmExclusion(scenario: Scenario, vm: VirtualMachine, entry: InventoryResource): string | undefined {
  if (scenario === 'os-image-upgrade') return 'single VM: automatic OS image upgrade applies to scale sets only';
  if (scenario === 'extension-upgrade') return extensionExclusion(vm.extensions, vm.resource.apiVersion);
  const modeReason = patchModeExclusion(vm.osProfile);
  if (modeReason) return modeReason;
  if (scenario === 'hotpatch-calendar' && !(isKnown(vm.osProfile.enableHotpatching) && vm.osProfile.enableHotpatching.value)) return 'enableHotpatching is not true: no hotpatch calendar';
  if (entry.powerState && entry.powerState !== 'running') return `${entry.powerState} (inventory): patched at the first assessment after it starts (GP17), outside this plan`;
  return undefined;
}

export function scaleSetExclusion(scenario: Scenario, scaleSet: ScaleSet, flexible: boolean, entry: InventoryResource): string | undefined {
  switch (scenario) {
    case 'guest-patching':
    case 'hotpatch-calendar': {
      if (!flexible) return 'Uniform scale set: automatic VM guest patching does not apply (use automatic OS image upgrade)';
      const modeReason = patchModeExclusion(scaleSet.osProfile);
      if (modeReason) return modeReason;
      if (scenario === 'hotpatch-calendar' && !(isKnown(scaleSet.osProfile.enableHotpatching) && scaleSet.osProfile.enableHotpatching.value)) return 'enableHotpatching is not true: no hotpatch calendar';
      return undefined;
    }
    case 'os-image-upgrade':
      if (flexible) return 'Flexible scale set: automatic OS image upgrade is supported on Uniform scale sets only';
      if (entry.manualUpgrade) return undefined;
      if (!isKnown(scaleSet.enableAutomaticOSUpgrade)) return 'enableAutomaticOSUpgrade is not known before deployment';
      return scaleSet.enableAutomaticOSUpgrade.value ? undefined : 'automaticOSUpgradePolicy.enableAutomaticOSUpgrade is false: upgraded by you, outside the platform rollout';
    case 'extension-upgrade': {
      // S3 (CF:359): on a Uniform set in Manual upgrade mode each instance must be upgraded by hand.
      if (!flexible && isKnown(scaleSet.upgradeMode) && scaleSet.upgradeMode.value.toLowerCase() === 'manual') return 'Uniform scale set in Manual upgrade mode: each instance must be upgraded manually, outside the platform rollout';
      return extensionExclusion(scaleSet.extensions, scaleSet.resource.apiVersion);
    }
  }
}

/** GP11: only AutomaticByPlatform is in the platform rollout; the reason for every other mode. */
export function patchModeExclusion(profile: GuestPatchProfile): string | undefined {
  const mode = profile.patchMode;
  if (!isKnown(mode)) return `patchMode not known before deployment (${describeUnknown(mode.value)}): cannot tell whether the platform patches it`;
  switch (mode.value.toLowerCase()) {
    case 'automaticbyplatform':
      if (isKnown(profile.bypassPlatformSafetyChecksOnUserSchedule) && profile.bypassPlatformSafetyChecksOnUserSchedule.value) {
        return 'bypassPlatformSafetyChecksOnUserSchedule: patched by its maintenance configuration schedule, outside the platform rollout';
      }
      return undefined;
    case 'manual':
      return 'patchMode Manual: patched by you, outside the platform rollout';
    case 'automaticbyos':
      return 'patchMode AutomaticByOS: Windows Automatic Updates patches it, outside the platform rollout';
    case 'imagedefault':
      return "patchMode ImageDefault: the image's own update settings patch it, outside the platform rollout";
    default:
      return `patchMode ${mode.value}: not a platform patch mode`;
  }
}

/** Extensions that ask for automatic upgrade: enableAutomaticUpgrade true, or unset from API 2025-04-01 (CF12). */
export function autoUpgradeExtensions(extensions: readonly Extension[], hostApiVersion: string | Unknown): Extension[] {
  return extensions.filter((extension) => {
    if (isKnown(extension.enableAutomaticUpgrade)) return extension.enableAutomaticUpgrade.value;
    if (extension.enableAutomaticUpgrade.explicit) return false;
    const api = typeof extension.resource.apiVersion === 'string' ? extension.resource.apiVersion : typeof hostApiVersion === 'string' ? hostApiVersion : '';
    return api >= AUTO_EXTENSION_UPGRADE_DEFAULT_API;
  });
}

/**
 * Extensions the platform upgrades (EU1): those that ask for it and are in the supported list (S3).
 * An extension whose publisher or type is an expression is kept: it may be a supported one.
 */
export function upgradingExtensions(extensions: readonly Extension[], hostApiVersion: string | Unknown): Extension[] {
  return autoUpgradeExtensions(extensions, hostApiVersion).filter((extension) => !isKnown(extension.publisher) || !isKnown(extension.type) || supportsAutomaticUpgrade(extension.publisher.value, extension.type.value));
}

/** `Publisher.Type` of an extension (`?` for an unknown part). */
export function extensionName(extension: Extension): string {
  return `${isKnown(extension.publisher) ? extension.publisher.value : '?'}.${isKnown(extension.type) ? extension.type.value : '?'}`;
}

function extensionExclusion(extensions: readonly Extension[], hostApiVersion: string | Unknown): string | undefined {
  const asking = autoUpgradeExtensions(extensions, hostApiVersion);
  if (asking.length === 0) return 'no extension with automatic extension upgrade';
  if (upgradingExtensions(extensions, hostApiVersion).length > 0) return undefined;
  return `${asking.map(extensionName).join(', ')} ${asking.length > 1 ? 'do' : 'does'} not support automatic extension upgrade (EU1): Azure rejects enableAutomaticUpgrade for it`;
}

export function describeUnknown(value: unknown): string {
  return isUnknown(value) ? value.expression : 'not written';
}
