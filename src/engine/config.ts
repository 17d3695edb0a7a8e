/**
 * The configuration file: presets, per-rule settings, ignore globs and suppressions. Validated
 * with ajv against schemas/config.schema.json (compiled only when a config file exists, to keep
 * start-up light).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { readJsonDocument } from '../template/json.js';
import { ALWAYS_REPORTED } from './core-rules.js';
import { compileNameGlob, NAME_GLOB_LIMITS } from './name-glob.js';
import { packageRoot } from './package-info.js';
import type { PresetName, RuleSetting } from './rule.js';
import { presetSetting, type SeverityMetadata } from './severity.js';
import { didYouMean } from '../similar-names.js';

export interface SuppressionEntry {
  rules: string[];
  resources?: string[];
  files?: string[];
  reason: string;
}

export interface PatchwiseConfig {
  extends?: string | string[];
  rules?: Record<string, RuleSetting>;
  ignore?: string[];
  suppressions?: SuppressionEntry[];
  /** Where Bicep registry modules are read from (see the README's Bicep section). */
  bicep?: { modules?: Record<string, string>; cacheRoot?: string };
}

export interface LoadedConfig {
  config: PatchwiseConfig;
  /** The file it came from (undefined for the built-in default). */
  file?: string;
  /** Folder that globs in the file are relative to. */
  baseDir: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const CONFIG_FILE_NAME = 'patchwise.config.json';

/** A config with thousands of mistakes gets the first ones, not megabytes of messages. */
const MAX_PROBLEMS_SHOWN = 20;

/** Parse and validate a config file's text; throws ConfigError with every problem listed. */
export function parseConfig(text: string, file: string): PatchwiseConfig {
  // The same dialect as templates: a byte-order mark, comments and trailing commas are fine.
  const read = readJsonDocument(file, text);
  if (!read.ok) throw new ConfigError(`${file}:${read.error.line}:${read.error.column}: ${read.error.message}`);
  const value = read.document.value;
  const validate = compileValidator();
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map(
      (e) =>
        `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as string[]).join(', ')})` : ''}`,
    );
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
    if (problems.length > shown.length) shown.push(`… and ${problems.length - shown.length} more`);
    throw new ConfigError(`${file}: invalid configuration:\n  ${shown.join('\n  ')}`);
  }
  const config = value as PatchwiseConfig;
  const globProblems = checkGlobs(config);
  if (globProblems.length > 0) throw new ConfigError(`${file}: invalid configuration:\n  ${globProblems.join('\n  ')}`);
  return config;
}

/** An extglob (`+(a|b)`, `!(x)`, …): exponential in picomatch on long paths, and never needed for files. */
const EXTGLOB = /[@!+*?]\(/;

/**
 * Globs are compiled before any file is read: a bad one is a configuration error (exit 2), never a
 * crash halfway through a run. Rule and resource globs take the syntax of name-glob.ts; file globs
 * are picomatch paths without extglobs.
 */
function checkGlobs(config: PatchwiseConfig): string[] {
  const problems: string[] = [];
  const checkPath = (glob: string, where: string) => {
    if (glob.length > NAME_GLOB_LIMITS.length) problems.push(`${where}: a glob longer than ${NAME_GLOB_LIMITS.length} characters`);
    else if (EXTGLOB.test(glob)) problems.push(`${where}: '${glob}' uses an extglob; use *, **, ?, [abc] and {a,b}`);
    else {
      try {
        picomatch.makeRe(glob, { dot: true });
      } catch (error) {
        problems.push(`${where}: ${(error as Error).message}`);
      }
    }
  };
  const checkName = (glob: string, where: string) => {
    const compiled = compileNameGlob(glob);
    if (!compiled.ok) problems.push(`${where}: ${compiled.problem}`);
  };
  config.ignore?.forEach((glob, index) => checkPath(glob, `/ignore/${index}`));
  config.suppressions?.forEach((entry, index) => {
    entry.rules.forEach((glob, at) => {
      checkName(glob, `/suppressions/${index}/rules/${at}`);
      if (ALWAYS_REPORTED.has(glob))
        problems.push(
          `/suppressions/${index}/rules/${at}: '${glob}' cannot be suppressed (a file patchwise cannot read must not pass): use "ignore" to leave files out`,
        );
    });
    entry.resources?.forEach((glob, at) => checkName(glob, `/suppressions/${index}/resources/${at}`));
    entry.files?.forEach((glob, at) => checkPath(glob, `/suppressions/${index}/files/${at}`));
  });
  return problems;
}

type Validator = ((value: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }> | null };
let validator: Validator | undefined;

function compileValidator(): Validator {
  if (!validator) {
    const require = createRequire(import.meta.url);
    // ajv is CommonJS; loading it through require keeps it out of the start-up path.
    const AjvModule = require('ajv') as { default: new (options: object) => { compile(schema: object): Validator } };
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'config.schema.json'), 'utf8')) as object;
    validator = new AjvModule.default({ allErrors: true, strict: false }).compile(schema);
  }
  return validator;
}

/** Effective setting of every rule: presets in order, then the `rules` map. Unknown rule ids (there and in suppressions) are errors. */
export function resolveSettings(config: PatchwiseConfig, rules: readonly SeverityMetadata[]): Map<string, RuleSetting> {
  const presets = (Array.isArray(config.extends) ? config.extends : config.extends ? [config.extends] : ['patchwise:recommended']).map(
    (name) => name.replace(/^patchwise:/, '') as PresetName,
  );
  const settings = new Map<string, RuleSetting>();
  for (const rule of rules) {
    // Every preset gives every rule a setting, so the last one listed decides.
    settings.set(rule.id, presetSetting(rule, presets[presets.length - 1] ?? 'recommended'));
  }
  const known = new Set(rules.map((rule) => rule.id));
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    if (!known.has(id)) throw new ConfigError(`unknown rule '${id}' in configuration${didYouMean(id, known)} (see 'patchwise rules')`);
    // A gate that lets unreadable files through fails open: leave such files out with `ignore` instead.
    if (ALWAYS_REPORTED.has(id) && setting !== 'error')
      throw new ConfigError(`'${id}' is always an error (a file patchwise cannot read must not pass): use "ignore" to leave files out`);
    settings.set(id, setting);
  }
  // A mistyped id suppresses nothing, silently; globs may match no rule (a group not used yet).
  config.suppressions?.forEach((entry, index) =>
    entry.rules.forEach((id, at) => {
      if (!/[*?{]/.test(id) && !known.has(id))
        throw new ConfigError(`unknown rule '${id}' in /suppressions/${index}/rules/${at}${didYouMean(id, known)} (see 'patchwise rules')`);
    }),
  );
  return settings;
}
