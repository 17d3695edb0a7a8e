/** Automatic OS image upgrade, rolling upgrades, orchestration modes and health signals (OU, CF4-CF8): the rules of this group, in the order `patchwise rules` lists them. */
import type { AnyRule } from '../../src/engine/rule.js';

export const OS_UPGRADE_RULES: readonly AnyRule[] = [];
