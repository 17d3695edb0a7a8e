import { isServiceFabricExtension } from '../../src/catalog/extensions.js';
import { isKnown, sameValue } from '../../src/model/field.js';
import type { ScaleSet } from '../../src/model/types.js';
import { defineRule } from '../../src/engine/rule.js';
import { autoOsUpgradeOn, clusterNodeTypes, parseVersion, settingAt } from '../../src/model/facts/index.js';

const DURABILITY_LEVELS = ['Bronze', 'Silver', 'Gold'];

export default defineRule({
  id: 'os-upgrade/service-fabric-durability',
  severity: 'error',
  requirements: ['OU13'],
  targets: ['extension'],
  crossResource: true,
  summary: 'Service Fabric scale sets with automatic OS image upgrade: durability Silver or Gold, matching the cluster, extension 1.1 or later',
  messages: {
    bronze:
      'automatic OS image upgrade on a Service Fabric scale set needs durability Silver or Gold, not Bronze: raise durabilityLevel here and on node type {{nodeType}} of the cluster',
    oldExtension:
      'automatic OS image upgrade on a Service Fabric scale set needs the Service Fabric extension typeHandlerVersion 1.1 or later (found {{version}})',
    bronzeNodeType:
      'automatic OS image upgrade on a Service Fabric scale set needs durability Silver or Gold: node type {{nodeType}} of cluster {{cluster}} is Bronze; raise durabilityLevel on the node type and write the same level in this extension',
    mismatch:
      'the Service Fabric extension says durabilityLevel {{extension}} but node type {{nodeType}} of cluster {{cluster}} says {{cluster_level}}: a mismatch makes OS image upgrades fail; use the same durability in both',
  },
  check(extension, context) {
    if (extension.host !== 'scaleSet' || extension.parent?.kind !== 'scaleSet') return;
    const scaleSet: ScaleSet = extension.parent;
    if (!isKnown(extension.publisher) || !isKnown(extension.type) || !isServiceFabricExtension(extension.publisher.value, extension.type.value)) return;
    if (!autoOsUpgradeOn(scaleSet)) return;

    if (isKnown(extension.typeHandlerVersion)) {
      const version = parseVersion(extension.typeHandlerVersion.value);
      if (version && (version[0] < 1 || (version[0] === 1 && version[1] < 1))) {
        context.report({ path: extension.typeHandlerVersion.path, messageId: 'oldExtension', data: { version: extension.typeHandlerVersion.value } });
      }
    }

    const durability = settingAt(extension, 'durabilityLevel');
    const nodeTypeRef = settingAt(extension, 'nodeTypeRef');
    const nodeTypeName = typeof nodeTypeRef?.value === 'string' ? nodeTypeRef.value : undefined;
    const nodeTypes = nodeTypeName ? clusterNodeTypes(context.model, nodeTypeName) : [];
    // S2: Bronze is allowed for stateless-only node types; when the cluster says so, stay silent.
    const stateless = nodeTypes.length > 0 && nodeTypes.every(({ nodeType }) => nodeType.isStateless === true || nodeType.isStateless === 'true');
    if (!durability || durability.written === false) {
      // The extension does not say: the cluster's node type decides, when the template declares it Bronze.
      const bronze =
        nodeTypes.length > 0 &&
        nodeTypes.every(({ nodeType }) => typeof nodeType.durabilityLevel === 'string' && sameValue(nodeType.durabilityLevel, 'Bronze'));
      const cluster = nodeTypes[0]?.cluster;
      if (bronze && !stateless && durability) {
        context.report({
          path: durability.path,
          messageId: 'bronzeNodeType',
          data: { nodeType: nodeTypeName ?? '', cluster: typeof cluster?.name === 'string' ? cluster.name : '(cluster)' },
        });
      }
      return;
    }
    if (typeof durability.value !== 'string' || !DURABILITY_LEVELS.some((level) => sameValue(level, durability.value as string))) return;
    const level = durability.value;

    if (sameValue(level, 'Bronze') && !stateless)
      context.report({ path: durability.path, messageId: 'bronze', data: { nodeType: nodeTypeName ?? '(nodeTypeRef)' } });
    // Compare with the cluster's node type only when every declaration of it writes a known level.
    if (nodeTypes.length === 0) return;
    const levels = nodeTypes.map(({ nodeType }) => nodeType.durabilityLevel);
    if (!levels.every((value) => typeof value === 'string')) return;
    const mismatched = nodeTypes.filter(({ nodeType }) => !sameValue(nodeType.durabilityLevel as string, level));
    if (mismatched.length !== nodeTypes.length) return;
    const first = mismatched[0];
    context.report({
      path: durability.path,
      messageId: 'mismatch',
      data: {
        extension: level,
        nodeType: nodeTypeName ?? '',
        cluster: typeof first.cluster.name === 'string' ? first.cluster.name : '(cluster)',
        cluster_level: first.nodeType.durabilityLevel as string,
      },
    });
  },
});
