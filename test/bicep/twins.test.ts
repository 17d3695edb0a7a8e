/**
 * Every ARM rule fixture has a Bicep twin (`fixtures/bicep/rules/…/<case>.bicep`, written by
 * scripts/bicep-twins.ts and reviewed) that must give the same findings: rule, messageId, ARM
 * property path, resource and severity, with the recommended and the strict preset. Each finding
 * of the twin sits on the `.bicep` line that writes the same property as the line the JSON
 * finding sits on (or on the resource's declaration when the JSON points at its `{`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { bicepReader } from '../../src/bicep/index.js';
import { parseConfig, resolveSettings } from '../../src/engine/config.js';
import type { Finding } from '../../src/engine/finding.js';
import { lintTemplate, type LintContext } from '../../src/engine/lint.js';
import { parseInventory } from '../../src/inventory/load.js';
import { templateFiles } from '../helpers/fixtures.js';
import { REPO_ROOT, TODAY } from '../helpers/lint-fixture.js';

const ARM_RULES = join(REPO_ROOT, 'fixtures', 'arm', 'rules');
const BICEP_RULES = join(REPO_ROOT, 'fixtures', 'bicep', 'rules');

/** ARM rule fixtures with no Bicep twin, and why (none today: every construct they use has one). */
const NO_TWIN: Record<string, string> = {};

const fixtures = templateFiles(ARM_RULES).filter((name) => !name.endsWith('.inventory.json'));
const presets = ['recommended', 'strict'] as const;

function contextFor(preset: (typeof presets)[number], armPath: string): LintContext {
  const settings = resolveSettings(parseConfig(JSON.stringify({ extends: `patchwise:${preset}` }), 'patchwise.config.json'), ALL_RULES);
  const inventoryPath = armPath.replace(/\.json$/, '.inventory.json');
  const inventory = existsSync(inventoryPath) ? parseInventory(readFileSync(inventoryPath, 'utf8'), inventoryPath) : undefined;
  return { rules: ALL_RULES, today: TODAY, settings, inventory };
}

const identity = (finding: Finding) =>
  `${finding.ruleId} | ${finding.messageId ?? ''} | ${finding.path ?? ''} | ${finding.resource?.name ?? ''} | ${finding.severity}`;

/**
 * What a line writes: its keys (`"name":` in JSON, `name:` in Bicep; a JSON line may hold several),
 * an array item's value without its quotes, or `{` for the line that opens a resource (JSON's
 * `{`, and `"type"`/`"apiVersion"`, which Bicep writes on its `resource` line).
 */
function writtenOn(text: string, line: number, json: boolean): string[] {
  const source = (text.split(/\r?\n/)[line - 1] ?? '').trim();
  if (/^resource\s/.test(source) || source === '{') return ['{'];
  const keys = [...source.matchAll(json ? /"([^"]+)"\s*:/g : /^(?:'([^']+)'|([A-Za-z_][A-Za-z0-9_]*))\s*:/g)].map((match) => match[1] ?? match[2]);
  if (keys.length === 0) return [source.replace(/,$/, '').replace(/^["']|["']$/g, '')];
  // A resource's type and apiVersion are written on Bicep's `resource` line.
  return json && /^"(type|apiVersion)"\s*:/.test(source) ? ['{', ...keys] : keys;
}

describe('Bicep twins of the ARM rule fixtures', () => {
  it('every ARM rule fixture has a twin, or a reason why not', () => {
    const missing = fixtures.filter((name) => !NO_TWIN[name] && !existsSync(join(BICEP_RULES, name.replace(/\.json$/, '.bicep'))));
    expect(missing).toEqual([]);
    expect(fixtures.length).toBeGreaterThan(90);
  });

  it.each(fixtures.filter((name) => !NO_TWIN[name]))('%s', (name) => {
    const armPath = join(ARM_RULES, name);
    const bicepPath = join(BICEP_RULES, name.replace(/\.json$/, '.bicep'));
    const armText = readFileSync(armPath, 'utf8');
    const bicepText = readFileSync(bicepPath, 'utf8');
    const read = bicepReader({ readText: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined), display: (path) => path });
    for (const preset of presets) {
      const context = contextFor(preset, armPath);
      const fromArm = lintTemplate({ file: name, text: armText }, context).findings;
      const fromBicep = lintTemplate(
        { file: bicepPath, text: bicepText, reader: { template: (input) => read(input.file, bicepPath, input.text) } },
        context,
      ).findings;
      const byIdentity = (a: Finding, b: Finding) => identity(a).localeCompare(identity(b)) || a.line - b.line;
      const arm = [...fromArm].sort(byIdentity);
      const bicep = [...fromBicep].sort(byIdentity);
      expect(bicep.map(identity), preset).toEqual(arm.map(identity));
      bicep.forEach((finding, index) => {
        const [written] = writtenOn(bicepText, finding.line, false);
        expect(writtenOn(armText, arm[index].line, true), `${preset}: ${identity(finding)} at ${name.replace(/\.json$/, '.bicep')}:${finding.line}`).toContain(
          written,
        );
      });
    }
  });
});
