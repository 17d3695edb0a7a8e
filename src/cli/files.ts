/** Finding the templates to lint: files as given, folders searched for ARM templates and Bicep files. */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { decodeJsonStringBody } from '../template/arm-json.js';
import { FolderListing } from './folder-listing.js';
import { describeFsError } from './text-file.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Candidate {
  /** Absolute path. */
  path: string;
  /** Path to show: relative to the working directory, forward slashes. */
  display: string;
  /** True when the user named the file itself (not found in a folder). */
  explicit: boolean;
  /** Set when the file or folder could not be searched or read: reported, never dropped. */
  problem?: string;
  /** The text, when it did not come from a file (standard input). */
  text?: string;
  /** Its real path, when discovery knows it without asking (a plain file below a searched folder). */
  real?: string;
  /** Its folder's names as discovery read them (files found in folders only). */
  folder?: FolderListing;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'coverage']);
const JSON_NAME = /\.jsonc?$/i;
/** TypeScript sources that may be Pulumi programs (`patchwise lint`); declaration files are not. */
const PROGRAM_NAME = /(?<!\.d)\.[mc]?ts$/i;
const BICEP_NAME = /\.bicep$/i;
const BICEP_PARAMS_NAME = /\.bicepparam$/i;
// The value may hold JSON escapes (`deployment\u0054emplate.json`): captured raw, decoded below.
const SCHEMA_VALUE = /"\$schema"\s*:\s*"((?:[^"\\\r\n]|\\.){0,512})"/gi;
const TEMPLATE_SCHEMA_URL = /deploymentTemplate\.json/i;

export function displayPath(path: string, cwd: string): string {
  const rel = sep === '/' && isPlainAbsolute(path) && isPlainAbsolute(cwd) ? relativeBelow(cwd, path) : relative(cwd, path);
  const shown = rel && !rel.startsWith('..') ? rel : path;
  return sep === '/' ? shown : shown.split(sep).join('/');
}

/** A POSIX absolute path with nothing to normalize: no empty, `.` or `..` segment, no trailing slash. */
const NOT_PLAIN = /\/(?:\.{1,2})?(?:\/|$)/;

function isPlainAbsolute(path: string): boolean {
  return path.startsWith('/') && !NOT_PLAIN.test(path);
}

/**
 * relative() for plain absolute POSIX paths, where it is a prefix test (relative() normalizes
 * both again, per file): below `from`, the rest; else a path starting with `..` (a placeholder
 * for the caller, which then shows the path itself).
 */
function relativeBelow(from: string, to: string): string {
  if (to === from) return '';
  return to.startsWith(from) && to.charCodeAt(from.length) === 47 /* / */ ? to.slice(from.length + 1) : '..';
}

/**
 * Expand paths into candidates. A file named on the command line is a candidate as it is; folders
 * are searched recursively (following symbolic links, each real folder once) for `.json`/`.jsonc`
 * files, whether one is a template being decided when it is read (see isTemplateCandidateText),
 * and for `.bicep` files.
 */
export function findTemplates(
  paths: readonly string[],
  cwd: string,
  ignore: (absolute: string) => boolean,
  options: { programs?: boolean; onIgnoredFile?: (display: string) => void } = {},
): Candidate[] {
  const wanted = (name: string) => JSON_NAME.test(name) || BICEP_NAME.test(name) || (options.programs === true && PROGRAM_NAME.test(name));
  const found = new Map<string, Candidate>();
  const add = (candidate: Candidate) => {
    if (!found.has(candidate.path)) found.set(candidate.path, candidate);
  };
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      if (isGlob(given)) {
        // Quoted globs (`'infra/**/*.json'`), as on Windows shells: matched files are read like a folder's.
        for (const path of expandGlob(given, cwd)) if (!ignore(path)) add({ path, display: displayPath(path, cwd), explicit: false });
        continue;
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR')
        throw new UsageError(`no such file or folder: ${given}`);
      // It exists but cannot be inspected (a dangling link loop, no permission): report it as a file.
      add({ path: absolute, display: displayPath(absolute, cwd), explicit: true, problem: describeFsError(error) });
      continue;
    }
    if (stats.isDirectory()) {
      for (const entry of walk(absolute, wanted)) {
        if (!ignore(entry.path)) add({ ...entry, display: displayPath(entry.path, cwd), explicit: false });
      }
    } else if (!ignore(absolute)) {
      add({ path: absolute, display: displayPath(absolute, cwd), explicit: true });
    } else {
      options.onIgnoredFile?.(displayPath(absolute, cwd));
    }
  }
  return [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}

