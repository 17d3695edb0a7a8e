/** `patchwise lint [paths..]`: lint ARM templates and print findings. */
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { ConfigSuppressions } from '../engine/suppressions.js';
import { resolveSettings } from '../engine/config.js';
import { CORE_RULES } from '../engine/core-rules.js';
import type { Finding, LintResult } from '../engine/finding.js';
import { describeRules, summarize } from '../engine/lint-result.js';
import { isEnabled, lintTemplate, looksLikeTemplate, type FileLintResult, type LintInput, type TextInput } from '../engine/lint.js';
import { packageVersion } from '../engine/package-info.js';
import { formatters, type FormatName } from '../report/index.js';
import { loadConfig } from './config-file.js';
import { fixable, fixFile, unifiedDiff } from './fix.js';
import { displayPath, findTemplates, ignoreMatcher, parametersFileFor, UsageError, type Candidate } from './files.js';
import { readAtRevision } from './git.js';
import { useColor, writeFileAtomic, type CliIO } from './io.js';

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
  const inventory = args.inventory ? (await import('../inventory/load.js')).loadInventory(resolve(io.cwd, args.inventory), args.inventory) : undefined;
  const loaded = loadConfig(io.cwd, args.config);
  const { ALL_RULES } = await import('../../rules/index.js');
  const settings = resolveSettings(loaded.config, [...ALL_RULES, ...Object.values(CORE_RULES)]);
  const suppressions = new ConfigSuppressions(loaded.config.suppressions);
  const candidates = findTemplates(args.paths.length > 0 ? args.paths : ['.'], io.cwd, ignoreMatcher(loaded.config.ignore, loaded.baseDir));
  if (candidates.length === 0) throw new UsageError(`no ARM templates found in ${args.paths.join(', ') || '.'}`);
  const explicitParameters = args.parameters ? readInput(resolve(io.cwd, args.parameters), io.cwd) : undefined;
  const baselineRoot = args.baseline ? resolve(io.cwd, args.baseline) : undefined;
  const baselineIsFolder = baselineRoot ? isFolder(baselineRoot, args.baseline!) : false;

  const findings: Finding[] = [];
  const diffs: string[] = [];
  let fixedFiles = 0;
  let fixesApplied = 0;
  let files = 0;
  let resources = 0;
  for (const candidate of candidates) {
    const input = readCandidate(candidate, io);
    if (!input) continue;
    if (candidate.explicit && !looksLikeTemplate(input.text, input.file) && looksLikeJson(input.text)) {
      io.stderr(`patchwise: skipped ${candidate.display}: not an ARM deployment template (no deploymentTemplate $schema)\n`);
      continue;
    }
    const parametersPath = explicitParameters ? undefined : parametersFileFor(candidate.path);
    const lintInput: LintInput = {
      ...input,
      parameters: explicitParameters ?? (parametersPath ? readInput(parametersPath, io.cwd) : undefined),
      baseline: baselineFor(candidate, args, baselineRoot, baselineIsFolder, io),
    };
    const context = {
      rules: ALL_RULES,
      settings,
      suppressions,
      relativeToConfig: (file: string) => relative(loaded.baseDir, resolve(io.cwd, file)).split(sep).join('/'),
      today,
      sasHorizonDays: args.sasHorizon,
      inventory,
      allowedValues: args.allowedValues,
    };
    const lintEnabled = (lintInputText: LintInput): FileLintResult => {
      const raw = lintTemplate(lintInputText, context);
      return { ...raw, findings: raw.findings.filter((finding) => isEnabled(finding, settings)) };
    };
    let result = lintEnabled(lintInput);
    if ((args.fix || args.fixDryRun) && fixable(result.findings).length > 0) {
      const outcome = fixFile(lintInput, result, lintEnabled);
      if (outcome.text !== lintInput.text) {
        fixedFiles += 1;
        fixesApplied += outcome.applied;
        if (args.fixDryRun) diffs.push(await unifiedDiff(candidate.display, lintInput.text, outcome.text));
        else writeFileAtomic(candidate.path, outcome.text);
      }
      result = outcome.result;
    }
    files += 1;
    resources += result.resources;
    findings.push(...result.findings.filter((finding) => isEnabled(finding, settings)));
  }

  const summary = summarize(findings, files, resources);
  const shown = args.quiet ? findings.filter((finding) => finding.severity === 'error') : findings;
  const result: LintResult = { findings: shown, summary, rules: describeRules(ALL_RULES), version: packageVersion() };
  const text = formatters[args.format](result, { color: useColor(io, Boolean(args.output)), cwd: io.cwd });
  if (args.fixDryRun) {
    // The diff is the output; the report only goes to --output when asked for.
    io.stdout(diffs.join(''));
    if (args.output) writeFileAtomic(resolve(io.cwd, args.output), text);
    io.stderr(`patchwise: ${fixesApplied} fix(es) in ${fixedFiles} file(s) would be applied (dry run: nothing written)\n`);
  } else {
    if (args.output) writeFileAtomic(resolve(io.cwd, args.output), text);
    else if (text) io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    if (args.fix) io.stderr(`patchwise: applied ${fixesApplied} fix(es) in ${fixedFiles} file(s)\n`);
  }

  if (summary.errors > 0) return 1;
  if (args.maxWarnings !== undefined && summary.warnings > args.maxWarnings) {
    io.stderr(`patchwise: ${summary.warnings} warnings, more than --max-warnings ${args.maxWarnings}\n`);
    return 1;
  }
  return 0;
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

function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text.replace(/^\uFEFF/, ''));
}

function readCandidate(candidate: Candidate, io: CliIO): TextInput | undefined {
  try {
    return { file: candidate.display, text: readFileSync(candidate.path, 'utf8') };
  } catch (error) {
    io.stderr(`patchwise: cannot read ${candidate.display}: ${(error as Error).message}\n`);
    return undefined;
  }
}

function readInput(path: string, cwd: string): TextInput {
  try {
    return { file: displayPath(path, cwd), text: readFileSync(path, 'utf8') };
  } catch (error) {
    throw new UsageError(`cannot read ${displayPath(path, cwd)}: ${(error as Error).message}`);
  }
}

/** The previous version of a template: `--baseline` file or folder (same relative path), or the file at `--baseline-ref`. */
function baselineFor(candidate: Candidate, args: LintArgs, root: string | undefined, isFolderBaseline: boolean, io: CliIO): TextInput | null | undefined {
  if (args.baselineRef) {
    const text = readAtRevision(candidate.path, args.baselineRef);
    return text === null ? null : { file: `${candidate.display}@${args.baselineRef}`, text };
  }
  if (!root) return undefined;
  if (!isFolderBaseline) return readInput(root, io.cwd);
  const path = resolve(root, candidate.display);
  try {
    return { file: displayPath(path, io.cwd), text: readFileSync(path, 'utf8') };
  } catch {
    return null; // not in the baseline folder: a new file, every resource is new
  }
}
