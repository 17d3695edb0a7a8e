/** Output formats: each takes the lint result and returns text. */
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export type { FormatOptions, Formatter } from './types.js';
export { redactSecrets } from './redact.js';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'junit' | 'github' | 'markdown';

export const formatters: Record<FormatName, Formatter> = { stylish, json, sarif, junit, github, markdown };
