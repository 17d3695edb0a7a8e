/**
 * Who is in the platform rollout of a scenario (GP11, OU-, EU-, HP-): the reason a VM or scale set
 * is left out, or undefined when it is in. Pure functions of the model and the inventory entry.
 */
import type { InventoryResource } from '../inventory/types.js';
import { autoOsUpgradeState, autoUpgradeExtensions, extensionName, hotpatchOn, upgradingExtensions } from '../model/facts/index.js';
import { isKnown, isTrue } from '../model/field.js';
import type { Extension, GuestPatchProfile, ScaleSet, VirtualMachine } from '../model/types.js';
import { isUnknown, type Unknown } from '../model/unknown.js';
import type { Scenario } from './types.js';

export function vmExclusion(scenario: Scenario, vm: VirtualMachine, entry: InventoryResource): string | undefined {
  if (scenario === 'os-image-upgrade') return 'single VM: automatic OS image upgrade applies to scale sets only';
  if (scenario === 'extension-upgrade') return extensionExclusion(vm.extensions, vm.resource.apiVersion);
  const modeReason = patchModeExclusion(vm.osProfile);
  if (modeReason) return modeReason;
  if (scenario === 'hotpatch-calendar' && !hotpatchOn(vm.osProfile)) return 'enableHotpatching is not true: no hotpatch calendar';
  if (entry.powerState && entry.powerState !== 'running')
    return `${entry.powerState} (inventory): patched at the first assessment after it starts (GP17), outside this plan`;
  return undefined;
}

export function scaleSetExclusion(scenario: Scenario, scaleSet: ScaleSet, flexible: boolean, entry: InventoryResource): string | undefined {
  switch (scenario) {
    case 'guest-patching':
    case 'hotpatch-calendar': {
      if (!flexible) return 'Uniform scale set: automatic VM guest patching does not apply (use automatic OS image upgrade)';
      const modeReason = patchModeExclusion(scaleSet.osProfile);
      if (modeReason) return modeReason;
      if (scenario === 'hotpatch-calendar' && !hotpatchOn(scaleSet.osProfile)) return 'enableHotpatching is not true: no hotpatch calendar';
      return undefined;
    }
    case 'os-image-upgrade':
      if (flexible) return 'Flexible scale set: automatic OS image upgrade is supported on Uniform scale sets only';
      if (entry.manualUpgrade) return undefined;
      return osUpgradeExclusion(scaleSet);
    case 'extension-upgrade': {
      // S3 (CF:359): on a Uniform set in Manual upgrade mode each instance must be upgraded by hand.
      if (!flexible && isKnown(scaleSet.upgradeMode) && scaleSet.upgradeMode.value.toLowerCase() === 'manual')
        return 'Uniform scale set in Manual upgrade mode: each instance must be upgraded manually, outside the platform rollout';
      return extensionExclusion(scaleSet.extensions, scaleSet.resource.apiVersion);
    }
  }
}

/** OU1: the reason a Uniform scale set is not in the automatic OS image upgrade rollout (the lint rules' answer). */
function osUpgradeExclusion(scaleSet: ScaleSet): string | undefined {
  const state = autoOsUpgradeState(scaleSet);
  if (state.on) return undefined;
  switch (state.why) {
    case 'unknown':
      return 'enableAutomaticOSUpgrade is not known before deployment';
    case 'off':
      return 'automaticOSUpgradePolicy.enableAutomaticOSUpgrade is false: upgraded by you, outside the platform rollout';
    case 'api-version':
      return `apiVersion ${state.apiVersion} predates automaticOSUpgradePolicy (${state.firstApiVersion}): Azure ignores enableAutomaticOSUpgrade`;
  }
}

/** GP11: only AutomaticByPlatform is in the platform rollout; the reason for every other mode. */
export function patchModeExclusion(profile: GuestPatchProfile): string | undefined {
  const mode = profile.patchMode;
  if (!isKnown(mode)) return `patchMode not known before deployment (${describeUnknown(mode.value)}): cannot tell whether the platform patches it`;
  switch (mode.value.toLowerCase()) {
    case 'automaticbyplatform':
      if (isTrue(profile.bypassPlatformSafetyChecksOnUserSchedule)) {
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

function extensionExclusion(extensions: readonly Extension[], hostApiVersion: string | Unknown): string | undefined {
  const asking = autoUpgradeExtensions(extensions, hostApiVersion);
  if (asking.length === 0) return 'no extension with automatic extension upgrade';
  if (upgradingExtensions(extensions, hostApiVersion).length > 0) return undefined;
  return `${asking.map(extensionName).join(', ')} ${asking.length > 1 ? 'do' : 'does'} not support automatic extension upgrade (EU1): Azure rejects enableAutomaticUpgrade for it`;
}

export function describeUnknown(value: unknown): string {
  return isUnknown(value) ? value.expression : 'not written';
}
