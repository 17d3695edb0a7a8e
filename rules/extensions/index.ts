/** Automatic extension upgrade and extension settings (EU): the rules of this group, in the order `patchwise rules` lists them. */
import type { AnyRule } from '../../src/engine/rule.js';

export const EXTENSION_RULES: readonly AnyRule[] = [];
