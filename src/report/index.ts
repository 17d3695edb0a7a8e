/** Output formats: each takes the lint result and returns text. */
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import { redactJsonText, redactSecrets } from './redact.js';
import { neutralizeControls } from './neutralize.js';
import type { Finding, Fix, LintResult } from '../engine/finding.js';
import type { Formatter } from './types.js';

export type { FormatOptions, Formatter } from './types.js';
export { redactJsonText, redactSecrets } from './redact.js';
export { mapStrings, neutralizeControls } from './neutralize.js';

import type { FormatName } from './formats.js';

export type { FormatName } from './formats.js';

/**
 * Every text a template controls is made safe before any formatter sees it: secrets redacted,
 * control characters neutralized. A fix whose edit would print a secret keeps its description
 * but not its edits (`--fix` still applies it; reports never carry the secret).
 */
export function safeResult(result: LintResult): LintResult {
  return { ...result, findings: result.findings.map(safeFinding) };
}

const safe = (text: string): string => neutralizeControls(redactSecrets(text));

function safeFinding(finding: Finding): Finding {
  const out: Finding = { ...finding, message: safe(finding.message), file: safe(finding.file) };
  if (finding.path !== undefined) out.path = safe(finding.path);
  if (finding.resource) out.resource = { type: safe(finding.resource.type), name: safe(finding.resource.name) };
  if (finding.suppressed?.reason !== undefined) out.suppressed = { ...finding.suppressed, reason: safe(finding.suppressed.reason) };
  if (finding.fix) out.fix = safeFix(finding.fix);
  return out;
}

function safeFix(fix: Fix): Fix {
  const description = safe(fix.description);
  const touchesSecret = fix.edits.some((edit) => redactSecrets(redactJsonText(edit.content)) !== edit.content);
  if (touchesSecret) return { description: `${description} (edit not shown: it holds a secret; apply it with --fix)`, edits: [] };
  return { description, edits: fix.edits };
}

const redacting =
  (formatter: Formatter): Formatter =>
  (result, options) =>
    formatter(safeResult(result), options);

export const formatters: Record<FormatName, Formatter> = {
  stylish: redacting(stylish),
  json: redacting(json),
  sarif: redacting(sarif),
  junit: redacting(junit),
  github: redacting(github),
  markdown: redacting(markdown),
};
