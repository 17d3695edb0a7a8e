/**
 * Suppression comments, for a property or any line: `// patchwise-disable-next-line rule-id[, rule-id] reason`
 * suppresses those rules' findings on the next line, `// patchwise-disable-line …` on its own line
 * (block comments work too). ARM accepts comments in templates; Bicep and TypeScript have them.
 * A finding suppressed this way is kept and marked inline, like a `metadata.patchwise` suppression.
 */
import type { CommentSpan, Position } from '../template/json.js';

export interface Directive {
  /** The line whose findings it suppresses (1-based). */
  targetLine: number;
  /** Where the comment is, for findings about the directive itself. */
  line: number;
  column: number;
  /** Rule ids or globs (`guest-patching/*`). */
  rules: string[];
  reason?: string;
}

const KEYWORD = /patchwise-disable-(next-line|line)\b/;
const ID = '[A-Za-z0-9*?{}/._-]+';
const ID_ONLY = new RegExp(`^${ID}(?:,${ID})*,?$`);
const RULES_THEN_REASON = new RegExp(`^\\s*(${ID}(?:\\s*,\\s*${ID})*)([\\s\\S]*)$`);

/** The directives in a text whose comments start with `//` or `/*`: at `spans` when the reader knows them, else found outside `"` strings. */
export function readDirectives(text: string, positionAt: (offset: number) => Position, spans?: readonly CommentSpan[]): Directive[] {
  // No comments (strict JSON), or none can be a directive: no scan of the whole text.
  if (spans?.length === 0 || !text.includes('patchwise-disable')) return [];
  const directives: Directive[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (const comment of spans ?? comments(text)) {
    const body = text.slice(comment.start + 2, comment.block ? comment.end - 2 : comment.end);
    const keyword = KEYWORD.exec(body);
    if (!keyword || body.slice(0, keyword.index).trim() !== '') continue;
    const { rules, reason } = parseRest(body.slice(keyword.index + keyword[0].length));
    if (rules.length === 0) continue;
    const { line, column } = positionAt(comment.start);
    const endLine = positionAt(comment.end - 1).line;
    directives.push({ targetLine: keyword[1] === 'next-line' ? nextCodeLine(lines, endLine) : line, line, column, rules, reason });
  }
  return directives;
}

/** The first line after `line` that is not blank or only a line comment (several directives may stack). */
function nextCodeLine(lines: readonly string[], line: number): number {
  let next = line + 1;
  while (next <= lines.length && /^\s*(\/\/.*)?$/.test(lines[next - 1])) next++;
  return next;
}

/**
 * `rule-a, rule-b the reason`, `rule-a rule-b -- the reason`: the first word is a rule id (or a
 * comma-separated list); later words are ids while they contain a `/` (every rule id of a group
 * does), the rest is the reason.
 */
function parseRest(rest: string): { rules: string[]; reason?: string } {
  const match = RULES_THEN_REASON.exec(rest);
  if (!match) return { rules: [] };
  const rules = match[1].split(',').map((id) => id.trim());
  const words = match[2].trim().split(/\s+/).filter(Boolean);
  while (words.length > 0 && words[0].includes('/') && ID_ONLY.test(words[0])) rules.push(...words.shift()!.split(',').filter(Boolean));
  const reason = words.join(' ').replace(/^--\s*/, '');
  return { rules, reason: reason || undefined };
}

function* comments(text: string): Generator<CommentSpan> {
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== ch) i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (ch === '/' && text[i + 1] === '/') {
      const start = i;
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      yield { start, end: i, block: false };
    } else if (ch === '/' && text[i + 1] === '*') {
      const start = i;
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
      yield { start, end: i, block: true };
    } else {
      i++;
    }
  }
}

/** Which directives and metadata suppressions matched nothing, and which name rules that do not exist. */
export interface DirectiveProblem {
  kind: 'unused' | 'unknown-rule';
  line: number;
  column: number;
  message: string;
}

/**
 * Mark the findings a directive covers as suppressed (inline), and say which directives matched
 * nothing or name an unknown rule. `matches(patterns, ruleId)` is the suppression glob matcher;
 * `active(ruleId)` tells whether a rule ran (a directive for a rule switched off is not unused);
 * `suppressible(ruleId)` is false for findings that say a file was not checked (a Bicep
 * declaration that does not parse), which a comment must not hide.
 */
export function applyDirectives(
  findings: Array<{ ruleId: string; line: number; file: string; suppressed?: { kind: 'inline' | 'config'; reason?: string } }>,
  file: string,
  directives: readonly Directive[],
  rules: {
    known: ReadonlySet<string>;
    active: (ruleId: string) => boolean;
    matches: (patterns: string[], ruleId: string) => boolean;
    suppressible: (ruleId: string) => boolean;
  },
): DirectiveProblem[] {
  const problems: DirectiveProblem[] = [];
  for (const directive of directives) {
    let used = false;
    for (const finding of findings) {
      if (
        finding.file !== file ||
        finding.line !== directive.targetLine ||
        !rules.suppressible(finding.ruleId) ||
        !rules.matches(directive.rules, finding.ruleId)
      )
        continue;
      used = true;
      if (!finding.suppressed) finding.suppressed = { kind: 'inline', reason: directive.reason };
    }
    const unknown = directive.rules.filter((id) => !/[*?{]/.test(id) && !rules.known.has(id));
    if (unknown.length > 0)
      problems.push({
        kind: 'unknown-rule',
        line: directive.line,
        column: directive.column,
        message: `suppression names ${unknown.map((id) => `'${id}'`).join(', ')}, which ${unknown.length === 1 ? 'is not a rule' : 'are not rules'} (see 'patchwise rules')`,
      });
    else if (!used && directive.rules.some((id) => [...rules.known].some((known) => rules.matches([id], known) && rules.active(known)))) {
      problems.push({
        kind: 'unused',
        line: directive.line,
        column: directive.column,
        // No line number in the message: it is part of the SARIF fingerprint, which must survive lines added above.
        message: `this suppression of ${directive.rules.join(', ')} matches no finding on ${directive.targetLine === directive.line ? 'its line' : 'the next line'}: remove it`,
      });
    }
  }
  return problems;
}
