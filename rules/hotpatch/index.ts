/** Hotpatch (HP1-HP3): the rules of this group, in the order `patchwise rules` lists them. */
import { asAnyRule, type AnyRule } from '../../src/engine/rule.js';
import patchMode from './patch-mode.js';
import supportedImage from './supported-image.js';
import uniformScaleSet from './uniform-scale-set.js';

export const HOTPATCH_RULES: readonly AnyRule[] = [supportedImage, patchMode, uniformScaleSet].map((rule) => asAnyRule(rule as never));
