/** Finding the templates to lint: files as given, folders searched for ARM templates. */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';

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
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'coverage']);
const TEMPLATE_SCHEMA = /"\$schema"\s*:\s*"[^"]*deploymentTemplate\.json/i;
const PARAMETERS_NAME = /\.parameters(\.[^.]+)?\.jsonc?$/i;

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  const shown = rel && !rel.startsWith('..') ? rel : path;
  return shown.split(sep).join('/');
}

/**
 * Expand paths into template candidates. Folders are searched recursively for `.json`/`.jsonc`
 * files whose `$schema` is a deployment template; parameter files are never templates.
 */
export function findTemplates(paths: readonly string[], cwd: string, ignore: (absolute: string) => boolean): Candidate[] {
  const found = new Map<string, Candidate>();
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      throw new UsageError(`no such file or folder: ${given}`);
    }
    if (stats.isDirectory()) {
      for (const file of walk(absolute)) {
        if (ignore(file) || PARAMETERS_NAME.test(basename(file)) || !hasTemplateSchema(file)) continue;
        if (!found.has(file)) found.set(file, { path: file, display: displayPath(file, cwd), explicit: false });
      }
    } else if (!ignore(absolute)) {
      found.set(absolute, { path: absolute, display: displayPath(absolute, cwd), explicit: true });
    }
  }
  return [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}

function* walk(folder: string): Generator<string> {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) yield* walk(path);
    } else if (entry.isFile() && /\.jsonc?$/i.test(entry.name)) {
      yield path;
    }
  }
}

/** Cheap check before parsing: the first 4 KB mention a deployment template schema. */
function hasTemplateSchema(file: string): boolean {
  try {
    const text = readFileSync(file, 'utf8');
    return TEMPLATE_SCHEMA.test(text.slice(0, 4096)) || (text.length > 4096 && TEMPLATE_SCHEMA.test(text));
  } catch {
    return false;
  }
}

/** `azuredeploy.json` → `azuredeploy.parameters.json` beside it, when it exists. */
export function parametersFileFor(template: string): string | undefined {
  const name = basename(template).replace(/\.jsonc?$/i, '');
  const candidate = join(dirname(template), `${name}.parameters.json`);
  try {
    return statSync(candidate).isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
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
