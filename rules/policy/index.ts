/** Azure Policy parity (CF10): the rules of this group, in the order `patchwise rules` lists them. Off in `patchwise:recommended`, warnings in `patchwise:strict`. */
import { asAnyRule, type AnyRule } from '../../src/engine/rule.js';
import automaticOsUpgrade from './automatic-os-upgrade.js';
import hotpatchAzureEdition from './hotpatch-azure-edition.js';
import periodicAssessment from './periodic-assessment.js';

export const POLICY_RULES: readonly AnyRule[] = [periodicAssessment, automaticOsUpgrade, hotpatchAzureEdition].map((rule) => asAnyRule(rule as never));
