/**
 * allowedValues variants that no rule can tell apart from the default pass or from an earlier
 * variant. Their model resources are the same as the rules see them: the same declarations and
 * identities, and bodies equal but for image skus of one catalog class (imageClass), which the
 * rules only look up in the catalog. Such a variant reports the same findings at the same places,
 * so it is not modelled and checked again: the default pass's findings are known already (the
 * merge drops them), an earlier variant's are taken over as they are.
 */
import { imageClass } from '../catalog/images.js';
import { IMAGE_REFERENCE_PATHS, MODEL_RESOURCE_TYPES } from '../model/build.js';
import type { ExpandedResource } from '../template/types.js';

const MODEL_TYPES = new Set(MODEL_RESOURCE_TYPES);

/** The resources of an expansion that the model is built from (the rules see nothing else). */
export function modelSources(resources: readonly ExpandedResource[]): ExpandedResource[] {
  return resources.filter((resource) => !resource.existing && MODEL_TYPES.has(resource.type.toLowerCase()));
}

/** Two expansions' model resources, in order, are the same for every rule. */
export function sameSourcesForRules(a: readonly ExpandedResource[], b: readonly ExpandedResource[]): boolean {
  return a.length === b.length && a.every((resource, index) => sameForRules(resource, b[index]));
}

/** One resource of two expansions is the same for every rule (bodies compared up to image skus of one class). */
export function sameForRules(a: ExpandedResource, b: ExpandedResource): boolean {
  if (a === b) return true;
  return (
    a.type === b.type &&
    a.document === b.document &&
    a.metadata === b.metadata &&
    a.symbolicName === b.symbolicName &&
    a.conditional === b.conditional &&
    a.existing === b.existing &&
    sameValue(a.declarationPath, b.declarationPath) &&
    sameValue(a.copyIndex, b.copyIndex) &&
    sameValue(a.name, b.name) &&
    sameValue(a.apiVersion, b.apiVersion) &&
    sameValue(a.deployments, b.deployments) &&
    sameValue(a.body, b.body, IMAGE_REFERENCE_PATHS.get(a.type.toLowerCase()), 0)
  );
}

/**
 * Equal values (same prototypes, keys in the same order), but for the `sku` of the object at
 * `image` (the path where the model reads the image reference; `matched`: how many of its keys
 * lead here), which may differ within its catalog class.
 */
function sameValue(a: unknown, b: unknown, image?: readonly string[], matched = -1): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    // Image paths hold no arrays: below an array nothing is at the image reference.
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!sameValue(a[index], b[index])) return false;
    return true;
  }
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  if (keys.length !== otherKeys.length) return false;
  const record = a as Record<string, unknown>;
  const other = b as Record<string, unknown>;
  const atImage = image !== undefined && matched === image.length;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index];
    if (key !== otherKeys[index]) return false;
    if (atImage && key === 'sku') {
      if (!sameSkuClass(record, other)) return false;
    } else {
      const onPath = image !== undefined && matched >= 0 && matched < image.length && image[matched] === key;
      if (!sameValue(record[key], other[key], image, onPath ? matched + 1 : -1)) return false;
    }
  }
  return true;
}

/** The skus of two image references whose other keys are equal: known strings of one catalog class. */
function sameSkuClass(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const { publisher, offer } = a;
  if (a.sku === b.sku) return true;
  if (typeof a.sku !== 'string' || typeof b.sku !== 'string' || typeof publisher !== 'string' || typeof offer !== 'string') return false;
  return imageClass({ publisher, offer, sku: a.sku }) === imageClass({ publisher, offer, sku: b.sku });
}