/**
 * A relative path that names nothing from the working folder but does from the repository root
 * (`root`): git and hooks give names relative to the root, also to a hook that runs in a
 * subfolder (`cd infra && patchwise lint "$@"`). Then that one; else the path as given.
 */
export function fromRepositoryRoot(path: string, cwd: string, root: () => string | undefined): string {
  if (isAbsolute(path) || isGlob(path) || statSync(resolve(cwd, path), { throwIfNoEntry: false })) return path;
  const base = root();
  const candidate = base && base !== cwd ? resolve(base, path) : undefined;
  return candidate && statSync(candidate, { throwIfNoEntry: false }) ? candidate : path;
}

/**
 * Every path names a file (what pre-commit passes), not a folder or a glob. Then a run that finds
 * no template among them has checked all it was given; a folder or glob that finds none is a mistake.
 */
export function namesOnlyFiles(paths: readonly string[], cwd: string): boolean {
  return paths.length > 0 && paths.every((path) => statSync(resolve(cwd, path), { throwIfNoEntry: false })?.isFile() === true);
}

const GLOB_CHARACTERS = /[*?[\]{}]/;

function isGlob(path: string): boolean {
  return GLOB_CHARACTERS.test(path);
}

/** Files matching a glob: the folder before the first glob segment is searched, each file matched. */
function expandGlob(pattern: string, cwd: string): string[] {
  const normalized = pattern.split(sep).join('/');
  const segments = normalized.split('/');
  const firstGlob = segments.findIndex((segment) => isGlob(segment));
  const base = resolve(cwd, segments.slice(0, firstGlob).join('/') || '.');
  const match = picomatch(normalized, { dot: false });
  const found: string[] = [];
  for (const entry of walk(base, () => true)) {
    if (entry.problem) continue;
    const rel = relative(cwd, entry.path).split(sep).join('/');
    if (match(rel) || match(entry.path.split(sep).join('/'))) found.push(entry.path);
  }
  if (found.length === 0) throw new UsageError(`no files match ${pattern}`);
  return found;
}

interface Found {
  path: string;
  problem?: string;
  real?: string;
  folder?: FolderListing;
}

/** The wanted files below a folder, in name order, each real folder searched once (following symbolic links). */
function walk(folder: string, wanted: (name: string) => boolean): Found[] {
  const found: Found[] = [];
  searchFolder(folder, undefined, new Set(), wanted, found);
  return found;
}

/**
 * `knownReal` is the folder's real path when it is a plain (not linked) subfolder of a searched
 * folder: its parent's real path and its name. Only the root and folders reached through a
 * symbolic link (the only way back into a searched folder) need a realpath, which costs a
 * readlink per path component. Found files are pushed (a generator passes each one up through
 * every level of the folder tree).
 */
