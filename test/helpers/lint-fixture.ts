/** Lint fixture files in memory with every rule, the way the CLI does. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_RULES } from '../../rules/index.js';
import type { Finding } from '../../src/engine/finding.js';
import { lintTemplate, type LintInput } from '../../src/engine/lint.js';
import { ConfigSuppressions } from '../../src/engine/suppressions.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(REPO_ROOT, 'fixtures', 'arm');
/** The shared material sits beside the repository (../shared), as on every machine of the project. */
export const SHARED = join(REPO_ROOT, '..', 'shared');
export const TODAY = new Date('2026-11-23T00:00:00Z');

export function fixtureInput(name: string): LintInput['parameters'] & object {
  const path = join(FIXTURES, name);
  return { file: relative(REPO_ROOT, path).split('\\').join('/'), text: readFileSync(path, 'utf8') };
}

export function lintFixture(name: string, options: { baseline?: string | null; parameters?: string; suppressions?: ConfigSuppressions } = {}): Finding[] {
  const input: LintInput = {
    ...fixtureInput(name),
    baseline: options.baseline === undefined ? undefined : options.baseline === null ? null : fixtureInput(options.baseline),
    parameters: options.parameters ? fixtureInput(options.parameters) : undefined,
  };
  return lintTemplate(input, { rules: ALL_RULES, today: TODAY, suppressions: options.suppressions }).findings;
}

export function sharedExists(): boolean {
  return existsSync(join(SHARED, 'corpus'));
}

/** Every template of fixtures/arm/valid and fixtures/arm/invalid (not parameters files), relative to FIXTURES. */
export function validAndInvalidFixtures(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json') && !name.endsWith('.parameters.json')) out.push(path.slice(FIXTURES.length + 1));
    }
  };
  walk(join(FIXTURES, 'valid'));
  walk(join(FIXTURES, 'invalid'));
  return out;
}
