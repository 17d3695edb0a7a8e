/** Credentials in the model that expire (OU7): the rules of this group, in the order `patchwise rules` lists them. */
import { asAnyRule, type AnyRule } from '../../src/engine/rule.js';
import sasExpiry from './sas-expiry.js';

export const CREDENTIAL_RULES: readonly AnyRule[] = [sasExpiry].map((rule) => asAnyRule(rule as never));
