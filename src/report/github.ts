/** GitHub Actions workflow commands: annotations on the pull request's files. */
import { repositoryPath, type Formatter } from './types.js';

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: Formatter = (result, options) => {
  const lines = result.findings
    .filter((finding) => !finding.suppressed)
    .map((finding) => {
      const command = finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'notice';
      const properties = [`file=${escapeProperty(repositoryPath(finding.file, options))}`, `line=${finding.line}`, `col=${finding.column}`];
      if (finding.endLine !== undefined) properties.push(`endLine=${finding.endLine}`);
      properties.push(`title=${escapeProperty(`patchwise ${finding.ruleId}`)}`);
      return `::${command} ${properties.join(',')}::${escapeData(finding.message)}`;
    });
  return lines.length ? `${lines.join('\n')}\n` : '';
};
