/** What every lint run does besides rules: inline suppressions kept and marked, parse errors located. */
import { describe, expect, it } from 'vitest';
import { lintFixture } from '../helpers/lint-fixture.js';

describe('suppressions', () => {
  it('keeps an inline-suppressed finding, marked with its reason', () => {
    const findings = lintFixture('valid/suppressed-inline.json');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'guest-patching/windows-automatic-updates',
      suppressed: { kind: 'inline', reason: 'legacy VM, replaced in Q3' },
    });
  });
});

describe('parse errors', () => {
  it('reports the line and column of the syntax error', () => {
    const findings = lintFixture('core/parse-error/missing-comma.json');
    expect(findings).toMatchObject([{ ruleId: 'parse-error', severity: 'error', line: 5, column: 51 }]);
  });
});
