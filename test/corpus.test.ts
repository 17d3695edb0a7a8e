/**
 * Robustness on real templates: every template of the shared corpus is linted without a crash,
 * without a parse error (they are all valid JSON) and without an internal error. The error
 * findings it reports are pinned in test/corpus-errors.json after being reviewed one by one: a
 * new error there is either a new true violation (review and add it) or a false positive (fix it).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/engine/finding.js';
import { runCli } from './helpers/cli.js';
import { SHARED, sharedExists } from './helpers/lint-fixture.js';

const corpus = join(SHARED, 'corpus');

describe.skipIf(!sharedExists())('corpus of real templates', () => {
  // As users run it: the CLI's folder scan, sibling parameters files, allowedValues variants.
  it('lints every template without a crash, a parse error or an internal error', async () => {
    const run = await runCli(['lint', '.', '--format', 'json'], corpus);
    expect(run.code, run.stderr).toBeLessThan(2);
    const report = JSON.parse(run.stdout) as { findings: Finding[]; summary: { files: number } };
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
});