function searchFolder(folder: string, knownReal: string | undefined, visited: Set<string>, wanted: (name: string) => boolean, found: Found[]): void {
  let real: string;
  let entries: Dirent[];
  try {
    // The native call: the JavaScript version lstats every component of the path.
    real = knownReal ?? realpathSync.native(folder);
    if (visited.has(real)) return; // a symbolic link back into a folder already searched
    visited.add(real);
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    found.push({ path: folder, problem: `cannot search the folder: ${describeFsError(error)}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  const listing = new FolderListing(entries);
  for (const entry of entries) {
    const path = childPath(folder, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    const linked = entry.isSymbolicLink();
    if (linked) {
      try {
        const target = statSync(path);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch (error) {
        if (wanted(entry.name)) found.push({ path, problem: `broken symbolic link: ${describeFsError(error)}` });
        continue;
      }
    }
    const realPath = linked ? undefined : childPath(real, entry.name);
    if (isDirectory) {
      if (!SKIPPED_FOLDERS.has(entry.name)) searchFolder(path, realPath, visited, wanted, found);
    } else if (isFile && wanted(entry.name)) {
      found.push({ path, real: realPath, folder: listing });
    }
  }
}

/** join() for a normalized folder and a name from its listing (never `.`, `..` or with a separator): no normalizing per entry. */
function childPath(folder: string, name: string): string {
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}

/**
 * A file found in a folder is read as a template when its text names a deployment-template
 * `$schema`. A broken one is then a parse error, not skipped: the build must not pass it.
 */
export function isTemplateCandidateText(text: string): boolean {
  // A mention of the schema URL is enough: when the `$schema` line is the broken part, it is still there.
  if (TEMPLATE_SCHEMA_URL.test(text)) return true;
  if (!text.includes('\\u')) return false;
  SCHEMA_VALUE.lastIndex = 0;
  for (let match = SCHEMA_VALUE.exec(text); match; match = SCHEMA_VALUE.exec(text)) {
    if (TEMPLATE_SCHEMA_URL.test(decodeJsonStringBody(match[1]))) return true;
  }
  return false;
}

/** A `.ts`/`.mts`/`.cts` file name (not a `.d.ts`): linted when its text imports azure-native or the patchwise components. */
export function isProgramName(path: string): boolean {
  return PROGRAM_NAME.test(path);
}

/**
 * A TypeScript file is a Pulumi input when it imports `@pulumi/azure-native` (root, a module, a
 * versioned module, `types/enums`) or `patchwise/pulumi`, in any import form (also `require`).
 */
export function isPulumiProgramText(text: string): boolean {
  return /['"](?:@pulumi\/azure-native(?:\/[^'"\s]*)?|patchwise\/pulumi|(?:\.{1,2}\/)+(?:[\w.-]+\/)*components\/pulumi(?:\/index(?:\.js)?)?)['"]/.test(text);
}

/**
 * `azuredeploy.json` → `azuredeploy.parameters.json` beside it, when it exists; `main.bicep` →
 * `main.bicepparam`, else `main.parameters.json`. `folder`: the template's folder as discovery
 * listed it, which answers without a stat (most templates have no parameters file).
 */
export function parametersFileFor(template: string, folder?: FolderListing): string | undefined {
  const bicep = BICEP_NAME.test(template);
  const name = basename(template).replace(bicep ? BICEP_NAME : /\.jsonc?$/i, '');
  const candidates = bicep ? [`${name}.bicepparam`, `${name}.parameters.json`] : [`${name}.parameters.json`];
  for (const file of candidates) {
    const kind = folder?.kindOf(file) ?? 'stat';
    if (kind === 'none') continue;
    const candidate = join(dirname(template), file);
    if (kind === 'file') return candidate;
    // No exception (and its stack) per missing file.
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return undefined;
}

const PARAMETERS_NAME = /\.(?:parameters\.jsonc?|bicepparam)$/i;

/**
 * A parameters file named on the command line (pre-commit passes a changed `main.parameters.json`
 * or `main.bicepparam` alone) is checked through the template it belongs to: `main.json` or
 * `main.bicep` beside it, whose parameters file it is, is added as a named file. A `.bicepparam`
 * file is never a template itself and is replaced; a `*.parameters.json` stays (it may be one).
 */
export function withTemplatesOfParameters(candidates: readonly Candidate[], cwd: string, ignore: (absolute: string) => boolean): Candidate[] {
  const found = new Map(candidates.map((candidate) => [candidate.path, candidate]));
  for (const candidate of candidates) {
    if (!candidate.explicit || candidate.text !== undefined || !PARAMETERS_NAME.test(candidate.path)) continue;
    const stem = candidate.path.replace(PARAMETERS_NAME, '');
    const template = ['.json', '.jsonc', '.bicep']
      .map((extension) => stem + extension)
      .find((path) => statSync(path, { throwIfNoEntry: false })?.isFile() && parametersFileFor(path) === candidate.path && !ignore(path));
    if (!template) continue;
    if (BICEP_PARAMS_NAME.test(candidate.path)) found.delete(candidate.path);
    if (!found.has(template)) found.set(template, { path: template, display: displayPath(template, cwd), explicit: true });
  }
  return [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}

/** A matcher for ignore globs relative to `baseDir`. */
export function ignoreMatcher(globs: readonly string[] | undefined, baseDir: string): (absolute: string) => boolean {
  if (!globs || globs.length === 0) return () => false;
  const match = picomatch(globs as string[], { dot: true });
  return (absolute) => {
    const rel = relative(baseDir, absolute).split(sep).join('/');
    return !rel.startsWith('..') && match(rel);
  };
}
