import { canonical, fieldIs, isKnown, isTrue, readString } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { assignmentsFor, configurationOf, hotpatchOn, isFlexible, isInGuestPatch } from '../../src/model/facts/index.js';

const VM_REBOOT_SETTINGS = ['Unknown', 'IfRequired', 'Never', 'Always'] as const;

export default defineRule({
  id: 'schedules/reboot-setting',
  severity: 'error',
  requirements: ['CF13'],
  targets: ['virtualMachine', 'scaleSet'],
  crossResource: true,
  summary: 'automaticByPlatformSettings.rebootSetting: valid value; Never leaves reboot-requiring patches pending; it overrides the schedule',
  messages: {
    invalid: "rebootSetting '{{value}}' is not valid: use IfRequired, Never or Always",
    neverPending:
      'rebootSetting is Never and hotpatch is off: patches that need a reboot are installed but stay pending until the VM is restarted; restart it yourself, or use IfRequired',
    notPlatform:
      "rebootSetting applies to AutomaticByPlatform patch installations only, and patchMode is '{{mode}}'{{default}}: it has no effect; remove it, or use patchMode AutomaticByPlatform",
    overridesSchedule:
      "rebootSetting {{vm}} on the VM overrides rebootSetting {{schedule}} of maintenance configuration '{{configuration}}': the VM's setting is the one used",
  },
  check(target, context) {
    const profile = target.osProfile;
    const reboot = profile.rebootSetting;
    if (!isKnown(reboot)) return;
    const value = canonical(reboot.value, VM_REBOOT_SETTINGS);
    if (!value) {
      context.report({ path: reboot.path, messageId: 'invalid', data: { value: reboot.value } });
      return;
    }
    if (!fieldIs(profile.patchMode, 'AutomaticByPlatform')) {
      // "the reboot setting for all AutomaticByPlatform patch installation operations" (ARM): nothing else reads it.
      // Not judged: Uniform scale sets (patch modes do not apply there) and Customer Managed Schedules, whose
      // mode schedules/bypass-needs-platform already reports.
      const modeApplies = target.kind === 'virtualMachine' || isFlexible(target);
      if (modeApplies && isKnown(profile.patchMode) && !isTrue(profile.bypassPlatformSafetyChecksOnUserSchedule)) {
        const data = { mode: profile.patchMode.value, default: profile.patchMode.explicit ? '' : ' (omitted, the default)' };
        context.report({ path: reboot.path, messageId: 'notPlatform', data, severity: 'warning' });
      }
      return;
    }
    if (value === 'Never' && !hotpatchOn(profile) && !(profile.enableHotpatching.explicit && !isKnown(profile.enableHotpatching))) {
      context.report({ path: reboot.path, messageId: 'neverPending', severity: 'info' });
    }
    if (target.kind !== 'virtualMachine' || value === 'Unknown') return;
    for (const entry of assignmentsFor(target, context.model).known) {
      const configuration = configurationOf(entry, context.model);
      if (!configuration || !isInGuestPatch(configuration)) continue;
      const scheduled = readString(configuration.resource.body, ['properties', 'installPatches', 'rebootSetting']);
      if (!isKnown(scheduled) || fieldIs(scheduled, value)) continue;
      context.report({
        path: reboot.path,
        messageId: 'overridesSchedule',
        data: { vm: value, schedule: scheduled.value, configuration: String(configuration.name) },
        severity: 'info',
      });
    }
  },
});
