/**
 * Turning candidates into templates, the same way for `lint` and `plan`. Each file is read once.
 * A CI gate must never fail open, so nothing that may be a template is dropped silently: a file
 * that cannot be read, decoded or parsed is `broken` (a parse-error finding), and only files that
 * are certainly not templates are skipped (with a note when the user named them).
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import { isTemplateDocument, isParametersDocument } from '../template/parameters-file.js';
import { readJsonDocument, type SourceDocument } from '../template/json.js';
import type { InputReader, TextInput } from '../engine/lint.js';
import { BICEP_NAME, BICEP_PARAMS_NAME, type BicepSupport } from './bicep-support.js';
import { displayPath, isProgramName, isPulumiProgramText, isTemplateCandidateText, UsageError, type Candidate } from './files.js';
import { readAtRevision } from './git.js';
import { readTextFile, type TextEncoding, type TextFileRead } from './text-file.js';

export type LoadedCandidate =
  /** `document`: the JSON already parsed; `reader`: how the engine reads a file of another format (Bicep). */
  | { kind: 'template'; input: TextInput; document?: SourceDocument; reader?: InputReader; encoding: TextEncoding }
  /** A Pulumi TypeScript program (only with `programs`: `patchwise lint`). */
  | { kind: 'program'; input: TextInput; encoding: TextEncoding }
  /** Not readable or not parseable: `input` is present when there is text to parse (the engine locates the error). */
  | { kind: 'broken'; file: string; reason: string; input?: TextInput }
  | { kind: 'skipped'; note?: string };

const JSON_NAME = /\.jsonc?$/i;
/** How much of an over-sized or undecodable file is read to tell whether it is a template at all. */
const SNIFF_BYTES = 64 * 1024;

/**
 * `bicep`: the Bicep reader, present when the run has `.bicep` files; `programs`: read `.ts` files
 * as Pulumi programs (`lint`); `read`: how a file is read (a read kept from earlier in the run).
 */
export function loadCandidate(
  candidate: Candidate,
  bicep?: BicepSupport,
  options: { programs?: boolean; bicepSources?: ReadonlySet<string>; read?: (path: string) => TextFileRead } = {},
): LoadedCandidate {
  const readText = options.read ?? readTextFile;
  const file = candidate.display;
  if (candidate.problem) return { kind: 'broken', file, reason: candidate.problem };
  const isBicep = BICEP_NAME.test(candidate.path);
  if (options.programs && isProgramName(candidate.path)) return loadProgram(candidate, readText);
  const read = candidate.text !== undefined ? ({ ok: true, file: { text: candidate.text, encoding: 'utf8' } } as const) : readText(candidate.path);
  if (!read.ok) {
    if (!candidate.explicit && !isBicep && !mayBeTemplate(candidate.path)) return { kind: 'skipped' };
    return { kind: 'broken', file, reason: `cannot read the file: ${read.reason}` };
  }
  const { text, encoding } = read.file;
  // Every .bicep file is a template; the engine reads it (syntax errors are findings at their position).
  if (isBicep && bicep) return { kind: 'template', input: { file, text }, reader: bicep.readerFor(candidate.path), encoding };
  if (!candidate.explicit && !isTemplateCandidateText(text)) return { kind: 'skipped' };
  const parsed = readJsonDocument(file, text);
  if (!parsed.ok) {
    if (candidate.explicit && !JSON_NAME.test(candidate.path) && !looksLikeJson(text)) {
      return { kind: 'skipped', note: `skipped ${file}: not a JSON file` };
    }
    return { kind: 'broken', file, reason: parsed.error.message, input: { file, text } };
  }
  if (!isTemplateDocument(parsed.document.value)) {
    return candidate.explicit
      ? { kind: 'skipped', note: `skipped ${file}: not an ARM deployment template (no deploymentTemplate $schema)` }
      : { kind: 'skipped' };
  }
  if (compiledFromBicepInRun(candidate.path, parsed.document.value, options.bicepSources)) {
    return { kind: 'skipped', note: `skipped ${file}: Bicep compiled it from ${file.replace(JSON_NAME, '.bicep')}, which is read instead` };
  }
  return { kind: 'template', input: { file, text }, document: parsed.document, encoding };
}

/** The `.bicep` files of a run (absolute paths), for compiledFromBicepInRun. */
export function bicepSourcesOf(candidates: readonly Candidate[]): ReadonlySet<string> {
  return new Set(candidates.filter((candidate) => BICEP_NAME.test(candidate.path)).map((candidate) => candidate.path));
}

/**
 * A `main.json` Bicep compiled (`metadata._generator.name`) from a `main.bicep` beside it that is
 * part of the same run: reading both would report every finding twice. The `.bicep` wins (its
 * positions are the ones the user edits).
 */
function compiledFromBicepInRun(path: string, template: unknown, bicepSources: ReadonlySet<string> | undefined): boolean {
  if (!bicepSources?.has(path.replace(JSON_NAME, '.bicep'))) return false;
  const metadata = (template as { metadata?: unknown }).metadata;
  const generator = metadata !== null && typeof metadata === 'object' ? (metadata as { _generator?: { name?: unknown } })._generator : undefined;
  return generator?.name === 'bicep';
}

/** A TypeScript file: a Pulumi program when it imports azure-native or the components; unreadable is a finding. */
function loadProgram(candidate: Candidate, readText: (path: string) => TextFileRead): LoadedCandidate {
  const file = candidate.display;
  const read = readText(candidate.path);
  if (!read.ok) return { kind: 'broken', file, reason: `cannot read the file: ${read.reason}` };
  if (!isPulumiProgramText(read.file.text)) {
    return candidate.explicit
      ? { kind: 'skipped', note: `skipped ${file}: not a Pulumi program (imports neither @pulumi/azure-native nor patchwise/pulumi)` }
      : { kind: 'skipped' };
  }
  return { kind: 'program', input: { file, text: read.file.text }, encoding: read.file.encoding };
}

