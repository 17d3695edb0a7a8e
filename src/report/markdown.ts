/**
 * A pull-request comment: summary table, findings, suppressed findings folded away. GitHub rejects
 * comments over 65,536 characters, so the comment keeps to a budget: rows are added while they
 * fit, then one line says how many more there are. Rule links are reference-style, written once.
 */
import type { Finding } from '../engine/finding.js';
import type { Formatter } from './types.js';

/** Under GitHub's 65,536-character limit, with room for a bot's own header. */
export const MARKDOWN_BUDGET = 60_000;

export function escapeMarkdown(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, '\\`').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

const ICON = { error: '🔴 error', warning: '🟡 warning', info: '🔵 info' } as const;
const TABLE_HEAD = ['| where | severity | rule | resource | message |', '| --- | --- | --- | --- | --- |'];

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function row(finding: Finding, docs: Map<string, string>, linked: Set<string>): string {
  const rule = docs.has(finding.ruleId) ? `[${finding.ruleId}]` : escapeMarkdown(finding.ruleId);
  if (docs.has(finding.ruleId)) linked.add(finding.ruleId);
  const resource = finding.resource ? escapeMarkdown(finding.resource.name) : '';
  return `| ${escapeMarkdown(finding.file)}:${finding.line} | ${ICON[finding.severity]} | ${rule} | ${resource} | ${escapeMarkdown(finding.message)} |`;
}

/** Rows while they fit in `budget` characters; the rest counted. */
function rowsWithin(findings: Finding[], docs: Map<string, string>, linked: Set<string>, budget: number): { rows: string[]; left: number; used: number } {
  const rows: string[] = [];
  let used = 0;
  for (const finding of findings) {
    const line = row(finding, docs, linked);
    if (used + line.length + 1 > budget) break;
    rows.push(line);
    used += line.length + 1;
  }
  return { rows, left: findings.length - rows.length, used };
}

export const markdown: Formatter = (result) => {
  const { errors, warnings, infos, suppressed, files, resources } = result.summary;
  const docs = new Map(result.rules.map((rule) => [rule.id, rule.docsUrl]));
  const visible = result.findings.filter((finding) => !finding.suppressed);
  const hidden = result.findings.filter((finding) => finding.suppressed);
  const linked = new Set<string>();
  const out = ['## patchwise', ''];
  out.push(`Linted ${plural(files, 'template')} (${plural(resources, 'compute resource')}).`, '');
  out.push('| errors | warnings | infos | suppressed |', '| ---: | ---: | ---: | ---: |', `| ${errors} | ${warnings} | ${infos} | ${suppressed} |`, '');
  // Room for the links written at the end: one line per rule at most.
  const linkRoom = [...docs].reduce((sum, [id, url]) => sum + id.length + url.length + 6, 0);
  let budget = MARKDOWN_BUDGET - out.join('\n').length - linkRoom - 400;
  if (visible.length === 0) out.push('No problems found.', '');
  else {
    const shown = rowsWithin(visible, docs, linked, budget);
    budget -= shown.used;
    out.push(...TABLE_HEAD, ...shown.rows, '');
    if (shown.left > 0) out.push(`… and ${plural(shown.left, 'more finding')} (the full report: \`--format json\` or \`--format sarif\`).`, '');
  }
  if (hidden.length > 0) {
    const shown = rowsWithin(hidden, docs, linked, Math.max(0, budget));
    out.push(`<details><summary>${hidden.length} suppressed</summary>`, '', ...TABLE_HEAD, ...shown.rows, '');
    if (shown.left > 0) out.push(`… and ${shown.left} more.`, '');
    out.push('</details>', '');
  }
  for (const id of [...linked].sort()) out.push(`[${id}]: ${docs.get(id)}`);
  return `${out.join('\n')}${linked.size > 0 ? '\n' : ''}`;
};
