/** Lint fixture files in memory with every rule, the way the CLI does. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_RULES } from '../../rules/index.js';
import type { Finding } from '../../src/engine/finding.js';
import { lintTemplate, type LintInput } from '../../src/engine/lint.js';
import type { RuleSetting } from '../../src/engine/rule.js';
import { ConfigSuppressions } from '../../src/engine/suppressions.js';
import { parseInventory } from '../../src/inventory/load.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(REPO_ROOT, 'fixtures', 'arm');
/** The shared material sits beside the repository (../shared), as on every machine of the project. */
export const SHARED = join(REPO_ROOT, '..', 'shared');
export const TODAY = new Date('2026-11-23T00:00:00Z');

export function fixtureInput(name: string): LintInput['parameters'] & object {
  const path = join(FIXTURES, name);
  return { file: relative(REPO_ROOT, path).split('\\').join('/'), text: readFileSync(path, 'utf8') };
}

export interface FixtureOptions {
  baseline?: string | null;
  parameters?: string;
  suppressions?: ConfigSuppressions;
  /** Rule settings as the config file's presets and `rules` give them (default: `patchwise:recommended`). */
  settings?: ReadonlyMap<string, RuleSetting>;
  /** An inventory file (relative to fixtures/arm), as `--inventory` reads it. */
  inventory?: string;
}

export function lintFixture(name: string, options: FixtureOptions = {}): Finding[] {
  const input: LintInput = {
    ...fixtureInput(name),
    baseline: options.baseline === undefined ? undefined : options.baseline === null ? null : fixtureInput(options.baseline),
    parameters: options.parameters ? fixtureInput(options.parameters) : undefined,
  };
  const inventory = options.inventory ? parseInventory(fixtureInput(options.inventory).text, options.inventory) : undefined;
  return lintTemplate(input, { rules: ALL_RULES, today: TODAY, suppressions: options.suppressions, settings: options.settings, inventory }).findings;
}

export function sharedExists(): boolean {
  return existsSync(join(SHARED, 'corpus'));
}
