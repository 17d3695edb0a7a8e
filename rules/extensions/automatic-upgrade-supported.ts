import { isKnown } from '../../src/model/field.js';
import { AUTO_UPGRADE_EXTENSIONS, supportsAutomaticUpgrade } from '../../src/catalog/extensions.js';
import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'extensions/automatic-upgrade-supported',
  severity: 'warning',
  requirements: ['EU1', 'EU2'],
  targets: ['extension'],
  summary: 'enableAutomaticUpgrade only on extensions that support automatic extension upgrade',
  messages: {
    unsupported:
      "{{publisher}}.{{type}} is not in the list of extensions that support automatic extension upgrade (catalog of {{date}}): Azure rejects enableAutomaticUpgrade for an extension that does not support it; check the extension's 'Automatic upgrade status' in the portal, or remove enableAutomaticUpgrade",
  },
  check(extension, context) {
    const flag = extension.enableAutomaticUpgrade;
    if (!isKnown(flag) || flag.value !== true || !isKnown(extension.publisher) || !isKnown(extension.type)) return;
    if (supportsAutomaticUpgrade(extension.publisher.value, extension.type.value)) return;
    context.report({
      path: flag.path,
      messageId: 'unsupported',
      data: { publisher: extension.publisher.value, type: extension.type.value, date: AUTO_UPGRADE_EXTENSIONS.date },
    });
  },
});
