/** Azure Update Manager schedules and maintenance configurations (CF2, CF3, CF9, CF13): the rules of this group, in the order `patchwise rules` lists them. */
import type { AnyRule } from '../../src/engine/rule.js';

export const SCHEDULE_RULES: readonly AnyRule[] = [];
