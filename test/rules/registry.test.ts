/**
 * The registry and the layout that mirrors rule ids (typescript-eslint's tests/index.test.ts): every
 * rule file is registered, has a test built on the rule tester, a fixture folder and a docs page.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { lintFixture, REPO_ROOT } from '../helpers/lint-fixture.js';

/** Rule files: `rules/<group>/<name>.ts` with a `defineRule` default export (helpers have none). */
function ruleFiles(): string[] {
  const root = join(REPO_ROOT, 'rules');
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((group) => readdirSync(join(root, group.name)).map((name) => `${group.name}/${name}`))
    .filter((file) => file.endsWith('.ts') && /export default defineRule\(/.test(readFileSync(join(root, file), 'utf8')))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
}

describe('rule registry', () => {
  it('lists every rule file once, and a rule id is its file path', () => {
    const ids = ALL_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ruleFiles());
  });

  it.each(ALL_RULES.map((rule) => [rule.id, rule] as const))(
    '%s has a rule-tester test, a fixture folder with an invalid case, and a docs page',
    (id, rule) => {
      const test = join(REPO_ROOT, 'test', 'rules', `${id}.test.ts`);
      expect(existsSync(test), test).toBe(true);
      const source = readFileSync(test, 'utf8');
      expect(source).toContain('testRule(rule,');
      // Change rules compare a file with a baseline: their cases pair fixtures/arm/change/ files.
      if (rule.needsBaseline) expect(source).toMatch(/baseline: 'change\//);
      else expect(readdirSync(join(REPO_ROOT, 'fixtures', 'arm', 'rules', id, 'invalid')).length).toBeGreaterThan(0);
      expect(existsSync(join(REPO_ROOT, 'docs', 'rules', `${id}.md`))).toBe(true);
    },
  );

  it('a rule that declares fixable offers a fix on some fixture (the runner refuses a fix from one that does not)', () => {
    const fixing = new Set<string>();
    for (const rule of ALL_RULES.filter((entry) => !entry.needsBaseline)) {
      const folder = join(REPO_ROOT, 'fixtures', 'arm', 'rules', rule.id, 'invalid');
      for (const name of readdirSync(folder).filter((file) => /\.jsonc?$/.test(file) && !file.endsWith('.inventory.json'))) {
        if (
          lintFixture(`rules/${rule.id}/invalid/${name}`, { settings: new Map([[rule.id, rule.severity]]) }).some(
            (finding) => finding.ruleId === rule.id && finding.fix,
          )
        )
          fixing.add(rule.id);
      }
    }
    const declared = ALL_RULES.filter((rule) => rule.fixable).map((rule) => rule.id);
    // The runner refuses a fix from an undeclared rule; here a declared rule must show one.
    expect(declared.filter((id) => !fixing.has(id))).toEqual([]);
  });
});

describe('fix contents', () => {
  it('sets the image version to latest', () => {
    const [finding] = lintFixture('rules/os-upgrade/image-version-latest/invalid/pinned-version.json');
    expect(finding.fix?.edits).toHaveLength(1);
    expect(finding.fix?.edits[0].content).toBe('"latest"');
  });

  it('turns enableAutomaticUpdates off', () => {
    const [finding] = lintFixture('rules/os-upgrade/windows-automatic-updates/invalid/updates-on.json');
    expect(finding.fix?.edits[0].content).toBe('false');
  });
});

describe('rule metadata', () => {
  it('every rule has an area/name id and requirements; the OS upgrade requirements are covered', () => {
    for (const rule of ALL_RULES) {
      expect(rule.id).toMatch(/^[a-z-]+\/[a-z-]+$/);
      expect(rule.requirements.length).toBeGreaterThan(0);
    }
    const covered = new Set(ALL_RULES.flatMap((rule) => rule.requirements));
    for (const id of ['OU1', 'OU2', 'OU3', 'OU4', 'OU5', 'OU6', 'OU8', 'OU9', 'OU10', 'OU13', 'CF4', 'CF5', 'CF6', 'CF7', 'CF8'])
      expect(covered.has(id), id).toBe(true);
  });
});
