/** `patchwise lint [paths..]`: lint ARM templates and print findings. */
import { existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { ConfigSuppressions } from '../engine/suppressions.js';
import { resolveSettings } from '../engine/config.js';
import { CORE_RULES } from '../engine/core-rules.js';
import type { Finding, LintResult, LintSummary, RuleDescriptor } from '../engine/finding.js';
import { internalErrorFinding, isEnabled, lintTemplate, unreadableFileFinding, type FileLintResult, type LintContext, type LintInput, type TextInput } from '../engine/lint.js';
import { packageVersion } from '../engine/package-info.js';
import { docsUrl, type AnyRule } from '../engine/rule.js';
import { formatters, type FormatName } from '../report/index.js';
import { redactJsonText } from '../report/redact.js';
import type { SourceDocument } from '../template/json.js';
import { loadConfig } from './config-file.js';
import { fixable, fixFile, unifiedDiff } from './fix.js';
import { displayPath, findTemplates, ignoreMatcher, parametersFileFor, UsageError, type Candidate } from './files.js';
import { readAtRevision } from './git.js';
import { useColor, type CliIO } from './io.js';
import { checkBaseline, loadCandidate, readOptionFile, readParametersOption } from './template-inputs.js';
import { BicepSupport } from './bicep-support.js';
import { encodeText, readTextFile, type TextEncoding } from './text-file.js';
import { rewriteFile, WriteError, writeReport } from './write-file.js';

export interface LintArgs {
  paths: string[];
  format: FormatName;
  output?: string;
  config?: string;
  maxWarnings?: number;
  quiet: boolean;
  parameters?: string;
  baseline?: string;
  baselineRef?: string;
  today?: string;
  /** Days ahead in which an expiring SAS token is a warning. */
  sasHorizon?: number;
  inventory?: string;
  /** Evaluate rules for each allowedValues entry of deciding parameters (default true). */
  allowedValues?: boolean;
  /** Apply the fixes of fixable findings to the files. */
  fix?: boolean;
  /** Print the fixes as a diff, write nothing. */
  fixDryRun?: boolean;
}

export async function runLint(args: LintArgs, io: CliIO): Promise<number> {
  if (args.baseline && args.baselineRef) throw new UsageError('use either --baseline or --baseline-ref, not both');
  if (args.maxWarnings !== undefined && (!Number.isInteger(args.maxWarnings) || args.maxWarnings < 0)) {
    throw new UsageError('--max-warnings takes a whole number of 0 or more');
  }
  const today = parseToday(args.today);
  if (args.sasHorizon !== undefined && (!Number.isInteger(args.sasHorizon) || args.sasHorizon < 0)) {
    throw new UsageError('--sas-horizon takes a whole number of days, 0 or more');
  }
  if (args.fix && args.fixDryRun) throw new UsageError('use either --fix or --fix-dry-run, not both');
  const inventory = args.inventory ? (await import('../inventory/load.js')).loadInventory(resolve(io.cwd, args.inventory), args.inventory) : undefined;
  const loaded = loadConfig(io.cwd, args.config);
  const { ALL_RULES } = await import('../../rules/index.js');
  const settings = resolveSettings(loaded.config, [...ALL_RULES, ...Object.values(CORE_RULES)]);
  const suppressions = new ConfigSuppressions(loaded.config.suppressions);
  const candidates = findTemplates(args.paths.length > 0 ? args.paths : ['.'], io.cwd, ignoreMatcher(loaded.config.ignore, loaded.baseDir));
  if (candidates.length === 0) throw new UsageError(`no ARM templates or Bicep files found in ${args.paths.join(', ') || '.'}`);
  const bicep = await BicepSupport.load([...candidates.map((candidate) => candidate.path), args.parameters ?? ''], io.cwd, loaded.config.bicep, loaded.baseDir);
  const explicitParameters = args.parameters ? readParametersOption(resolve(io.cwd, args.parameters), io.cwd, bicep) : undefined;
  const baselineRoot = args.baseline ? resolve(io.cwd, args.baseline) : undefined;
  const baselineIsFolder = baselineRoot ? isFolder(baselineRoot, args.baseline!) : false;
  const context: LintContext = {
    rules: ALL_RULES,
    settings,
    suppressions,
    relativeToConfig: (file: string) => relative(loaded.baseDir, resolve(io.cwd, file)).split(sep).join('/'),
    today,
    sasHorizonDays: args.sasHorizon,
    inventory,
    allowedValues: args.allowedValues,
  };
  const lintEnabled = (input: LintInput, document?: SourceDocument): FileLintResult => {
    const raw = lintTemplate(input, context, { document });
    return { ...raw, findings: raw.findings.filter((finding) => isEnabled(finding, settings)) };
  };

  const findings: Finding[] = [];
  const diffs: string[] = [];
  const fixes = { files: 0, applied: 0, failed: 0 };
  let files = 0;
  let resources = 0;
  let templates = 0;
  for (const candidate of candidates) {
    const loadedFile = loadCandidate(candidate, bicep);
    if (loadedFile.kind === 'skipped') {
      if (loadedFile.note) io.stderr(`patchwise: ${loadedFile.note}\n`);
      continue;
    }
    files += 1;
    if (loadedFile.kind === 'broken') {
      const result = loadedFile.input ? lintEnabled(loadedFile.input) : { findings: [unreadableFileFinding(loadedFile.file, loadedFile.reason, context)] };
      findings.push(...result.findings.filter((finding) => isEnabled(finding, settings)));
      continue;
    }
    templates += 1;
    try {
      const sibling = explicitParameters ? undefined : siblingParameters(candidate.path, io.cwd);
      if (sibling && !sibling.ok) findings.push(unreadableFileFinding(sibling.file, `cannot read the file: ${sibling.reason}`, context));
      const lintInput: LintInput = {
        ...loadedFile.input,
        reader: loadedFile.reader,
        parameters: explicitParameters ?? (sibling?.ok ? sibling.input : undefined),
        baseline: baselineFor(candidate, args, baselineRoot, baselineIsFolder, io, bicep),
      };
      let result = lintEnabled(lintInput, loadedFile.document);
      if ((args.fix || args.fixDryRun) && fixable(result.findings).length > 0) {
        const outcome = fixFile(lintInput, result, lintEnabled);
        result = outcome.result;
        if (outcome.text !== lintInput.text) {
          if (args.fixDryRun) {
            diffs.push(await unifiedDiff(candidate.display, redactJsonText(lintInput.text), redactJsonText(outcome.text)));
            fixes.files += 1;
            fixes.applied += outcome.applied;
          } else if (writeFix(candidate, outcome.text, loadedFile.encoding, io)) {
            fixes.files += 1;
            fixes.applied += outcome.applied;
          } else {
            fixes.failed += 1;
            result = lintEnabled(lintInput, loadedFile.document); // the file is unchanged: report it as it is
          }
        }
      }
      resources += result.resources;
      findings.push(...result.findings);
      for (const note of bicep?.notes.get(candidate.display) ?? []) io.stderr(`patchwise: ${candidate.display}: module not read: ${note}\n`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      findings.push(internalErrorFinding(candidate.display, error, context));
    }
  }
  if (files === 0) throw new UsageError(`no ARM templates or Bicep files found in ${args.paths.join(', ') || '.'}`);

  dropRepeatedFileFindings(findings);
  const summary = summarize(findings, files, resources);
  const shown = args.quiet ? findings.filter((finding) => finding.severity === 'error') : findings;
  const result: LintResult = { findings: shown, summary, rules: describeRules(ALL_RULES), version: packageVersion() };
  const text = formatters[args.format](result, { color: useColor(io, Boolean(args.output)), cwd: io.cwd });
  const writeOutput = () => writeReport(resolve(io.cwd, args.output!), text, { cwd: io.cwd, inputs: inputsOf(candidates, args, io.cwd) });
  if (args.fixDryRun) {
    // The diff is the output; the report only goes to --output when asked for.
    io.stdout(diffs.join(''));
    if (args.output) writeOutput();
    io.stderr(`patchwise: ${plural(fixes.applied, 'fix', 'fixes')} in ${plural(fixes.files, 'file')} would be applied (dry run: nothing written)\n`);
  } else {
    if (args.output) writeOutput();
    else if (text) io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    if (args.fix) io.stderr(`patchwise: applied ${plural(fixes.applied, 'fix', 'fixes')} in ${plural(fixes.files, 'file')}\n`);
  }
  if (templates === 0 && summary.errors === 0) io.stderr('patchwise: no ARM templates among the files named\n');

  if (fixes.failed > 0) return 2;
  if (summary.errors > 0) return 1;
  if (args.maxWarnings !== undefined && summary.warnings > args.maxWarnings) {
    io.stderr(`patchwise: ${summary.warnings} warnings, more than --max-warnings ${args.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** A file-level finding reached twice (a parameters file found in the scan and beside its template) is one finding. */
function dropRepeatedFileFindings(findings: Finding[]): void {
  const seen = new Set<string>();
  let kept = 0;
  for (const finding of findings) {
    const key = finding.resource ? undefined : [finding.ruleId, finding.file, finding.line, finding.column, finding.message].join('\u0000');
    if (key !== undefined && seen.has(key)) continue;
    if (key !== undefined) seen.add(key);
    findings[kept++] = finding;
  }
  findings.length = kept;
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** Write a fixed file back in its own encoding; false (with a message) when it cannot be written. */
function writeFix(candidate: Candidate, text: string, encoding: TextEncoding, io: CliIO): boolean {
  try {
    rewriteFile(candidate.path, encodeText(text, encoding));
    return true;
  } catch (error) {
    if (!(error instanceof WriteError)) throw error;
    io.stderr(`patchwise: fixes not applied to ${candidate.display}: ${error.message}\n`);
    return false;
  }
}

/** Every file this run reads: `--output` may not name one of them. */
function inputsOf(candidates: readonly Candidate[], args: LintArgs, cwd: string): string[] {
  return [...candidates.map((candidate) => candidate.path), ...[args.parameters, args.baseline, args.config, args.inventory].filter((path): path is string => Boolean(path)).map((path) => resolve(cwd, path))];
}

/** `<template>.parameters.json` beside the template; one that cannot be read is a finding on it, not a crash. */
function siblingParameters(template: string, cwd: string): { ok: true; input: TextInput } | { ok: false; file: string; reason: string } | undefined {
  const path = parametersFileFor(template);
  if (!path) return undefined;
  const file = displayPath(path, cwd);
  const read = readTextFile(path);
  return read.ok ? { ok: true, input: { file, text: read.file.text } } : { ok: false, file, reason: read.reason };
}

function parseToday(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime())) throw new UsageError(`--today takes a date as YYYY-MM-DD, not '${value}'`);
  return date;
}

function isFolder(path: string, given: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new UsageError(`--baseline: no such file or folder: ${given}`);
  }
}

/** The previous version of a template: `--baseline` file or folder (same relative path), or the file at `--baseline-ref`. */
function baselineFor(candidate: Candidate, args: LintArgs, root: string | undefined, isFolderBaseline: boolean, io: CliIO, bicep: BicepSupport | undefined): TextInput | null | undefined {
  if (args.baselineRef) {
    const text = readAtRevision(candidate.path, args.baselineRef);
    return text === null ? null : checkBaseline({ file: `${candidate.display}@${args.baselineRef}`, text }, '--baseline-ref', bicep);
  }
  if (!root) return undefined;
  if (!isFolderBaseline) return checkBaseline(readOptionFile('--baseline', root, io.cwd), '--baseline', bicep);
  const path = resolve(root, candidate.display);
  if (!existsSync(path)) return null; // not in the baseline folder: a new file, every resource is new
  return checkBaseline(readOptionFile('--baseline', path, io.cwd), '--baseline', bicep);
}

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

export function describeRules(rules: readonly AnyRule[]): RuleDescriptor[] {
  const core = Object.values(CORE_RULES).map((rule) => ({ id: rule.id, severity: rule.severity, summary: rule.summary, requirements: [...rule.requirements], docsUrl: docsUrl(rule.id) }));
  return [...rules.map((rule) => ({ id: rule.id, severity: rule.severity, summary: rule.summary, requirements: rule.requirements, docsUrl: docsUrl(rule.id) })), ...core];
}
