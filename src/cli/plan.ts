/**
 * `patchwise plan [paths..]`: the rollout plan preview. Finds and reads templates like lint does,
 * models them with the lint pipeline's prepareTemplate, and hands the models to src/plan/.
 * Exit codes: 0 plan without error-level risks, 1 error-level risks (the rollout stops, or takes
 * more than 30 days), 2 usage errors (bad options, unreadable or invalid inventory, parse errors).
 */
import { basename, resolve } from 'node:path';
import { prepareTemplate, type LintInput, type TextInput } from '../engine/lint.js';
import type { Inventory } from '../inventory/types.js';
import type { FleetInput, Plan, Scenario } from '../plan/index.js';
import type { PlanFormat } from '../plan/types.js';
import { loadConfig } from './config-file.js';
import { displayPath, findTemplates, ignoreMatcher, parametersFileFor, UsageError, type Candidate } from './files.js';
import { readAtRevision } from './git.js';
import type { CliIO } from './io.js';
import { redactSecrets } from '../report/redact.js';
import { mapStrings, neutralizeControls } from '../report/neutralize.js';
import { baselinePathIn, bicepSourcesOf, checkBaseline, loadCandidate, readOptionFile, readParametersOption, resolveBaseline } from './template-inputs.js';
import { BicepSupport } from './bicep-support.js';
import { reportInputs, writeReport } from './write-file.js';

export interface PlanArgs {
  paths: string[];
  scenario: 'guest-patching' | 'os-image-upgrade' | 'extension-upgrade' | 'hotpatch-calendar';
  format: PlanFormat;
  output?: string;
  start?: string;
  inventory?: string;
  seed?: number;
  runs?: number;
  parameters?: string;
  baseline?: string;
  baselineRef?: string;
  config?: string;
}

const MAX_RUNS = 100_000;
/** `--start` years a monthly patch release can have (a year 0 or 9999 plans nonsense). */
const START_YEARS = { min: 2000, max: 2099 } as const;

