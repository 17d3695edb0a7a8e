import { canonical, valueAt } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { LINUX_PATCH_MODES, WINDOWS_PATCH_MODES } from '../../src/model/facts/index.js';

const CONFIGURATIONS = [
  { key: 'windowsConfiguration', os: 'Windows', allowed: WINDOWS_PATCH_MODES, other: LINUX_PATCH_MODES, otherOs: 'Linux' },
  { key: 'linuxConfiguration', os: 'Linux', allowed: LINUX_PATCH_MODES, other: WINDOWS_PATCH_MODES, otherOs: 'Windows' },
] as const;

export default defineRule({
  id: 'guest-patching/patch-mode-value',
  severity: 'error',
  requirements: ['GP1'],
  targets: ['virtualMachine', 'scaleSet'],
  summary: 'patchMode must be a value the OS supports',
  messages: {
    otherOs: "patchMode '{{value}}' is a {{otherOs}} mode: {{os}} accepts {{allowed}}",
    invalid: "patchMode '{{value}}' is not a valid {{os}} patch mode: use one of {{allowed}}",
  },
  check(target, context) {
    for (const configuration of CONFIGURATIONS) {
      const path = [...target.osProfile.base, configuration.key, 'patchSettings', 'patchMode'];
      const value = valueAt(target.resource.body, path);
      if (typeof value !== 'string' || canonical(value, configuration.allowed)) continue;
      const data = { value, os: configuration.os, otherOs: configuration.otherOs, allowed: configuration.allowed.join(', ') };
      context.report({ path, messageId: canonical(value, configuration.other) ? 'otherOs' : 'invalid', data });
    }
  },
});
