/** `patchwise lint [paths..]`: lint ARM templates and print findings. */
import { relative, resolve, sep } from 'node:path';
import { resolveSettings, type LoadedConfig } from '../engine/config.js';
import { CORE_RULES } from '../engine/core-rules.js';
import type { Finding, LintResult } from '../engine/finding.js';
import { describeRules, summarize } from '../engine/lint-result.js';
import {
  internalErrorFinding,
  isEnabled,
  lintTemplate,
  unreadableFileFinding,
  type FileLintResult,
  type LintContext,
  type LintInput,
  type TextInput,
} from '../engine/lint.js';
import { packageVersion } from '../engine/package-info.js';
import type { AnyRule, RuleSetting } from '../engine/rule.js';
import { ConfigSuppressions } from '../engine/suppressions.js';
import { formatters, type FormatName } from '../report/index.js';
import { redactSourceText } from '../report/redact.js';
import { repositoryPath } from '../report/types.js';
import type { SourceDocument } from '../template/json.js';
import { loadConfig } from './config-file.js';
import {
  displayPath,
  findTemplates,
  fromRepositoryRoot,
  ignoreMatcher,
  namesOnlyFiles,
  parametersFileFor,
  UsageError,
  withTemplatesOfParameters,
  type Candidate,
} from './files.js';
import { fixable, fixFile, unifiedDiff } from './fix.js';
import { repositoryRoot } from './git.js';
import { useColor, type CliIO } from './io.js';
import { cacheKey, DEFAULT_CACHE_LOCATION, LintCache } from './lint-cache.js';
import { selectRules } from './rule-selection.js';
import { inShard, parseShard } from './shard.js';
import {
  baselineFor,
  bicepSourcesOf,
  loadCandidate,
  readParametersOption,
  resolveBaseline,
  type LoadedCandidate,
  type ResolvedBaseline,
} from './template-inputs.js';
import { BicepSupport } from './bicep-support.js';
import { encodeText, readTextFile, type TextEncoding } from './text-file.js';
import { ReadOnce } from './read-once.js';
import { reportInputs, rewriteFile, WriteError, writeReport } from './write-file.js';

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
  /** Read one template from standard input (`-`); `stdinFilename` names it. */
  stdin?: boolean;
  stdinFilename?: string;
  /** Only these rules (ids or globs); `skipRule` switches rules off. */
  rule?: string[];
  skipRule?: string[];
  /** Print the configuration that applies to this file, lint nothing. */
  printConfig?: string;
  /** `i/n`: lint only this shard of the files (CI job matrices). */
  shard?: string;
  /** Reuse results of unchanged files; `cacheLocation` is the folder. */
  cache?: boolean;
  cacheLocation?: string;
}

interface Run {
  args: LintArgs;
  io: CliIO;
  rules: readonly AnyRule[];
  settings: Map<string, RuleSetting>;
  context: LintContext;
  loaded: LoadedConfig;
  baseline: ResolvedBaseline;
  explicitParameters?: TextInput;
  /** The Bicep reader, when the run has `.bicep` files (loaded only then). */
  bicep?: BicepSupport;
  /** The run's `.bicep` files, all shards: their compiled JSON is not read again. */
  bicepSources?: ReadonlySet<string>;
  cache?: LintCache;
  /** What decides results besides a file's own inputs (the cache key). */
  runKey: string;
  /** Standard input or files named one by one (pre-commit): none being a template is a note, not a usage error. */
  namedFilesOnly?: boolean;
}

interface Outcome {
  findings: Finding[];
  diffs: string[];
  fixes: { files: number; applied: number; failed: number };
  files: number;
  resources: number;
  templates: number;
}