export async function runPlan(args: PlanArgs, io: CliIO): Promise<number> {
  const engine = await import('../plan/index.js');
  // yargs turns a repeated option into an array; each of these takes one value.
  for (const [name, value] of Object.entries({
    scenario: args.scenario,
    format: args.format,
    output: args.output,
    start: args.start,
    inventory: args.inventory,
    seed: args.seed,
    runs: args.runs,
    parameters: args.parameters,
    baseline: args.baseline,
    'baseline-ref': args.baselineRef,
    config: args.config,
  })) {
    if (Array.isArray(value)) throw new UsageError(`--${name} takes one value, given ${value.length} times`);
  }
  if (!(engine.SCENARIOS as readonly string[]).includes(args.scenario))
    throw new UsageError(`--scenario takes one of ${engine.SCENARIOS.join(', ')}, not '${args.scenario}'`);
  if (!['text', 'markdown', 'json'].includes(args.format)) throw new UsageError(`--format takes text, markdown or json, not '${args.format}'`);
  if (args.seed !== undefined && (!Number.isSafeInteger(args.seed) || args.seed < 0))
    throw new UsageError(`--seed takes a whole number of 0 or more${notGiven(args.seed)}`);
  if (args.runs !== undefined && (!Number.isInteger(args.runs) || args.runs < 1 || args.runs > MAX_RUNS))
    throw new UsageError(`--runs takes a whole number from 1 to ${MAX_RUNS}${notGiven(args.runs)}`);
  let startMs: number;
  if (args.start !== undefined) {
    const parsed = engine.parseDate(args.start);
    if (parsed === undefined) throw new UsageError(`--start takes a date as YYYY-MM-DD, not '${args.start}'`);
    const year = new Date(parsed).getUTCFullYear();
    if (year < START_YEARS.min || year > START_YEARS.max)
      throw new UsageError(`--start takes a release date from ${START_YEARS.min} to ${START_YEARS.max}, not '${args.start}'`);
    startMs = parsed;
  } else {
    startMs = engine.parseDate(engine.nextPatchRelease(new Date()))!;
  }
  const inventory: Inventory | undefined = args.inventory
    ? (await import('../inventory/load.js')).loadInventory(resolve(io.cwd, args.inventory), args.inventory)
    : undefined;
  const loaded = loadConfig(io.cwd, args.config);
  const candidates = findTemplates(args.paths.length > 0 ? args.paths : ['.'], io.cwd, ignoreMatcher(loaded.config.ignore, loaded.baseDir));
  if (candidates.length === 0) throw new UsageError(`no ARM templates or Bicep files found in ${args.paths.join(', ') || '.'}`);
  const bicep = await BicepSupport.load([...candidates.map((candidate) => candidate.path), args.parameters ?? ''], io.cwd, loaded.config.bicep, loaded.baseDir);
  const explicitParameters = args.parameters ? readParametersOption(resolve(io.cwd, args.parameters), io.cwd, bicep) : undefined;
  const bicepSources = bicepSourcesOf(candidates);

  const current: FleetInput[] = [];
  const previous: FleetInput[] = [];
  const { root: baselineRoot, isFolder: baselineIsFolder, roots } = resolveBaseline(args, io.cwd, args.paths);
  for (const candidate of candidates) {
    const loadedFile = loadCandidate(candidate, bicep, { bicepSources });
    if (loadedFile.kind === 'skipped') {
      if (loadedFile.note) io.stderr(`patchwise: ${loadedFile.note}\n`);
      continue;
    }
    // A plan of part of the fleet would look complete: a file that may be a template and cannot be read stops the plan.
    if (loadedFile.kind === 'broken' && !loadedFile.input) throw new UsageError(`cannot plan ${loadedFile.file}: ${loadedFile.reason}`);
    const input: LintInput = loadedFile.kind === 'template' ? { ...loadedFile.input, reader: loadedFile.reader } : loadedFile.input!;
    const parametersPath = explicitParameters ? undefined : parametersFileFor(candidate.path, candidate.folder);
    const parameters = explicitParameters ?? (parametersPath ? readOptionFile('parameters file', parametersPath, io.cwd) : undefined);
    current.push(model(input, parameters, candidate.display));
    if (args.baseline || args.baselineRef) {
      const old = baselineFor(candidate, args, baselineRoot, baselineIsFolder, roots, io, bicep);
      // The baseline plans under the current file name, so targets pair by file and name; with its own parameters (D3).
      if (old) previous.push(model({ ...old.template, reader: input.reader }, old.parameters, candidate.display));
      else io.stderr(`patchwise: the baseline has no ${candidate.display}: every resource of it shows as entering the rollout\n`);
    }
  }
  if (current.length === 0) throw new UsageError('no ARM templates to plan');
  // One baseline file cannot be the previous version of several templates (D8).
  if (baselineRoot && !baselineIsFolder && current.length > 1)
    throw new UsageError(`--baseline ${args.baseline} is one file but ${current.length} templates are planned: give a folder, or plan one template`);

  const options = { scenario: args.scenario as Scenario, startMs, inventory, seed: args.seed, runs: args.runs };
  let plan: Plan;
  try {
    plan = engine.planRollout(current, options);
    if (args.baseline || args.baselineRef) plan.diff = engine.diffPlans(engine.planRollout(previous, { ...options, runs: undefined }), plan);
  } catch (error) {
    if (error instanceof engine.PlanInputError) throw new UsageError(error.message);
    throw error;
  }
  // Names and reasons come from templates and inventories: no secret and no control character gets through.
  const shown = mapStrings(plan, (text) => neutralizeControls(redactSecrets(text)));
  const text = args.format === 'json' ? engine.renderJson(shown) : args.format === 'markdown' ? engine.renderMarkdown(shown) : engine.renderText(shown);
  const inputs = reportInputs(candidates, [args.parameters, args.baseline, args.inventory, args.config], io.cwd);
  if (args.output) writeReport(resolve(io.cwd, args.output), text, { cwd: io.cwd, inputs });
  else io.stdout(text);
  return plan.summary.risks.error > 0 ? 1 : 0;
}

