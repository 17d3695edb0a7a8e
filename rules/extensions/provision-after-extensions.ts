import { isArray, isKnown, isObject, valueAt } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import type { Extension, ScaleSet } from '../../src/model/types.js';
import { isUnknown } from '../../src/model/unknown.js';

/**
 * Names of every extension of the scale set, or undefined when the template does not show them all:
 * the parent is not in the template, its extensionProfile is not a known array, or an extension
 * name (inline or of an extension resource that could belong to it) is not known.
 */
function knownExtensionNames(parent: ScaleSet, all: readonly Extension[]): Set<string> | undefined {
  if (isUnknown(parent.name)) return undefined;
  const inline = valueAt(parent.resource.body, ['properties', 'virtualMachineProfile', 'extensionProfile', 'extensions']);
  if (inline !== undefined && !isArray(inline)) return undefined;
  if (isArray(inline) && inline.some((entry) => !isObject(entry) || typeof entry.name !== 'string')) return undefined;
  // An extension resource whose parent cannot be resolved may belong to this scale set.
  if (all.some((extension) => extension.host === 'scaleSet' && extension.parent === undefined && isUnknown(extension.name))) return undefined;
  const names = new Set<string>();
  for (const extension of parent.extensions) {
    if (isUnknown(extension.extensionName)) return undefined;
    names.add(extension.extensionName.toLowerCase());
  }
  return names;
}

export default defineRule({
  id: 'extensions/provision-after-extensions',
  severity: 'error',
  requirements: ['EU6'],
  targets: ['extension'],
  crossResource: true,
  summary: 'provisionAfterExtensions must name extensions of the same scale set',
  messages: {
    missing:
      "provisionAfterExtensions names '{{name}}', but scale set '{{parent}}' has no extension of that name: the deployment fails; name an extension of the same scale set (extension names, not types)",
    self: "provisionAfterExtensions names the extension itself ('{{name}}'): an extension cannot be provisioned after itself",
  },
  check(extension, context) {
    const list = extension.provisionAfterExtensions;
    if (extension.host !== 'scaleSet' || !isKnown(list) || !extension.parent || extension.parent.kind !== 'scaleSet') return;
    const names = knownExtensionNames(extension.parent, context.model.extensions);
    if (!names) return;
    list.value.forEach((entry, index) => {
      if (typeof entry !== 'string') return;
      const path = [...list.path, index];
      if (!isUnknown(extension.extensionName) && entry.toLowerCase() === extension.extensionName.toLowerCase()) {
        context.report({ path, messageId: 'self', data: { name: entry } });
      } else if (!names.has(entry.toLowerCase())) {
        context.report({ path, messageId: 'missing', data: { name: entry, parent: String(extension.parent?.name) } });
      }
    });
  },
});
