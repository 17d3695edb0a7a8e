/** Rules that need facts from `--inventory` (GP12): the rules of this group. */
import type { AnyRule } from '../../src/engine/rule.js';

export const INVENTORY_RULES: readonly AnyRule[] = [];
