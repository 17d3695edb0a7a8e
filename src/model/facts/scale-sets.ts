/**
 * Scale-set facts (OU, CF4-CF7): is automatic OS image upgrade on (and why not), orchestration mode,
 * API version. Every answer distinguishes "no" from "cannot tell", so callers stay silent on what
 * the template does not make known.
 */
import { AUTO_OS_UPGRADE_API, AUTO_OS_UPGRADE_WINDOWS_UPDATES_API, compareApiVersions } from '../../catalog/api-requirements.js';
import { fieldIs, isKnown, isTrue, readBoolean, valueAt, type Field } from '../field.js';
import type { JsonPath } from '../source.js';
import { isWindows } from './patching.js';
import type { Extension, ScaleSet } from '../types.js';

/** Compute API version of the resource when it is a known string. */
export function apiVersionOf(scaleSet: ScaleSet | Extension): string | undefined {
  const value = scaleSet.resource.apiVersion;
  return typeof value === 'string' ? value : undefined;
}

/** Whether automatic OS image upgrade is on, and when not, why (OU1, CF1). */
export type AutoOsUpgradeState =
  | { on: true }
  /** `enableAutomaticOSUpgrade` is false or not written (the default is off). */
  | { on: false; why: 'off' }
  /** Written, but its value is not known before deployment. */
  | { on: false; why: 'unknown' }
  /** Written true at an apiVersion before `automaticOSUpgradePolicy` existed: Azure ignores it. */
  | { on: false; why: 'api-version'; apiVersion: string; firstApiVersion: string };

/**
 * Automatic OS image upgrade is known to be on: `enableAutomaticOSUpgrade` is known true and the
 * apiVersion defines `automaticOSUpgradePolicy` (2018-10-01; before, Azure ignores it and
 * `os-upgrade/api-version` says so). An unknown apiVersion does not turn it off.
 */
export function autoOsUpgradeState(scaleSet: ScaleSet): AutoOsUpgradeState {
  const flag = scaleSet.enableAutomaticOSUpgrade;
  if (!isKnown(flag)) return { on: false, why: 'unknown' };
  if (flag.value !== true) return { on: false, why: 'off' };
  const apiVersion = apiVersionOf(scaleSet);
  if (apiVersion !== undefined && compareApiVersions(apiVersion, AUTO_OS_UPGRADE_API) < 0)
    return { on: false, why: 'api-version', apiVersion, firstApiVersion: AUTO_OS_UPGRADE_API };
  return { on: true };
}

export function autoOsUpgradeOn(scaleSet: ScaleSet): boolean {
  return autoOsUpgradeState(scaleSet).on;
}

export function isUniform(scaleSet: ScaleSet): boolean {
  return fieldIs(scaleSet.orchestrationMode, 'Uniform');
}

export function isFlexible(scaleSet: ScaleSet): boolean {
  return fieldIs(scaleSet.orchestrationMode, 'Flexible');
}

/**
 * OU5: a Windows scale set with automatic OS image upgrade must keep Windows Update off
 * (`enableAutomaticUpdates` false) from API 2019-03-01: then the only consistent patch mode is
 * Manual (AutomaticByOS needs it true, GP3).
 */
export function automaticUpdatesMustBeOff(scaleSet: ScaleSet): boolean {
  const apiVersion = apiVersionOf(scaleSet);
  return (
    autoOsUpgradeOn(scaleSet) &&
    isWindows(scaleSet.osProfile) &&
    apiVersion !== undefined &&
    compareApiVersions(apiVersion, AUTO_OS_UPGRADE_WINDOWS_UPDATES_API) >= 0
  );
}

/**
 * Automatic OS upgrade written with the properties that `automaticOSUpgradePolicy` replaced in
 * 2018-10-01: `upgradePolicy.automaticOSUpgrade` (2017-03-30), known true, and the 2017-12-01
 * preview object `upgradePolicy.autoOSUpgradePolicy`, when written.
 */
export function legacyAutoOsUpgrade(scaleSet: ScaleSet): { automaticOSUpgrade?: Field<boolean>; previewPolicy?: JsonPath } {
  const body = scaleSet.resource.body;
  const automaticOSUpgrade = readBoolean(body, ['properties', 'upgradePolicy', 'automaticOSUpgrade']);
  const previewPolicy: JsonPath = ['properties', 'upgradePolicy', 'autoOSUpgradePolicy'];
  return {
    automaticOSUpgrade: isTrue(automaticOSUpgrade) ? automaticOSUpgrade : undefined,
    previewPolicy: valueAt(body, previewPolicy) !== undefined ? previewPolicy : undefined,
  };
}