/** A file that could not be read whole: does its beginning (as Latin-1, any bytes decode) name a template schema? */
function mayBeTemplate(path: string): boolean {
  try {
    const bytes = readFileSync(path).subarray(0, SNIFF_BYTES);
    const text = bytes.includes(0) ? Buffer.from(bytes.filter((byte) => byte !== 0)).toString('latin1') : Buffer.from(bytes).toString('latin1');
    return isTemplateCandidateText(text);
  } catch {
    // Not even readable: it may be a template, so report it.
    return true;
  }
}

function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text.replace(/^\uFEFF/, ''));
}

/**
 * A file the user named as an option (`--parameters`, `--baseline`): read it, or stop with a
 * usage error (exit 2) that says why. Never a silent default.
 */
export function readOptionFile(option: string, path: string, cwd: string): TextInput {
  const file = displayPath(path, cwd);
  const read = readTextFile(path);
  if (!read.ok) throw new UsageError(`${option}: cannot read ${file}: ${read.reason}`);
  return { file, text: read.file.text };
}

/** `--parameters FILE`: must parse and be a deployment parameters object (or a `.bicepparam` file). */
export function readParametersOption(path: string, cwd: string, bicep?: BicepSupport): TextInput {
  const input = readOptionFile('--parameters', path, cwd);
  if (BICEP_PARAMS_NAME.test(path) && bicep) return bicep.checkParameters(input, '--parameters');
  const parsed = readJsonDocument(input.file, input.text);
  if (!parsed.ok) throw new UsageError(`--parameters: ${input.file}:${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`);
  if (!isParametersDocument(parsed.document.value))
    throw new UsageError(`--parameters: ${input.file} is not a deployment parameters file (an object with a "parameters" object of { "value" } entries)`);
  return input;
}

/** A baseline template (`--baseline`, or the file at `--baseline-ref`): a broken one would silently disable the change rules. */
export function checkBaseline(input: TextInput, option: string, bicep?: BicepSupport): TextInput {
  if ((BICEP_NAME.test(input.file) || /\.bicep@/i.test(input.file)) && bicep) return bicep.checkBaseline(input, option);
  // A Pulumi program's baseline is its earlier TypeScript: one that does not parse counts as new (see lintPulumiProgram).
  if (isProgramName(input.file.replace(/@[^@/\\]*$/, ''))) return input;
  const parsed = readJsonDocument(input.file, input.text);
  if (!parsed.ok) throw new UsageError(`${option}: ${input.file}:${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`);
  if (!isTemplateDocument(parsed.document.value)) throw new UsageError(`${option}: ${input.file} is not an ARM deployment template`);
  return input;
}

/** Where the previous versions come from: `--baseline` (a file, or a folder with the same layout) or `--baseline-ref`. */
export interface BaselineSource {
  baseline?: string;
  baselineRef?: string;
}

export interface ResolvedBaseline extends BaselineSource {
  root?: string;
  isFolder: boolean;
  /** The path arguments of the run: a baseline folder mirrors them (see baselinePathIn). */
  roots: string[];
}

export function resolveBaseline(source: BaselineSource, cwd: string, paths: readonly string[]): ResolvedBaseline {
  if (source.baseline && source.baselineRef) throw new UsageError('use either --baseline or --baseline-ref, not both');
  const roots = (paths.length > 0 ? paths : ['.']).map((path) => resolve(cwd, path));
  if (!source.baseline) return { ...source, isFolder: false, roots };
  const root = resolve(cwd, source.baseline);
  try {
    return { ...source, root, isFolder: statSync(root).isDirectory(), roots };
  } catch {
    throw new UsageError(`--baseline: no such file or folder: ${source.baseline}`);
  }
}

/**
 * The previous version of a template: the `--baseline` file, its counterpart in a `--baseline`
 * folder (same path from the working folder), or the file at `--baseline-ref`. Null: the file
 * is new there (every resource is new); undefined: no baseline asked for.
 */
export function baselineFor(candidate: Candidate, source: ResolvedBaseline, cwd: string, bicep?: BicepSupport): TextInput | null | undefined {
  if (source.baselineRef) {
    // Through a symbolic link the target is linted: git holds its history (a link's own blob is its target's name).
    const text = readAtRevision(candidate.real ?? realPathOf(candidate.path), source.baselineRef);
    return text === null ? null : checkBaseline({ file: `${candidate.display}@${source.baselineRef}`, text }, '--baseline-ref', bicep);
  }
  if (!source.root) return undefined;
  if (!source.isFolder) return checkBaseline(readOptionFile('--baseline', source.root, cwd), '--baseline', bicep);
  const path = baselinePathIn(source.root, candidate, source.roots, cwd);
  if (!path) return null;
  return checkBaseline(readOptionFile('--baseline', path, cwd), '--baseline', bicep);
}

function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The template's path inside a baseline folder: relative to the path argument that found it, else to the working directory. */
export function baselinePathIn(root: string, candidate: Candidate, roots: readonly string[], cwd: string): string | undefined {
  const tries: string[] = [];
  for (const base of roots) {
    if (candidate.path === base) tries.push(resolve(root, basename(base)));
    else if (candidate.path.startsWith(base + sep)) tries.push(resolve(root, relative(base, candidate.path)));
  }
  tries.push(resolve(root, relative(cwd, candidate.path)));
  return tries.find((path) => {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  });
}
