import { isKnown } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { isWindows } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'change/enable-automatic-updates-changed',
  severity: 'error',
  requirements: ['GP9'],
  targets: ['virtualMachine'],
  summary: 'Windows enableAutomaticUpdates can only be set when the VM is created',
  needsBaseline: true,
  messages: {
    changed: 'enableAutomaticUpdates changes from {{before}} to {{after}}, but it can only be set when the VM is created: keep {{before}} or recreate the VM',
  },
  check(vm, context) {
    const previous = context.previous;
    if (previous?.kind !== 'virtualMachine' || !isWindows(vm.osProfile) || !isWindows(previous.osProfile)) return;
    const before = previous.osProfile.enableAutomaticUpdates;
    const after = vm.osProfile.enableAutomaticUpdates;
    if (!isKnown(before) || !isKnown(after) || before.value === after.value) return;
    const describe = (value: boolean, explicit: boolean) => `${value}${explicit ? '' : ' (default)'}`;
    context.report({
      path: after.explicit ? after.path : vm.osProfile.base,
      messageId: 'changed',
      data: { before: describe(before.value, before.explicit), after: describe(after.value, after.explicit) },
    });
  },
});
