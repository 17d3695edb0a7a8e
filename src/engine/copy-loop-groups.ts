/**
 * Copy-loop grouping (issue 14): a copy loop of 800 instances that all fail the same way at one
 * source line is one finding with `instances: 800`, not 800 identical rows. Only findings of one
 * declaration are grouped (a variable read by two declarations reports at one line for both, and
 * those stay apart), and only when everything a user sees or applies is equal: rule, message,
 * place, severity, suppression and fix (the same edit of the shared declaration).
 */
import type { Finding } from './finding.js';

/** The declaration a rule finding came from (set where the finding is made; engine findings have none). */
const declarations = new WeakMap<Finding, string>();

export function noteDeclaration(finding: Finding, file: string, declarationPath: readonly (string | number)[]): void {
  declarations.set(finding, `${file}\u0000${declarationPath.join('\u0000')}`);
}

/** The suffix every format shows after the message of a grouped finding. */
function instancesSuffix(instances: number): string {
  return ` (${instances} copy-loop instances)`;
}

/** Findings of instances of one declaration that are equal as reported become one, in first-instance order. */
export function groupCopyLoopFindings(findings: Finding[]): Finding[] {
  const keys = new Map<Finding, string>();
  const counts = new Map<string, number>();
  for (const finding of findings) {
    const declaration = declarations.get(finding);
    if (declaration === undefined) continue;
    const key = groupKey(declaration, finding);
    keys.set(finding, key);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === keys.size) return findings; // nothing to group
  const out: Finding[] = [];
  const done = new Set<string>();
  for (const finding of findings) {
    const key = keys.get(finding);
    const count = key === undefined ? 1 : counts.get(key)!;
    if (count === 1) out.push(finding);
    else if (!done.has(key!)) {
      done.add(key!);
      out.push({ ...finding, message: `${finding.message}${instancesSuffix(count)}`, instances: count });
    }
  }
  return out;
}

function groupKey(declaration: string, finding: Finding): string {
  const { ruleId, messageId, message, severity, file, line, column, endLine, endColumn, path, suppressed, fix } = finding;
  return JSON.stringify([declaration, ruleId, messageId, message, severity, file, line, column, endLine, endColumn, path, suppressed, fix]);
}
