import { canonical, isKnown } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { WINDOWS_PATCH_MODES, isWindows } from '../../src/model/facts/index.js';

type Mode = (typeof WINDOWS_PATCH_MODES)[number];

/**
 * Supported Windows switches (current documentation, which supersedes the 2021 edition): each
 * needs the enableAutomaticUpdates value the VM was created with, since it cannot change (GP9).
 */
function requiredAutomaticUpdates(from: Mode, to: Mode): boolean | 'unsupported' {
  const pair = new Set([from, to]);
  if (pair.has('AutomaticByOS') && pair.has('Manual')) return 'unsupported';
  if (pair.has('Manual')) return false; // AutomaticByPlatform <-> Manual
  return true; // AutomaticByPlatform <-> AutomaticByOS
}

export default defineRule({
  id: 'change/patch-mode-switch',
  severity: 'error',
  requirements: ['GP10', 'GP2'],
  targets: ['virtualMachine'],
  summary: 'Only supported Windows patch mode switches, given the enableAutomaticUpdates the VM was created with',
  needsBaseline: true,
  messages: {
    unsupported: 'switching patchMode from {{from}} to {{to}} is not supported: keep {{from}} or recreate the VM',
    needsAutomaticUpdates:
      'switching patchMode from {{from}} to {{to}} is supported only on VMs created with enableAutomaticUpdates {{required}}; this VM has {{actual}}, which cannot change',
  },
  check(vm, context) {
    const previous = context.previous;
    if (previous?.kind !== 'virtualMachine' || !isWindows(vm.osProfile) || !isWindows(previous.osProfile)) return;
    const before = previous.osProfile.patchMode;
    const after = vm.osProfile.patchMode;
    if (!isKnown(before) || !isKnown(after)) return;
    const from = canonical(before.value, WINDOWS_PATCH_MODES) as Mode | undefined;
    const to = canonical(after.value, WINDOWS_PATCH_MODES) as Mode | undefined;
    if (!from || !to || from === to) return;
    const path = after.explicit ? after.path : vm.osProfile.base;
    const required = requiredAutomaticUpdates(from, to);
    if (required === 'unsupported') {
      context.report({ path, messageId: 'unsupported', data: { from, to } });
      return;
    }
    // The VM keeps the value it was created with: the baseline's.
    const automaticUpdates = previous.osProfile.enableAutomaticUpdates;
    if (!isKnown(automaticUpdates) || automaticUpdates.value === required) return;
    context.report({ path, messageId: 'needsAutomaticUpdates', data: { from, to, required: String(required), actual: String(automaticUpdates.value) } });
  },
});
