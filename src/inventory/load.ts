/**
 * Read and validate an inventory file: JSON Schema (schemas/inventory.schema.json, ajv loaded only
 * when an inventory is given), then the checks a schema cannot express (time zone names, phases).
 * Every problem is a UsageError (exit code 2) that names the file and the place.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { UsageError } from '../cli/files.js';
import { packageRoot } from '../engine/package-info.js';
import { ianaZone } from '../plan/zones.js';
import type { Inventory, InventoryResource } from './types.js';

/** Longest resource name or glob accepted as a key of `resources`. */
export const MAX_RESOURCE_KEY_LENGTH = 1024;

export function loadInventory(path: string, display: string): Inventory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read inventory ${display}: ${(error as Error).message}`);
  }
  return parseInventory(text, display);
}

/** Parse and validate inventory text; throws UsageError listing every problem. */
export function parseInventory(text: string, display: string): Inventory {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`inventory ${display} is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`inventory ${display} must be a JSON object`);
  const validate = compileValidator();
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map(
      (e) =>
        `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : ''}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as string[]).join(', ')})` : ''}`,
    );
    throw new UsageError(`inventory ${display} is invalid:\n  ${[...new Set(problems)].join('\n  ')}`);
  }
  const inventory = value as Inventory;
  const problems: string[] = [];
  const checkResource = (where: string, resource: InventoryResource | undefined) => {
    if (resource?.timeZone !== undefined && !ianaZone(resource.timeZone))
      problems.push(`${where}/timeZone '${resource.timeZone}' is neither a Windows nor an IANA time zone`);
  };
  checkResource('/defaults', inventory.defaults);
  for (const [name, resource] of Object.entries(inventory.resources ?? {})) {
    // Azure names are at most 80 characters; a huge glob would only make the matcher fail.
    if (name.length > MAX_RESOURCE_KEY_LENGTH) {
      problems.push(
        `/resources: a key of ${name.length} characters ('${name.slice(0, 40)}…'): resource names and globs are at most ${MAX_RESOURCE_KEY_LENGTH} characters`,
      );
      continue;
    }
    checkResource(`/resources/${name}`, resource);
  }
  const seen = new Map<string, number>();
  inventory.phases?.forEach((phase, index) => {
    for (const region of phase) {
      const key = region.replace(/[\s_-]+/g, '').toLowerCase();
      if (seen.has(key)) problems.push(`/phases/${index}: region '${region}' is already in phase ${seen.get(key)! + 1}`);
      else seen.set(key, index);
    }
  });
  if (problems.length > 0) throw new UsageError(`inventory ${display} is invalid:\n  ${problems.join('\n  ')}`);
  return inventory;
}

type Validator = ((value: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }> | null };
let validator: Validator | undefined;

function compileValidator(): Validator {
  if (!validator) {
    const require = createRequire(import.meta.url);
    // ajv is CommonJS; loading it through require keeps it out of the start-up path (as config.ts does).
    const AjvModule = require('ajv') as { default: new (options: object) => { compile(schema: object): Validator } };
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'inventory.schema.json'), 'utf8')) as object;
    validator = new AjvModule.default({ allErrors: true, strict: false }).compile(schema);
  }
  return validator;
}
