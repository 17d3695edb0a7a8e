/**
 * A throw-away Bicep restore cache for the differential oracle. A compiled AVM `main.json`
 * inlines, under each module's symbolic name, the compiled template Bicep took from its restore
 * cache for that module. Writing those templates back at the cache paths of the references in
 * the `.bicep` files gives the reader what a user with a restored cache has: the same versions,
 * compiled by the same tool. Local modules are followed into their nested template.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { registryCachePath } from '../../src/bicep/modules.js';
import { parseBicep } from '../../src/bicep/parser.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Write the registry modules `bicepFile` (and its local modules) calls; returns the references written. */
export function restoreCacheFromCompiled(bicepFile: string, compiled: Json, cacheRoot: string, written = new Set<string>()): Set<string> {
  const { statements } = parseBicep(readFileSync(bicepFile, 'utf8'));
  // Symbolic resources only (languageVersion 2.0): an array of resources has no names to match by.
  const resources = isObject(compiled.resources) ? compiled.resources : {};
  for (const statement of statements) {
    if (statement.kind !== 'module' || statement.path.kind !== 'string') continue;
    const reference = statement.path.value;
    const deployment = resources[statement.name];
    const template = isObject(deployment) && isObject(deployment.properties) ? deployment.properties.template : undefined;
    if (!isObject(template)) continue;
    const cachePath = registryCachePath(reference, cacheRoot);
    if (cachePath) {
      if (written.has(reference)) continue;
      mkdirSync(dirname(cachePath), { recursive: true });
      writeFileSync(cachePath, JSON.stringify(template));
      written.add(reference);
    } else if (/\.bicep$/i.test(reference)) {
      restoreCacheFromCompiled(resolve(dirname(bicepFile), reference), template, cacheRoot, written);
    }
  }
  return written;
}
