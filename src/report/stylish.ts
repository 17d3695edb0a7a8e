/** Human output grouped by file, like ESLint's stylish formatter. Nothing at all when there is nothing to say. */
import { createColors } from 'picocolors';
import type { Finding } from '../engine/finding.js';
import type { Formatter } from './types.js';

export const stylish: Formatter = (result, options) => {
  const c = createColors(options.color);
  const visible = result.findings.filter((finding) => !finding.suppressed);
  const { errors, warnings, infos, suppressed, fixable } = result.summary;
  if (visible.length === 0) {
    return suppressed > 0 ? `${c.dim(`${suppressed} suppressed finding${suppressed === 1 ? '' : 's'}, no other problems`)}\n` : '';
  }
  const byFile = new Map<string, Finding[]>();
  for (const finding of visible) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  const lines: string[] = [];
  for (const [file, findings] of byFile) {
    lines.push(c.underline(file));
    const position = (finding: Finding) => `${finding.line}:${finding.column}`;
    const width = Math.max(...findings.map((finding) => position(finding).length));
    for (const finding of findings) {
      const severity = finding.severity === 'error' ? c.red('error  ') : finding.severity === 'warning' ? c.yellow('warning') : c.blue('info   ');
      const resource = finding.resource ? c.dim(` (${finding.resource.name})`) : '';
      lines.push(`  ${c.dim(position(finding).padEnd(width))}  ${severity}  ${finding.message}${resource}  ${c.dim(finding.ruleId)}`);
    }
    lines.push('');
  }
  const total = errors + warnings + infos;
  const counts = `${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info${infos === 1 ? '' : 's'})`;
  const summary = `${errors > 0 ? '✖' : '⚠'} ${counts}${suppressed ? `, ${suppressed} suppressed` : ''}`;
  lines.push(errors > 0 ? c.bold(c.red(summary)) : c.bold(c.yellow(summary)));
  if (fixable > 0) lines.push(c.dim(`  ${fixable} of them can be fixed with --fix`));
  return `${lines.join('\n')}\n`;
};
