/**
 * The result every formatter takes (`LintResult`), built from the findings of the files linted:
 * counts by severity, the rules' descriptions for SARIF and links, and the tool's version.
 */
import { CORE_RULES } from './core-rules.js';
import type { Finding, LintResult, LintSummary, RuleDescriptor } from './finding.js';
import type { FileLintResult } from './lint.js';
import { packageVersion } from './package-info.js';
import { docsUrl, type AnyRule } from './rule.js';

export function summarize(findings: readonly Finding[], files: number, resources: number): LintSummary {
  const summary: LintSummary = { files, resources, errors: 0, warnings: 0, infos: 0, suppressed: 0, fixable: 0 };
  for (const finding of findings) {
    if (finding.suppressed) {
      summary.suppressed += 1;
      continue;
    }
    if (finding.severity === 'error') summary.errors += 1;
    else if (finding.severity === 'warning') summary.warnings += 1;
    else summary.infos += 1;
    if (finding.fix) summary.fixable += 1;
  }
  return summary;
}

/** The rules that ran, and the core rules (parse errors…) that any lint can report. */
export function describeRules(rules: readonly AnyRule[]): RuleDescriptor[] {
  const core = Object.values(CORE_RULES).map((rule) => ({
    id: rule.id,
    severity: rule.severity,
    summary: rule.summary,
    requirements: [...rule.requirements],
    docsUrl: docsUrl(rule.id),
  }));
  return [
    ...rules.map((rule) => ({ id: rule.id, severity: rule.severity, summary: rule.summary, requirements: rule.requirements, docsUrl: docsUrl(rule.id) })),
    ...core,
  ];
}

/** What `lintTemplate` returned for each file, as one result for `formatters.*` (library use). */
export function buildLintResult(files: readonly FileLintResult[], rules: readonly AnyRule[]): LintResult {
  const findings = files.flatMap((file) => file.findings);
  const resources = files.reduce((total, file) => total + file.resources, 0);
  return { findings, summary: summarize(findings, files.length, resources), rules: describeRules(rules), version: packageVersion() };
}
