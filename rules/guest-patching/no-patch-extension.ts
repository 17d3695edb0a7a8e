import { isKnown } from '../../src/model/field.js';
import { isPlatformPatchExtension } from '../../src/catalog/extensions.js';
import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'guest-patching/no-patch-extension',
  severity: 'error',
  requirements: ['GP13'],
  targets: ['extension'],
  summary: 'Do not declare the platform patch extensions: Azure installs and updates them',
  messages: {
    declared:
      '{{publisher}}.{{type}} is installed and updated by the platform when patchMode is AutomaticByPlatform: remove it from the template and set patchMode instead',
  },
  check(extension, context) {
    if (!isKnown(extension.publisher) || !isKnown(extension.type)) return;
    if (!isPlatformPatchExtension(extension.publisher.value, extension.type.value)) return;
    context.report({ path: extension.type.path, messageId: 'declared', data: { publisher: extension.publisher.value, type: extension.type.value } });
  },
});
