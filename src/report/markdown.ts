/** A pull-request comment: summary table, findings per file, suppressed findings folded away. */
import type { Finding } from '../engine/finding.js';
import type { Formatter } from './types.js';

export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

const ICON = { error: '🔴 error', warning: '🟡 warning', info: '🔵 info' } as const;

function rows(findings: Finding[], docs: Map<string, string>): string[] {
  return findings.map((finding) => {
    const rule = docs.has(finding.ruleId) ? `[${finding.ruleId}](${docs.get(finding.ruleId)})` : finding.ruleId;
    return `| ${escapeMarkdown(finding.file)}:${finding.line} | ${ICON[finding.severity]} | ${rule} | ${escapeMarkdown(finding.message)} |`;
  });
}

export const markdown: Formatter = (result) => {
  const { errors, warnings, infos, suppressed, files, resources } = result.summary;
  const docs = new Map(result.rules.map((rule) => [rule.id, rule.docsUrl]));
  const visible = result.findings.filter((finding) => !finding.suppressed);
  const hidden = result.findings.filter((finding) => finding.suppressed);
  const out = ['## patchwise', ''];
  out.push(`Linted ${files} template${files === 1 ? '' : 's'} (${resources} compute resources).`, '');
  out.push('| errors | warnings | infos | suppressed |', '| ---: | ---: | ---: | ---: |', `| ${errors} | ${warnings} | ${infos} | ${suppressed} |`, '');
  if (visible.length === 0) out.push('No problems found.', '');
  else out.push('| where | severity | rule | message |', '| --- | --- | --- | --- |', ...rows(visible, docs), '');
  if (hidden.length > 0) {
    out.push(`<details><summary>${hidden.length} suppressed</summary>`, '', '| where | severity | rule | message |', '| --- | --- | --- | --- |', ...rows(hidden, docs), '', '</details>', '');
  }
  return `${out.join('\n')}`;
};
