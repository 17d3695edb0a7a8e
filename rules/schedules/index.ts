/** Azure Update Manager schedules and maintenance configurations (CF2, CF3, CF9, CF13): the rules of this group, in the order `patchwise rules` lists them. */
import { asAnyRule, type AnyRule } from '../../src/engine/rule.js';
import bypassNeedsAssignment from './bypass-needs-assignment.js';
import bypassNeedsPlatform from './bypass-needs-platform.js';
import hotpatchBypass from './hotpatch-bypass.js';
import installPatches from './install-patches.js';
import maintenanceWindow from './maintenance-window.js';
import rebootSetting from './reboot-setting.js';
import schedulePrerequisites from './schedule-prerequisites.js';

export const SCHEDULE_RULES: readonly AnyRule[] = [
  bypassNeedsPlatform,
  bypassNeedsAssignment,
  hotpatchBypass,
  schedulePrerequisites,
  maintenanceWindow,
  installPatches,
  rebootSetting,
].map((rule) => asAnyRule(rule as never));