/** Model one template; a template that cannot be read is a usage error (lint explains it). */
function model(input: LintInput, parameters: TextInput | undefined, file: string): FleetInput {
  const prepared = prepareTemplate(input, parameters, { rules: [] }, { reader: input.reader });
  // A parameters file that cannot be used would plan a different fleet: stop rather than guess.
  const unusable = prepared.findings.find((finding) => finding.ruleId === 'parse-error' || finding.ruleId === 'template/invalid-parameters');
  if (!prepared.model || unusable) {
    const finding = unusable ?? prepared.findings[0];
    if (finding && finding.file !== input.file)
      throw new UsageError(`cannot plan ${input.file}: ${finding.file}:${finding.line}:${finding.column}: ${finding.message}`);
    throw new UsageError(
      `cannot plan ${input.file}${finding ? `:${finding.line}:${finding.column}: ${finding.message}` : ''} (run 'patchwise lint' for details)`,
    );
  }
  return { file, model: prepared.model };
}

interface BaselineInput {
  template: TextInput;
  parameters: TextInput | undefined;
}

/**
 * The previous version of a template and of its parameters (D3: a parameters-only change must show):
 * `--baseline-ref` reads both at the revision; `--baseline FILE` takes that file's own parameters
 * file; `--baseline DIR` the template at the same path inside DIR (relative to the planned path
 * argument, D8) and its parameters file there. `-p FILE` is used for a side that has no parameters
 * file of its own. Null: the template is new.
 */
function baselineFor(
  candidate: Candidate,
  args: PlanArgs,
  root: string | undefined,
  folder: boolean,
  roots: readonly string[],
  io: CliIO,
  bicep: BicepSupport | undefined,
): BaselineInput | null {
  const explicit = args.parameters ? resolve(io.cwd, args.parameters) : undefined;
  if (args.baselineRef) {
    const text = readAtRevision(candidate.path, args.baselineRef);
    if (text === null) return null;
    const parametersPath = explicit ?? conventionalParameters(candidate.path);
    const oldParameters = readAtRevision(parametersPath, args.baselineRef);
    const parameters =
      oldParameters !== null
        ? { file: `${displayPath(parametersPath, io.cwd)}@${args.baselineRef}`, text: oldParameters }
        : explicit
          ? readOptionFile('--parameters', explicit, io.cwd)
          : undefined;
    return { template: checkBaseline({ file: `${candidate.display}@${args.baselineRef}`, text }, '--baseline-ref', bicep), parameters };
  }
  if (!root) return null;
  const path = folder ? baselinePathIn(root, candidate, roots, io.cwd) : root;
  if (!path) return null;
  const own = parametersFileFor(path);
  const parametersPath = own ?? explicit;
  return {
    template: checkBaseline(readOptionFile('--baseline', path, io.cwd), '--baseline', bicep),
    parameters: parametersPath ? readOptionFile('--baseline parameters', parametersPath, io.cwd) : undefined,
  };
}

/** `<name>.parameters.json` next to a template, whether or not it exists now (it may exist at a revision). */
function conventionalParameters(template: string): string {
  const bicep = /\.bicep$/i.test(template);
  return resolve(template, '..', `${basename(template).replace(/\.(jsonc?|bicep)$/i, '')}${bicep ? '.bicepparam' : '.parameters.json'}`);
}

/** What a number option was given, for its error: yargs turns a word into NaN, which the user never typed. */
function notGiven(value: number): string {
  return Number.isNaN(value) ? ', not a word' : `, not '${value}'`;
}
