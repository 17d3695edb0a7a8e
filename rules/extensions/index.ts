/** Automatic extension upgrade and extension settings (EU): the rules of this group, in the order `patchwise rules` lists them. */
import { asAnyRule, type AnyRule } from '../../src/engine/rule.js';
import automaticUpgradeSupported from './automatic-upgrade-supported.js';
import autoUpgradeMinorVersion from './auto-upgrade-minor-version.js';
import provisionAfterExtensions from './provision-after-extensions.js';

export const EXTENSION_RULES: readonly AnyRule[] = [automaticUpgradeSupported, autoUpgradeMinorVersion, provisionAfterExtensions].map((rule) => asAnyRule(rule as never));
