/** Service Fabric clusters of the template and their node types (OU13: durability). */
import { sameValue, isArray, isObject, valueAt } from '../field.js';
import type { GenericResource, Model } from '../types.js';

/** Node types of the Service Fabric clusters of the template with a known name. */
export function clusterNodeTypes(model: Model, nodeTypeName: string): Array<{ cluster: GenericResource; nodeType: Record<string, unknown> }> {
  const out: Array<{ cluster: GenericResource; nodeType: Record<string, unknown> }> = [];
  for (const cluster of model.other) {
    if (cluster.kind !== 'serviceFabricCluster') continue;
    const nodeTypes = valueAt(cluster.resource.body, ['properties', 'nodeTypes']);
    if (!isArray(nodeTypes)) continue;
    for (const nodeType of nodeTypes) {
      if (isObject(nodeType) && typeof nodeType.name === 'string' && sameValue(nodeType.name, nodeTypeName)) out.push({ cluster, nodeType });
    }
  }
  return out;
}