export async function runLint(given: LintArgs, io: CliIO): Promise<number> {
  validate(given);
  let root: string | undefined | null = null;
  const repository = () => (root === null ? (root = repositoryRoot(io.cwd)) : root);
  const args = { ...given, paths: given.paths.map((path) => fromRepositoryRoot(path, io.cwd, repository)) };
  const run = await prepareRun(args, io);
  if (args.printConfig) return printConfig(run, args.printConfig);
  const candidates = await selectCandidates(run);
  run.bicep = await BicepSupport.load(
    [...candidates.map((candidate) => candidate.path), args.parameters ?? ''],
    io.cwd,
    run.loaded.config.bicep,
    run.loaded.baseDir,
  );
  if (args.parameters) run.explicitParameters = readParametersOption(resolve(io.cwd, args.parameters), io.cwd, run.bicep);
  const outcome = await lintCandidates(run, candidates);
  const unsaved = run.cache?.save();
  if (unsaved) io.stderr(`patchwise: --cache: ${unsaved} (the results were not cached)\n`);
  return report(run, candidates, outcome);
}

function validate(args: LintArgs): void {
  if (args.maxWarnings !== undefined && (!Number.isInteger(args.maxWarnings) || args.maxWarnings < 0)) {
    throw new UsageError('--max-warnings takes a whole number of 0 or more');
  }
  if (args.sasHorizon !== undefined && (!Number.isInteger(args.sasHorizon) || args.sasHorizon < 0)) {
    throw new UsageError('--sas-horizon takes a whole number of days, 0 or more');
  }
  if (args.fix && args.fixDryRun) throw new UsageError('use either --fix or --fix-dry-run, not both');
  if (args.stdin && args.fix) throw new UsageError('--fix cannot write to standard input: use --fix-dry-run');
  if (args.stdin && args.paths.length > 0) throw new UsageError("standard input ('-') is linted alone: name no other paths");
  if (args.stdinFilename && !args.stdin) throw new UsageError("--stdin-filename names the template read from standard input: add '-'");
}

async function prepareRun(args: LintArgs, io: CliIO): Promise<Run> {
  const today = parseToday(args.today);
  const inventoryPath = args.inventory ? resolve(io.cwd, args.inventory) : undefined;
  const inventory = inventoryPath ? (await import('../inventory/load.js')).loadInventory(inventoryPath, args.inventory!) : undefined;
  const loaded = loadConfig(io.cwd, args.config);
  const { ALL_RULES } = await import('../../rules/index.js');
  const settings = selectRules(resolveSettings(loaded.config, [...ALL_RULES, ...Object.values(CORE_RULES)]), args.rule ?? [], args.skipRule ?? []);
  const context: LintContext = {
    rules: ALL_RULES,
    settings,
    suppressions: new ConfigSuppressions(loaded.config.suppressions),
    relativeToConfig: (file: string) => relative(loaded.baseDir, resolve(io.cwd, file)).split(sep).join('/'),
    today,
    sasHorizonDays: args.sasHorizon,
    inventory,
    allowedValues: args.allowedValues,
  };
  // Only --cache needs it (the inventory is read again for it).
  const runKey = args.cache
    ? JSON.stringify([
        [...settings],
        loaded.config.suppressions ?? [],
        today.toISOString().slice(0, 10),
        args.sasHorizon,
        args.allowedValues,
        inventoryPath ? readTextFile(inventoryPath) : null,
      ])
    : '';
  return {
    args,
    io,
    rules: ALL_RULES,
    settings,
    context,
    loaded,
    baseline: resolveBaseline(args, io.cwd, args.paths),
    cache: args.cache && !args.fix && !args.fixDryRun ? LintCache.open(resolve(io.cwd, args.cacheLocation ?? DEFAULT_CACHE_LOCATION)) : undefined,
    runKey,
  };
}

/** The files to lint: standard input, or the paths (files, folders, globs), narrowed to a shard. */
async function selectCandidates(run: Run): Promise<Candidate[]> {
  const { args, io } = run;
  if (args.stdin) {
    if (!io.readStdin) throw new UsageError('standard input cannot be read here');
    const name = args.stdinFilename ?? '<stdin>';
    const path = resolve(io.cwd, name);
    run.namedFilesOnly = true;
    return [{ path, display: displayPath(path, io.cwd), explicit: true, text: await io.readStdin() }];
  }
  const ignore = ignoreMatcher(run.loaded.config.ignore, run.loaded.baseDir);
  const found = findTemplates(args.paths.length > 0 ? args.paths : ['.'], io.cwd, ignore, {
    programs: true,
    onIgnoredFile: (display) => io.stderr(`patchwise: ignored ${display} (an "ignore" glob of the configuration)\n`),
  });
  let candidates = withTemplatesOfParameters(found, io.cwd, ignore);
  run.namedFilesOnly = namesOnlyFiles(args.paths, io.cwd);
  run.bicepSources = bicepSourcesOf(candidates);
  if (args.shard) {
    const shard = parseShard(args.shard);
    const root = repositoryRoot(io.cwd) ?? io.cwd;
    candidates = candidates.filter((candidate) => inShard(repositoryPath(candidate.path, { cwd: io.cwd, root }), shard));
    return candidates;
  }
  if (candidates.length === 0 && !run.namedFilesOnly) throw new UsageError(`no ARM templates or Bicep files found in ${args.paths.join(', ') || '.'}`);
  return candidates;
}

