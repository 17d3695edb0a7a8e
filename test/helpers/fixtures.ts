/**
 * The ARM fixture tree, walked once for every test that needs it. Rule fixtures live at
 * `fixtures/arm/rules/<group>/<name>/{valid,invalid}/<case>.json`; general clean templates in
 * `fixtures/arm/valid/`; engine features (allowed-values, core/parse-error) in their own folders.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './lint-fixture.js';

export type FixtureKind = 'valid' | 'invalid';

/** Template files under `root` (parameters files excluded), relative to it with `/`, sorted. */
export function templateFiles(root: string, extensions: readonly string[] = ['.json', '.jsonc']): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else if (extensions.some((extension) => name.endsWith(extension)) && !/\.(parameters|inventory)\.json$/.test(name)) out.push(`${prefix}${name}`);
    }
  };
  walk(root, '');
  return out;
}

/** Which kind a fixture is, from its folders: `invalid` (or core/) fails, `valid` lints clean. */
export function fixtureKind(name: string): FixtureKind | undefined {
  const folders = name.split('/').slice(0, -1);
  if (folders.includes('invalid') || folders[0] === 'core') return 'invalid';
  if (folders.includes('valid')) return 'valid';
  return undefined;
}

/** ARM fixtures relative to fixtures/arm, optionally of one kind. */
export function armFixtures(kind?: FixtureKind): string[] {
  const all = templateFiles(FIXTURES);
  return kind === undefined ? all.filter((name) => fixtureKind(name) !== undefined) : all.filter((name) => fixtureKind(name) === kind);
}
