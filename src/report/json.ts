/** The findings JSON: a public contract described by schemas/findings.schema.json. */
import type { Finding } from '../engine/finding.js';
import type { Formatter } from './types.js';

function serializeFinding(finding: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    ...(finding.messageId !== undefined ? { messageId: finding.messageId } : {}),
    file: finding.file,
    line: finding.line,
    column: finding.column,
  };
  if (finding.endLine !== undefined) out.endLine = finding.endLine;
  if (finding.endColumn !== undefined) out.endColumn = finding.endColumn;
  if (finding.resource) out.resource = { type: finding.resource.type, name: finding.resource.name };
  if (finding.path !== undefined) out.path = finding.path;
  out.requirements = finding.requirements;
  if (finding.fix) out.fix = finding.fix;
  if (finding.suppressed) out.suppressed = finding.suppressed;
  if (finding.instances !== undefined) out.instances = finding.instances;
  return out;
}

export const json: Formatter = (result) =>
  `${JSON.stringify({ version: result.version, findings: result.findings.map(serializeFinding), summary: result.summary }, null, 2)}\n`;