async function lintCandidates(run: Run, candidates: readonly Candidate[]): Promise<Outcome> {
  const outcome: Outcome = { findings: [], diffs: [], fixes: { files: 0, applied: 0, failed: 0 }, files: 0, resources: 0, templates: 0 };
  const progress = startProgress(run.io, candidates.length);
  // --fix rewrites files as it goes: a read kept from before a rewrite could be stale (a file reached by two names).
  // A sibling parameters file is read once, also as a candidate.
  const reads = new ReadOnce(run.args.fix ? [] : candidates.map((candidate) => candidate.path));
  for (const [index, candidate] of candidates.entries()) {
    progress(index);
    const loadedFile = loadCandidate(candidate, run.bicep, { programs: true, bicepSources: run.bicepSources, read: (path) => reads.read(path) });
    if (loadedFile.kind === 'skipped') {
      if (loadedFile.note) run.io.stderr(`patchwise: ${loadedFile.note}\n`);
      continue;
    }
    outcome.files += 1;
    if (loadedFile.kind === 'broken') {
      const findings = loadedFile.input
        ? lintEnabled(run, loadedFile.input).findings
        : [unreadableFileFinding(loadedFile.file, loadedFile.reason, run.context)];
      outcome.findings.push(...findings.filter((finding) => isEnabled(finding, run.settings)));
      continue;
    }
    outcome.templates += 1;
    try {
      if (loadedFile.kind === 'program') await lintProgramFile(run, candidate, loadedFile, outcome);
      else await lintTemplateFile(run, candidate, loadedFile, outcome, reads);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      outcome.findings.push(internalErrorFinding(candidate.display, error, run.context));
    }
  }
  progress(candidates.length);
  return outcome;
}

async function lintTemplateFile(
  run: Run,
  candidate: Candidate,
  loadedFile: Extract<LoadedCandidate, { kind: 'template' }>,
  outcome: Outcome,
  reads: ReadOnce,
): Promise<void> {
  const { io } = run;
  const sibling = run.explicitParameters ? undefined : siblingParameters(candidate, io.cwd, reads);
  if (sibling && !sibling.ok) outcome.findings.push(unreadableFileFinding(sibling.file, `cannot read the file: ${sibling.reason}`, run.context));
  const input: LintInput = {
    ...loadedFile.input,
    reader: loadedFile.reader,
    parameters: run.explicitParameters ?? (sibling?.ok ? sibling.input : undefined),
    baseline: baselineFor(candidate, run.baseline, io.cwd, run.bicep),
  };
  // A Bicep file's result depends on the modules it reads too: not cached.
  const key =
    run.cache && !loadedFile.reader
      ? cacheKey([
          run.runKey,
          input.file,
          run.context.relativeToConfig?.(input.file),
          input.text,
          input.parameters?.file,
          input.parameters?.text,
          input.baseline === null ? 'new' : input.baseline?.text,
        ])
      : undefined;
  await cachedLint(run, key, outcome, () =>
    lintAndFix(run, candidate, input, loadedFile.encoding, outcome, (next) =>
      lintEnabled(run, next, next.text === input.text ? loadedFile.document : undefined),
    ),
  );
  for (const note of run.bicep?.notes.get(candidate.display) ?? []) io.stderr(`patchwise: ${candidate.display}: module not read: ${note}\n`);
}

