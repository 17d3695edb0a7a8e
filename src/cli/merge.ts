/**
 * `patchwise merge REPORT...`: join the reports of `lint --shard i/n` jobs into one. JSON reports
 * (schemas/findings.schema.json) become one report in any format; SARIF logs become one SARIF log
 * (results of every run, rules by id). The CI system's job matrix is the distributed engine: this
 * only adds the results up, and exits 1 when the merged findings hold an error, like lint.
 */
import { resolve } from 'node:path';
import type { Finding, LintResult } from '../engine/finding.js';
import { packageVersion } from '../engine/package-info.js';
import { formatters, type FormatName } from '../report/index.js';
import { describeRules, summarize } from '../engine/lint-result.js';
import { UsageError } from './files.js';
import { repositoryRoot } from './git.js';
import type { CliIO } from './io.js';
import { readOptionFile } from './template-inputs.js';
import { writeReport } from './write-file.js';

export interface MergeArgs {
  reports: string[];
  format: FormatName;
  output?: string;
  maxWarnings?: number;
}

interface JsonReport {
  findings: Finding[];
  summary: { files: number; resources: number };
}

interface SarifLog {
  version: string;
  runs: Array<
    {
      tool: { driver: { rules?: Array<{ id: string }> } };
      results?: Array<Record<string, unknown> & { ruleId?: string; ruleIndex?: number; level?: string }>;
    } & Record<string, unknown>
  >;
}

export async function runMerge(args: MergeArgs, io: CliIO): Promise<number> {
  if (args.reports.length === 0) throw new UsageError('name the reports to merge (the JSON or SARIF files of lint --shard jobs)');
  const documents = args.reports.map((file) => ({ file, value: parseReport(file, io.cwd) }));
  const sarifInputs = documents.filter((document) => isSarif(document.value));
  let text: string;
  let errors: number;
  let warnings: number;
  if (sarifInputs.length > 0) {
    if (sarifInputs.length !== documents.length || args.format !== 'sarif')
      throw new UsageError('SARIF logs merge into SARIF only (--format sarif); merge JSON reports for the other formats');
    const merged = mergeSarif(sarifInputs.map((document) => document.value as SarifLog));
    text = `${JSON.stringify(merged, null, 2)}\n`;
    const levels = merged.runs[0].results?.filter((result) => !result.suppressions).map((result) => result.level) ?? [];
    errors = levels.filter((level) => level === 'error').length;
    warnings = levels.filter((level) => level === 'warning').length;
  } else {
    const reports = documents.map((document) => asJsonReport(document.file, document.value));
    const findings = reports.flatMap((report) => report.findings);
    const summary = summarize(
      findings,
      reports.reduce((sum, report) => sum + report.summary.files, 0),
      reports.reduce((sum, report) => sum + report.summary.resources, 0),
    );
    const { ALL_RULES } = await import('../../rules/index.js');
    const result: LintResult = { findings, summary, rules: describeRules(ALL_RULES), version: packageVersion() };
    text = formatters[args.format](result, { color: false, cwd: io.cwd, root: repositoryRoot(io.cwd) });
    errors = summary.errors;
    warnings = summary.warnings;
  }
  if (args.output) writeReport(resolve(io.cwd, args.output), text, { cwd: io.cwd, inputs: args.reports.map((file) => resolve(io.cwd, file)) });
  else io.stdout(text);
  if (errors > 0) return 1;
  return args.maxWarnings !== undefined && warnings > args.maxWarnings ? 1 : 0;
}

function parseReport(file: string, cwd: string): unknown {
  const { text } = readOptionFile('merge', resolve(cwd, file), cwd);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new UsageError(`merge: ${file} is not JSON (a report of patchwise lint --format json or sarif)`);
  }
}

function isSarif(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Array.isArray((value as SarifLog).runs) && typeof (value as SarifLog).version === 'string';
}

function asJsonReport(file: string, value: unknown): JsonReport {
  const report = value as Partial<JsonReport>;
  if (!report || !Array.isArray(report.findings) || typeof report.summary !== 'object' || report.summary === null) {
    throw new UsageError(`merge: ${file} is not a report of patchwise lint --format json`);
  }
  return { findings: report.findings, summary: { files: Number(report.summary.files) || 0, resources: Number(report.summary.resources) || 0 } };
}

/** One run: the first log's tool, every rule once, every result with its rule index renumbered. */
function mergeSarif(logs: SarifLog[]): SarifLog {
  const first = logs[0];
  const rules: Array<{ id: string }> = [];
  const ruleIndex = new Map<string, number>();
  const results: NonNullable<SarifLog['runs'][number]['results']> = [];
  for (const log of logs) {
    for (const run of log.runs) {
      for (const rule of run.tool.driver.rules ?? []) {
        if (ruleIndex.has(rule.id)) continue;
        ruleIndex.set(rule.id, rules.length);
        rules.push(rule);
      }
      for (const result of run.results ?? []) {
        const index = result.ruleId !== undefined ? ruleIndex.get(result.ruleId) : undefined;
        results.push(index === undefined ? result : { ...result, ruleIndex: index });
      }
    }
  }
  const run = first.runs[0] ?? { tool: { driver: {} } };
  return { ...first, runs: [{ ...run, tool: { ...run.tool, driver: { ...run.tool.driver, rules } }, results }] };
}
