import { fieldIs, isKnown } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { inventoryLookup, type InventoryLookup } from '../../src/inventory/lookup.js';
import type { Inventory } from '../../src/inventory/types.js';
import { isUnknown } from '../../src/model/unknown.js';
import { isLinux } from '../../src/model/facts/index.js';

/** GP12: automatic guest patching needs Azure Linux agent 2.2.53.1 or later (S1). */
export const MINIMUM_LINUX_AGENT = '2.2.53.1';

/** Compare dotted versions numerically (`2.2.9` < `2.2.53.1`). */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

// One lookup per inventory object: lint passes the same inventory to every resource.
const lookups = new WeakMap<Inventory, InventoryLookup>();

export default defineRule({
  id: 'inventory/linux-agent-version',
  severity: 'error',
  requirements: ['GP12'],
  targets: ['virtualMachine', 'scaleSet'],
  summary: 'Linux VMs patched by the platform need Azure Linux agent 2.2.53.1 or later (version from --inventory)',
  messages: {
    tooOld: 'the inventory gives Azure Linux agent {{version}} for {{name}}; automatic VM guest patching needs {{minimum}} or later: update waagent',
  },
  check(target, context) {
    const inventory = context.options.inventory;
    if (!inventory || isUnknown(target.name) || !isLinux(target.osProfile)) return;
    const profile = target.osProfile;
    if (!fieldIs(profile.patchMode, 'AutomaticByPlatform') && !fieldIs(profile.assessmentMode, 'AutomaticByPlatform')) return;
    let lookup = lookups.get(inventory);
    if (!lookup) {
      lookup = inventoryLookup(inventory);
      lookups.set(inventory, lookup);
    }
    const version = lookup(target.name).linuxAgentVersion;
    // Only the inventory knows the agent version: without it the rule says nothing.
    if (version === undefined || compareVersions(version, MINIMUM_LINUX_AGENT) >= 0) return;
    context.report({
      path: isKnown(profile.patchMode) && profile.patchMode.explicit ? profile.patchMode.path : profile.base,
      messageId: 'tooOld',
      data: { version, name: target.name, minimum: MINIMUM_LINUX_AGENT },
    });
  },
});
