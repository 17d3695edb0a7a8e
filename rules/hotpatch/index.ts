/** Hotpatch (HP1-HP3): the rules of this group, in the order `patchwise rules` lists them. */
import type { AnyRule } from '../../src/engine/rule.js';

export const HOTPATCH_RULES: readonly AnyRule[] = [];
