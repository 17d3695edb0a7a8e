/** Problems found while expanding: limits reached, budgets spent, and how expressions are shown in messages. */
import type { JsonPath } from '../json.js';
import { Unknown } from '../unknown.js';
import type { Frame } from './frame.js';

export function reportLimit(frame: Frame, path: JsonPath, message: string): void {
  frame.expansion.diagnostics.push({ code: 'expansion-limit', message, document: frame.document, path: path.slice() });
}

/** A limit of limits.ts, reported once per message and place (a copy loop hits it at every index). */
export function reportEvaluationLimit(frame: Frame, path: JsonPath, message: string): void {
  const expansion = frame.expansion;
  // Once the budget is spent every later expression fails too: one note says so.
  const key = expansion.budget.exhausted ? 'budget' : `${message}\u0000${path.join('\u0000')}`;
  if (expansion.reportedEvaluationLimits.has(key)) return;
  expansion.reportedEvaluationLimits.add(key);
  reportLimit(
    frame,
    path,
    expansion.budget.exhausted
      ? `${expansion.budget.exhaustedMessage()}: values from here on are unknown (first at ${abbreviate(describePath(path))})`
      : message,
  );
}

/** The value of an expansion that ran out of budget. */
export function budgetSpent(frame: Frame, path: JsonPath): Unknown {
  reportEvaluationLimit(frame, path, frame.expansion.budget.exhaustedMessage());
  return new Unknown('(not expanded)', frame.expansion.budget.exhaustedMessage());
}

function describePath(path: JsonPath): string {
  return path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`))
    .join('')
    .slice(1);
}

/**
 * The expression as shown in a message: string literals elided (they hold URLs with SAS
 * signatures, passwords split over `concat` arguments), except the names given to `parameters()`
 * and `variables()`, which say what the expression reads.
 */
export function abbreviate(text: string): string {
  const shown = elideStringLiterals(text);
  return shown.length > 120 ? `${shown.slice(0, 117)}...` : shown;
}

const NAME_FUNCTION = /(?:parameters|variables)\s*\(\s*$/i;

export function elideStringLiterals(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "'") {
      out += text[i++];
      continue;
    }
    let end = i + 1;
    while (end < text.length && !(text[end] === "'" && text[end + 1] !== "'")) end += text[end] === "'" ? 2 : 1;
    const literal = text.slice(i, end + 1);
    out += NAME_FUNCTION.test(out.slice(-40)) && literal.length <= 82 ? literal : "'…'";
    i = end + 1;
  }
  return out;
}
