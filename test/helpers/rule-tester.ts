/**
 * The rule tester (typescript-eslint's RuleTester, for templates). One call per rule:
 *
 *   testRule(rule, { invalid: [{ fixture: 'case.json', errors: [{ messageId, path, line }] }] });
 *
 * - Fixtures live in `fixtures/arm/rules/<rule id>/{valid,invalid}/`. Every valid fixture there is
 *   found by itself and must lint with no finding of any rule; every invalid fixture must be a case.
 * - An invalid case lists every finding the file gets, of any rule (nothing more, nothing less):
 *   messageId, path and line, with the severity (default: the rule's) and whether a fix is offered.
 *   Findings of other rules name their `ruleId`.
 * - messageIds of the rule under test are typed from its `messages`: a typo fails to compile.
 *
 * `npm run findings -- <fixture>` prints the rows of a new fixture to paste (and review).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import type { Finding, Severity } from '../../src/engine/finding.js';
import type { ResourceKind } from '../../src/model/types.js';
import { parseConfig, resolveSettings } from '../../src/engine/config.js';
import type { PresetName, Rule } from '../../src/engine/rule.js';
import { FIXTURES, lintFixture } from './lint-fixture.js';

/** A finding of the rule under test. */
export interface ExpectedFinding<M extends string> {
  messageId: M;
  path: string;
  line: number;
  /** Default: the rule's severity. */
  severity?: Severity;
  /** True when the finding offers a fix (default false). */
  fix?: boolean;
  /** Copy-loop instances reported as this one finding (absent: not grouped). */
  instances?: number;
}

/** A finding of another rule on the same fixture. */
export interface OtherFinding extends Omit<ExpectedFinding<string>, 'severity'> {
  ruleId: string;
  severity: Severity;
}

export interface InvalidCase<M extends string> {
  /** File name inside the rule's `invalid/` folder, or a path relative to fixtures/arm. */
  fixture: string;
  /** Baseline fixture (relative to fixtures/arm) for change rules; `null` = the file is new. */
  baseline?: string | null;
  /** The preset the case is linted with (default `recommended`): `strict` for the policy-parity rules. */
  preset?: PresetName;
  /** An inventory file next to the fixture (`--inventory`), for rules that read one. */
  inventory?: string;
  errors: Array<ExpectedFinding<M> | OtherFinding>;
}

/** A valid fixture outside the rule's own `valid/` folder (relative to fixtures/arm), with its baseline if any. */
export type ValidCase = string | { fixture: string; baseline: string | null };

export interface RuleTestCases<M extends string> {
  valid?: ValidCase[];
  invalid: Array<InvalidCase<M>>;
}

interface Row {
  ruleId: string;
  messageId: string | undefined;
  path: string | undefined;
  line: number;
  severity: Severity;
  fix: boolean;
  /** Only on grouped copy-loop findings. */
  instances?: number;
}

/** What a finding is, for comparison: unsuppressed findings only (suppressions have their own tests). */
export function findingRow(finding: Finding): Row {
  return {
    ruleId: finding.ruleId,
    messageId: finding.messageId,
    path: finding.path,
    line: finding.line,
    severity: finding.severity,
    fix: finding.fix !== undefined,
    ...(finding.instances !== undefined ? { instances: finding.instances } : {}),
  };
}

const order = (a: Row, b: Row) =>
  a.line - b.line || a.ruleId.localeCompare(b.ruleId) || (a.path ?? '').localeCompare(b.path ?? '') || (a.messageId ?? '').localeCompare(b.messageId ?? '');

/** Fixture folder of a rule, relative to fixtures/arm (forward slashes, as fixture names are). */
export function ruleFolder(ruleId: string): string {
  return `rules/${ruleId}`;
}

function filesIn(folder: string): string[] {
  const absolute = join(FIXTURES, folder);
  return existsSync(absolute)
    ? readdirSync(absolute)
        .filter((name) => /\.jsonc?$/.test(name) && !/\.(parameters|inventory)\.json$/.test(name))
        .sort()
    : [];
}

function presetSettings(preset: PresetName | undefined) {
  return preset === undefined
    ? undefined
    : resolveSettings(parseConfig(JSON.stringify({ extends: `patchwise:${preset}` }), 'patchwise.config.json'), ALL_RULES);
}

export function testRule<K extends ResourceKind, M extends string>(rule: Rule<K, M>, cases: RuleTestCases<M>): void {
  const folder = ruleFolder(rule.id);
  const invalidFolder = `${folder}/invalid`;
  const resolve = (fixture: string) => (fixture.includes('/') ? fixture : `${invalidFolder}/${fixture}`);
  const valid: ValidCase[] = [...filesIn(`${folder}/valid`).map((name) => `${folder}/valid/${name}`), ...(cases.valid ?? [])];

  describe(rule.id, () => {
    it('is registered, and every invalid fixture of its folder is a case', () => {
      expect(ALL_RULES).toContain(rule);
      const listed = new Set(cases.invalid.map((entry) => resolve(entry.fixture)));
      const orphans = filesIn(invalidFolder)
        .map((name) => resolve(name))
        .filter((name) => !listed.has(name));
      expect(orphans, 'fixtures without a case').toEqual([]);
    });

    for (const entry of valid) {
      const { fixture, baseline } = typeof entry === 'string' ? { fixture: entry, baseline: undefined } : entry;
      it(`valid: ${fixture}${baseline ? ` (baseline ${baseline})` : ''}`, () => {
        const findings = lintFixture(fixture, { baseline }).filter((finding) => !finding.suppressed);
        expect(findings.map(findingRow)).toEqual([]);
      });
    }

    for (const entry of cases.invalid) {
      const name = resolve(entry.fixture);
      it(`invalid: ${name}`, () => {
        const inventory = entry.inventory && resolve(entry.inventory);
        const actual = lintFixture(name, { baseline: entry.baseline, settings: presetSettings(entry.preset), inventory })
          .filter((finding) => !finding.suppressed)
          .map(findingRow)
          .sort(order);
        const expected: Row[] = entry.errors
          .map((error) => ({
            ruleId: 'ruleId' in error ? error.ruleId : rule.id,
            messageId: error.messageId,
            path: error.path,
            line: error.line,
            severity: error.severity ?? rule.severity,
            fix: error.fix ?? false,
            ...(error.instances !== undefined ? { instances: error.instances } : {}),
          }))
          .sort(order);
        expect(actual).toEqual(expected);
        expect(
          actual.some((row) => row.ruleId === rule.id),
          'an invalid case reports the rule under test',
        ).toBe(true);
      });
    }
  });
}
