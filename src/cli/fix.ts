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
  const relint = (next: string) => lint({ ...input, text: bom + next });
  const rejected = new Set<string>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fixes = ownFixes(result, input.file, rejected);
    if (fixes.length === 0) break;
    const outcome = applyFixes(
      text,
      fixes.map((finding) => finding.fix!),
    );
    if (outcome.text === text) break;
    const next = relint(outcome.text);
    if (!introducesFindings(result, next)) {
      text = outcome.text;
      applied += outcome.applied;
      result = next;
      continue;
    }
    // Together the fixes create a finding (one value shared by things that need different ones):
    // apply them one at a time and keep only those that create nothing new.
    const stepped = fixOneAtATime(text, result, input.file, relint, rejected);
    if (stepped.applied === 0) break;
    text = stepped.text;
    result = stepped.result;
    applied += stepped.applied;
  }
  return { text: bom + text, applied, result: withoutRejectedFixes(result, rejected) };
}

function fixOneAtATime(
  text: string,
  result: FileLintResult,
  file: string,
  relint: (text: string) => FileLintResult,
  rejected: Set<string>,
): { text: string; result: FileLintResult; applied: number } {
  let applied = 0;
  for (let attempt = 0; attempt < MAX_SINGLE_ATTEMPTS; attempt++) {
    const candidates = ownFixes(result, file, rejected);
    let accepted = false;
    for (const finding of candidates) {
      const outcome = applyFixes(text, [finding.fix!]);
      const next = outcome.text === text ? undefined : relint(outcome.text);
      if (next && !introducesFindings(result, next)) {
        text = outcome.text;
        result = next;
        applied += 1;
        accepted = true;
        break; // offsets of the other fixes refer to the old text: take them from the new result
      }
      rejected.add(identity(finding));
    }
    if (!accepted) break;
  }
  return { text, result, applied };
}

const MAX_SINGLE_ATTEMPTS = 50;

function ownFixes(result: FileLintResult, file: string, rejected: ReadonlySet<string>): Finding[] {
  return fixable(result.findings).filter((finding) => finding.file === file && !rejected.has(identity(finding)));
}

/** A finding is the same across passes when rule, resource and property are (lines move). */
function identity(finding: Finding): string {
  return [finding.ruleId, finding.resource?.type ?? '', finding.resource?.name ?? '', finding.path ?? '', finding.severity].join('\u0000');
}

function introducesFindings(before: FileLintResult, after: FileLintResult): boolean {
  const known = new Set(before.findings.map(identity));
  return after.findings.some((finding) => finding.severity !== 'info' && !finding.suppressed && !known.has(identity(finding)));
}

/** A fix that --fix declined is not offered ("can be fixed") in the report either. */
function withoutRejectedFixes(result: FileLintResult, rejected: ReadonlySet<string>): FileLintResult {
  if (rejected.size === 0) return result;
  return { ...result, findings: result.findings.map((finding) => (finding.fix && rejected.has(identity(finding)) ? { ...finding, fix: undefined } : finding)) };
}

export async function unifiedDiff(file: string, before: string, after: string): Promise<string> {
  // Only --fix-dry-run needs a diff: keep the library out of start-up.
  const { createTwoFilesPatch } = await import('diff');
  const name = file.replace(/\\/g, '/').replace(/^\/+/, '');
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
}
