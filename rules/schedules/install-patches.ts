import { canonical, isArray, isKnown, readField, readString } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { isInGuestPatch } from '../../src/model/facts/index.js';

export const SCHEDULE_REBOOT_SETTINGS = ['IfRequired', 'Never', 'Always'] as const;
const WINDOWS_CLASSIFICATIONS = ['Critical', 'Security', 'UpdateRollup', 'FeaturePack', 'ServicePack', 'Definition', 'Tools', 'Updates'] as const;
const LINUX_CLASSIFICATIONS = ['Critical', 'Security', 'Other'] as const;

export default defineRule({
  id: 'schedules/install-patches',
  severity: 'error',
  requirements: ['CF9'],
  targets: ['maintenanceConfiguration'],
  summary: 'InGuestPatch maintenance configurations: rebootSetting and classifications from the documented values',
  messages: {
    rebootSetting: "installPatches.rebootSetting '{{value}}' is not valid: use IfRequired, Never or Always",
    classification: "'{{value}}' is not a {{os}} update classification: use {{allowed}}",
  },
  check(configuration, context) {
    if (!isInGuestPatch(configuration)) return;
    const body = configuration.resource.body;
    const base = ['properties', 'installPatches'];
    const reboot = readString(body, [...base, 'rebootSetting']);
    if (isKnown(reboot) && !canonical(reboot.value, SCHEDULE_REBOOT_SETTINGS)) {
      context.report({ path: reboot.path, messageId: 'rebootSetting', data: { value: reboot.value } });
    }
    const lists = [
      { key: 'windowsParameters', os: 'Windows', allowed: WINDOWS_CLASSIFICATIONS },
      { key: 'linuxParameters', os: 'Linux', allowed: LINUX_CLASSIFICATIONS },
    ] as const;
    for (const list of lists) {
      const field = readField(body, [...base, list.key, 'classificationsToInclude'], isArray);
      if (!isKnown(field)) continue;
      field.value.forEach((value, index) => {
        if (typeof value !== 'string' || canonical(value, list.allowed)) return;
        context.report({ path: [...field.path, index], messageId: 'classification', data: { value, os: list.os, allowed: list.allowed.join(', ') } });
      });
    }
  },
});
