/** Credentials in the model that expire (OU7): the rules of this group, in the order `patchwise rules` lists them. */
import type { AnyRule } from '../../src/engine/rule.js';

export const CREDENTIAL_RULES: readonly AnyRule[] = [];
