/** Pairs each resource with its previous version (same type and evaluated name) for change rules. */
import type { Model, ModelResource } from '../model/types.js';
import { isUnknown } from '../model/unknown.js';

function keyOf(resource: ModelResource): string | undefined {
  if (isUnknown(resource.name)) return undefined;
  return `${resource.resource.type.toLowerCase()}|${resource.name.toLowerCase()}`;
}

export function pairWithBaseline(current: Model, baseline: Model): Map<ModelResource, ModelResource> {
  const previousByKey = new Map<string, ModelResource>();
  for (const resource of baseline.resources) {
    // Inline extensions share their scale set's resource; their own names tell them apart.
    const key = keyOf(resource);
    if (key && !previousByKey.has(key) && resource.kind !== 'extension') previousByKey.set(key, resource);
  }
  const pairs = new Map<ModelResource, ModelResource>();
  for (const resource of current.resources) {
    if (resource.kind === 'extension') continue;
    const key = keyOf(resource);
    const previous = key ? previousByKey.get(key) : undefined;
    if (previous) pairs.set(resource, previous);
  }
  return pairs;
}