/** Pulumi programs: ts-morph is loaded with the first one (ARM-only runs never pay for it). */
let programLinter: ((input: LintInput, context: LintContext) => FileLintResult) | undefined;

/** A Pulumi TypeScript program: linted on its own (parameters files are an ARM notion), with its baseline and the cache as templates; fixes as for templates. */
async function lintProgramFile(run: Run, candidate: Candidate, loadedFile: Extract<LoadedCandidate, { kind: 'program' }>, outcome: Outcome): Promise<void> {
  const input: LintInput = { ...loadedFile.input, baseline: baselineFor(candidate, run.baseline, run.io.cwd) };
  const key = run.cache
    ? cacheKey([
        run.runKey,
        'program',
        input.file,
        run.context.relativeToConfig?.(input.file),
        input.text,
        input.baseline === null ? 'new' : input.baseline?.text,
      ])
    : undefined;
  await cachedLint(run, key, outcome, async () => {
    programLinter ??= (await import('../../components/typescript/lint.js')).lintPulumiProgram;
    const lint = (next: LintInput): FileLintResult => {
      const raw = programLinter!(next, run.context);
      return { ...raw, findings: raw.findings.filter((finding) => isEnabled(finding, run.settings)) };
    };
    return lintAndFix(run, candidate, input, loadedFile.encoding, outcome, lint);
  });
}

/** The file's result from the cache (`--cache`) when its key is there; else linted, and kept under the key. */
async function cachedLint(run: Run, key: string | undefined, outcome: Outcome, lint: () => Promise<FileLintResult>): Promise<void> {
  const cached = key ? run.cache!.get(key) : undefined;
  const result = cached ?? (await lint());
  if (key && !cached) run.cache!.set(key, { findings: result.findings, resources: result.resources });
  outcome.resources += result.resources;
  outcome.findings.push(...result.findings);
}

/** Lint one file and, with `--fix`/`--fix-dry-run`, fix it (written, or its diff kept): the result to report. */
async function lintAndFix(
  run: Run,
  candidate: Candidate,
  input: LintInput,
  encoding: TextEncoding,
  outcome: Outcome,
  lint: (input: LintInput) => FileLintResult,
): Promise<FileLintResult> {
  const { args, io } = run;
  let result = lint(input);
  if (!(args.fix || args.fixDryRun) || fixable(result.findings).length === 0) return result;
  const fixed = fixFile(input, result, lint);
  result = fixed.result;
  if (fixed.text === input.text) return result;
  const applied = args.fixDryRun ? true : writeFix(candidate, input.text, fixed.text, encoding, io);
  if (args.fixDryRun)
    outcome.diffs.push(await unifiedDiff(candidate.display, redactSourceText(input.text, candidate.path), redactSourceText(fixed.text, candidate.path)));
  if (applied) {
    outcome.fixes.files += 1;
    outcome.fixes.applied += fixed.applied;
    return result;
  }
  outcome.fixes.failed += 1;
  return lint(input); // the file is unchanged: report it as it is
}

function lintEnabled(run: Run, input: LintInput, document?: SourceDocument): FileLintResult {
  const raw = lintTemplate(input, run.context, { document });
  return { ...raw, findings: raw.findings.filter((finding) => isEnabled(finding, run.settings)) };
}

