/**
 * Extensions of a scale set (inline and separate resources) and their settings: the Application
 * Health and Service Fabric extensions that give a health signal, and what cannot be told.
 */
import { AUTO_EXTENSION_UPGRADE_DEFAULT_API, compareApiVersions } from '../../catalog/api-requirements.js';
import { isApplicationHealthExtension, isServiceFabricExtension, supportsAutomaticUpgrade } from '../../catalog/extensions.js';
import { isArray, isKnown, isObject, valueAt } from '../field.js';
import type { JsonPath } from '../source.js';
import type { Extension, Model, ScaleSet } from '../types.js';
import { isUnknown, type Unknown } from '../unknown.js';

export interface ExtensionSearch {
  /** Extensions of the scale set known to match. */
  found: Extension[];
  /** True when the scale set may have another matching extension the template does not make known. */
  uncertain: boolean;
}

/**
 * Extensions of the scale set (inline `extensionProfile` and separate extension resources of the
 * same template) that match `predicate(publisher, type)`.
 */
export function findScaleSetExtensions(scaleSet: ScaleSet, model: Model, predicate: (publisher: string, type: string) => boolean): ExtensionSearch {
  const found: Extension[] = [];
  let uncertain = false;
  const body = scaleSet.resource.body;
  const list = valueAt(body, ['properties', 'virtualMachineProfile', 'extensionProfile', 'extensions']);
  if (isUnknown(list)) uncertain = true;
  else if (isArray(list) && list.some((entry) => isUnknown(entry))) uncertain = true;
  for (const extension of scaleSet.extensions) {
    if (!isKnown(extension.publisher) || !isKnown(extension.type)) {
      // An extension without a known publisher and type could be the one looked for.
      if (isUnknown(extension.publisher.value) || isUnknown(extension.type.value)) uncertain = true;
      continue;
    }
    if (predicate(extension.publisher.value, extension.type.value)) found.push(extension);
  }
  // A scale-set extension resource whose parent cannot be told may belong to this scale set.
  for (const extension of model.extensions) {
    if (extension.host !== 'scaleSet' || extension.base.length > 0 || extension.parent !== undefined) continue;
    if (!isUnknown(extension.name)) continue;
    if (isKnown(extension.publisher) && isKnown(extension.type) && !predicate(extension.publisher.value, extension.type.value)) continue;
    uncertain = true;
  }
  return { found, uncertain };
}

export function applicationHealthExtensions(scaleSet: ScaleSet, model: Model): ExtensionSearch {
  return findScaleSetExtensions(scaleSet, model, isApplicationHealthExtension);
}

export function serviceFabricExtensions(scaleSet: ScaleSet, model: Model): ExtensionSearch {
  return findScaleSetExtensions(scaleSet, model, isServiceFabricExtension);
}

export type Tri = 'yes' | 'no' | 'unknown';

/** A Service Fabric scale set: it carries a ServiceFabricNode / ServiceFabricLinuxNode extension. */
export function serviceFabricState(scaleSet: ScaleSet, model: Model): Tri {
  const search = serviceFabricExtensions(scaleSet, model);
  if (search.found.length > 0) return 'yes';
  return search.uncertain ? 'unknown' : 'no';
}

/** A property of an extension's `settings` (path inside the extension's resource), when settings is a known object. */
export function settingAt(extension: Extension, key: string): { value: unknown; path: JsonPath; written: boolean } | undefined {
  const settings = extension.settings.value;
  if (!isObject(settings)) return undefined;
  const path = [...extension.propertiesPath, 'settings', key];
  const has = Object.prototype.hasOwnProperty.call(settings, key) && settings[key] !== null && settings[key] !== undefined;
  return { value: has ? settings[key] : undefined, path, written: has };
}

/** `major.minor` of a typeHandlerVersion, or undefined when it is not one. */
export function parseVersion(version: string): [number, number] | undefined {
  const match = /^\s*(\d+)(?:\.(\d+))?(?:\.\d+)*\s*$/.exec(version);
  return match ? [Number(match[1]), Number(match[2] ?? 0)] : undefined;
}

// Automatic extension upgrade (EU1, CF12)

/** Extensions that ask for automatic upgrade: enableAutomaticUpgrade true, or unset from API 2025-04-01 (CF12). */
export function autoUpgradeExtensions(extensions: readonly Extension[], hostApiVersion: string | Unknown): Extension[] {
  return extensions.filter((extension) => {
    if (isKnown(extension.enableAutomaticUpgrade)) return extension.enableAutomaticUpgrade.value;
    if (extension.enableAutomaticUpgrade.explicit) return false;
    const api = typeof extension.resource.apiVersion === 'string' ? extension.resource.apiVersion : typeof hostApiVersion === 'string' ? hostApiVersion : '';
    return api !== '' && compareApiVersions(api, AUTO_EXTENSION_UPGRADE_DEFAULT_API) >= 0;
  });
}

/**
 * Extensions the platform upgrades (EU1): those that ask for it and are in the supported list (S3).
 * An extension whose publisher or type is an expression is kept: it may be a supported one.
 */
export function upgradingExtensions(extensions: readonly Extension[], hostApiVersion: string | Unknown): Extension[] {
  return autoUpgradeExtensions(extensions, hostApiVersion).filter(
    (extension) => !isKnown(extension.publisher) || !isKnown(extension.type) || supportsAutomaticUpgrade(extension.publisher.value, extension.type.value),
  );
}

/** `Publisher.Type` of an extension (`?` for an unknown part). */
export function extensionName(extension: Extension): string {
  return `${isKnown(extension.publisher) ? extension.publisher.value : '?'}.${isKnown(extension.type) ? extension.type.value : '?'}`;
}
