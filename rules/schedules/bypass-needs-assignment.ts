import { fieldIs, isKnown } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { assignmentsFor } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'schedules/bypass-needs-assignment',
  severity: 'warning',
  requirements: ['CF2'],
  targets: ['virtualMachine'],
  crossResource: true,
  summary: 'A VM with Customer Managed Schedules needs a maintenance configuration assigned',
  messages: {
    noAssignment:
      'bypassPlatformSafetyChecksOnUserSchedule is true (Customer Managed Schedules), but no Microsoft.Maintenance/configurationAssignments in this template assigns a maintenance configuration to this VM: without one the VM is not patched at all; assign an InGuestPatch maintenance configuration (here or elsewhere, e.g. by Azure Policy)',
  },
  check(vm, context) {
    const profile = vm.osProfile;
    const bypass = profile.bypassPlatformSafetyChecksOnUserSchedule;
    if (!isKnown(bypass) || bypass.value !== true || !fieldIs(profile.patchMode, 'AutomaticByPlatform')) return;
    const { known, maybe } = assignmentsFor(vm, context.model);
    if (known.length > 0 || maybe) return;
    context.report({ path: bypass.path, messageId: 'noAssignment' });
  },
});