function report(run: Run, candidates: readonly Candidate[], outcome: Outcome): number {
  const { args, io } = run;
  const { findings, fixes } = outcome;
  if (outcome.files === 0 && !args.shard && !run.namedFilesOnly)
    throw new UsageError(`no ARM templates or Bicep files found in ${args.paths.join(', ') || '.'}`);
  dropRepeatedFileFindings(findings);
  const all = summarize(findings, outcome.files, outcome.resources);
  // --quiet shows errors only, and the summary counts what is shown.
  const shown = args.quiet ? findings.filter((finding) => finding.severity === 'error') : findings;
  const summary = args.quiet ? summarize(shown, outcome.files, outcome.resources) : all;
  const result: LintResult = { findings: shown, summary, rules: describeRules(run.rules), version: packageVersion() };
  const text = formatters[args.format](result, { color: useColor(io, Boolean(args.output)), cwd: io.cwd, root: repositoryRoot(io.cwd) });
  const writeOutput = () =>
    writeReport(resolve(io.cwd, args.output!), text, {
      cwd: io.cwd,
      inputs: reportInputs(candidates, [args.parameters, args.baseline, args.config, args.inventory], io.cwd),
    });
  if (args.fixDryRun) {
    // The diff is the output; the report only goes to --output when asked for.
    io.stdout(outcome.diffs.join(''));
    if (args.output) writeOutput();
    io.stderr(`patchwise: ${plural(fixes.applied, 'fix', 'fixes')} in ${plural(fixes.files, 'file')} would be applied (dry run: nothing written)\n`);
  } else {
    if (args.output) writeOutput();
    else if (text) io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    if (args.fix) io.stderr(`patchwise: applied ${plural(fixes.applied, 'fix', 'fixes')} in ${plural(fixes.files, 'file')}\n`);
  }
  if (outcome.templates === 0 && all.errors === 0 && !args.shard) io.stderr('patchwise: no ARM templates among the files named\n');
  if (run.cache && run.cache.hits > 0) io.stderr(`patchwise: ${plural(run.cache.hits, 'file')} unchanged since the cached run\n`);

  if (fixes.failed > 0) return 2;
  if (all.errors > 0) return 1;
  if (args.maxWarnings !== undefined && all.warnings > args.maxWarnings) {
    io.stderr(`patchwise: ${plural(all.warnings, 'warning')}, more than --max-warnings ${args.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** `--print-config FILE`: the configuration that applies to a file, as JSON (ESLint's --print-config). */
function printConfig(run: Run, file: string): number {
  const path = resolve(run.io.cwd, file);
  const ignored = ignoreMatcher(run.loaded.config.ignore, run.loaded.baseDir)(path);
  const rules = Object.fromEntries([...run.settings].sort(([a], [b]) => a.localeCompare(b, 'en')));
  const config = {
    file: displayPath(path, run.io.cwd),
    configFile: run.loaded.file ? displayPath(run.loaded.file, run.io.cwd) : null,
    extends: run.loaded.config.extends ?? 'patchwise:recommended',
    ignored,
    rules,
    suppressions: run.loaded.config.suppressions ?? [],
    parameters: run.explicitParameters?.file ?? (parametersFileFor(path) ? displayPath(parametersFileFor(path)!, run.io.cwd) : null),
  };
  run.io.stdout(`${JSON.stringify(config, null, 2)}\n`);
  return 0;
}

/** On a terminal, a line on stderr that says how far a long run is (rewritten in place, cleared at the end). */
function startProgress(io: CliIO, total: number): (done: number) => void {
  if (!io.stderrIsTTY || total < 50) return () => {};
  let last = 0;
  return (done) => {
    const now = Date.now();
    if (done === total) {
      io.stderr('\r\u001b[K');
      return;
    }
    if (now - last < 100) return;
    last = now;
    io.stderr(`\rpatchwise: ${done}/${total} files`);
  };
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

/** Write a fixed file back in its own encoding; false (with a message) when it cannot be written or changed since `read`. */
function writeFix(candidate: Candidate, read: string, text: string, encoding: TextEncoding, io: CliIO): boolean {
  try {
    rewriteFile(candidate.path, encodeText(text, encoding), encodeText(read, encoding));
    return true;
  } catch (error) {
    if (!(error instanceof WriteError)) throw error;
    io.stderr(`patchwise: fixes not applied to ${candidate.display}: ${error.message}\n`);
    return false;
  }
}

/** `<template>.parameters.json` beside the template; one that cannot be read is a finding on it, not a crash. */
function siblingParameters(
  template: Candidate,
  cwd: string,
  reads: ReadOnce,
): { ok: true; input: TextInput } | { ok: false; file: string; reason: string } | undefined {
  const path = parametersFileFor(template.path, template.folder);
  if (!path) return undefined;
  const file = displayPath(path, cwd);
  const read = reads.readAhead(path);
  return read.ok ? { ok: true, input: { file, text: read.file.text } } : { ok: false, file, reason: read.reason };
}

function parseToday(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime())) throw new UsageError(`--today takes a date as YYYY-MM-DD, not '${value}'`);
  return date;
}
