/** CF1/GP8: whether a resource's apiVersion defines a property (a fix must not add one Azure would ignore). */
import { propertyStatus } from '../../catalog/api-versions.js';
import type { JsonPath, ResourceSource } from '../source.js';

/**
 * The API version that introduced the property at `path` when the resource's apiVersion is older
 * (Azure ignores the property there); undefined when it is defined, or when it cannot be told.
 */
export function introducedAfter(resource: Pick<ResourceSource, 'type' | 'apiVersion'>, path: JsonPath): string | undefined {
  if (typeof resource.apiVersion !== 'string') return undefined;
  const status = propertyStatus(resource.type, resource.apiVersion, path);
  return status.status === 'later' ? status.firstVersion : undefined;
}
