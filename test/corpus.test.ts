/**
 * Robustness on real templates: every template of the shared corpus is linted without a crash,
 * without a parse error (they are all valid JSON) and without an internal error. The error
 * findings it reports are pinned in test/corpus-errors.json after being reviewed one by one: a
 * new error there is either a new true violation (review and add it) or a false positive (fix it).
 * Every finding (all severities, positions, messages, fixes) is also pinned in
 * test/corpus-findings.json, so optimisations of the pipeline cannot change what is reported;
 * a deliberate change is recorded with `npx vitest run test/corpus.test.ts -u`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, LintSummary } from '../src/engine/finding.js';
import { runCli, type CliRun } from './helpers/cli.js';
import { SHARED, sharedExists } from './helpers/lint-fixture.js';

const corpus = join(SHARED, 'corpus');

describe.skipIf(!sharedExists())('corpus of real templates', () => {
  // As users run it: the CLI's folder scan, sibling parameters files, allowedValues variants.
  let run: CliRun;
  let report: { findings: Finding[]; summary: LintSummary };
  beforeAll(async () => {
    run = await runCli(['lint', '.', '--format', 'json'], corpus);
    report = JSON.parse(run.stdout) as typeof report;
  });

  it('lints every template without a crash, a parse error or an internal error', () => {
    expect(run.code, run.stderr).toBeLessThan(2);
    const errors: string[] = [];
    for (const finding of report.findings) {
      expect(finding.ruleId, `${finding.file}:${finding.line} ${finding.message}`).not.toBe('parse-error');
      expect(finding.ruleId, `${finding.file}:${finding.line} ${finding.message}`).not.toBe('internal-error');
      if (finding.severity === 'error') errors.push(`${finding.file}:${finding.line} ${finding.ruleId} ${finding.message}`);
    }
    expect(report.summary.files).toBeGreaterThanOrEqual(315);
    const reviewed = JSON.parse(readFileSync(join(dirname(new URL(import.meta.url).pathname), 'corpus-errors.json'), 'utf8')) as { errors: string[] };
    expect(errors.sort()).toEqual([...reviewed.errors].sort());
  });

  it('reports exactly the pinned findings (all severities, positions and messages)', async () => {
    await expect(`${JSON.stringify({ summary: report.summary, findings: report.findings }, null, 2)}\n`).toMatchFileSnapshot('corpus-findings.json');
  });
});
