/** Rules that need facts from `--inventory` (GP12): the rules of this group. */
import { asAnyRule, type AnyRule } from '../../src/engine/rule.js';
import linuxAgentVersion from './linux-agent-version.js';

export const INVENTORY_RULES: readonly AnyRule[] = [linuxAgentVersion].map((rule) => asAnyRule(rule as never));
