/** Output formats: each takes the lint result and returns text. */
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import { redactSecrets } from './redact.js';
import type { LintResult } from '../engine/finding.js';
import type { Formatter } from './types.js';

export type { FormatOptions, Formatter } from './types.js';
export { redactSecrets } from './redact.js';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'junit' | 'github' | 'markdown';

/** Every text a template controls (messages quote values, names are evaluated) is redacted before any formatter sees it. */
function redactResult(result: LintResult): LintResult {
  return {
    ...result,
    findings: result.findings.map((finding) => ({
      ...finding,
      message: redactSecrets(finding.message),
      ...(finding.resource ? { resource: { type: finding.resource.type, name: redactSecrets(finding.resource.name) } } : {}),
      ...(finding.suppressed?.reason ? { suppressed: { ...finding.suppressed, reason: redactSecrets(finding.suppressed.reason) } } : {}),
    })),
  };
}

const redacting = (formatter: Formatter): Formatter => (result, options) => formatter(redactResult(result), options);

export const formatters: Record<FormatName, Formatter> = {
  stylish: redacting(stylish),
  json: redacting(json),
  sarif: redacting(sarif),
  junit: redacting(junit),
  github: redacting(github),
  markdown: redacting(markdown),
};
