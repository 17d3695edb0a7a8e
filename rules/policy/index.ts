/** Azure Policy parity (CF10): the rules of this group, in the order `patchwise rules` lists them. */
import type { AnyRule } from '../../src/engine/rule.js';

export const POLICY_RULES: readonly AnyRule[] = [];
