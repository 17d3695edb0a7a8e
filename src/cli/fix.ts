/**
 * `--fix` and `--fix-dry-run`: apply the fixes of a file's findings, lint the result again and
 * repeat (a fix can make another one possible) until nothing changes or after a few passes.
 */
import { applyFixes } from '../engine/fixes.js';
import type { Finding } from '../engine/finding.js';
import type { FileLintResult, LintInput } from '../engine/lint.js';

const MAX_PASSES = 5;

export interface FixOutcome {
  /** The fixed text (the input text when nothing was fixable). */
  text: string;
  /** Fixes applied over all passes. */
  applied: number;
  /** The lint result of the final text. */
  result: FileLintResult;
}

/** Findings whose fix may be applied: active (not suppressed, not switched off). */
export function fixable(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.fix && !finding.suppressed);
}

export function fixFile(input: LintInput, first: FileLintResult, lint: (input: LintInput) => FileLintResult): FixOutcome {
  const bom = input.text.startsWith('\uFEFF') ? '\uFEFF' : '';
  let text = input.text.slice(bom.length);
  let result = first;
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fixes = fixable(result.findings)
      .filter((finding) => finding.file === input.file)
      .map((finding) => finding.fix!);
    if (fixes.length === 0) break;
    const outcome = applyFixes(text, fixes);
    if (outcome.text === text) break;
    text = outcome.text;
    applied += outcome.applied;
    result = lint({ ...input, text: bom + text });
  }
  return { text: bom + text, applied, result };
}

export async function unifiedDiff(file: string, before: string, after: string): Promise<string> {
  // Only --fix-dry-run needs a diff: keep the library out of start-up.
  const { createTwoFilesPatch } = await import('diff');
  const name = file.replace(/\\/g, '/').replace(/^\/+/, '');
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
}
