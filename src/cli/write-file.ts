/**
 * Every file patchwise writes goes through here: `--fix` rewrites templates, `--output` writes
 * reports. Both must never destroy what they do not own. CI runs as root, where a careless
 * rename replaces `/dev/null` or a symbolic link, so the target is inspected first.
 */
import {
  chmodSync,
  chownSync,
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError, type Candidate } from './files.js';
import { describeFsError } from './text-file.js';

/** A file could not be written: a clear message, exit 2. */
export class WriteError extends UsageError {}

/**
 * Rewrite an existing file with new content (`--fix`), keeping what makes it the same file: a
 * symbolic link is written through to its target; mode (setuid and all) and owner are kept; a
 * file with several hard links is rewritten in place so every name sees the fix. A read-only file
 * (no owner write bit) is refused even for root. `read`: the bytes the fix was computed from; a
 * file that no longer holds them (an editor saved it meanwhile) is refused, never overwritten.
 */
export function rewriteFile(path: string, content: Uint8Array, read: Uint8Array): void {
  let target: string;
  let stats: Stats;
  try {
    target = realpathSync(path);
    stats = statSync(target);
  } catch (error) {
    throw new WriteError(`cannot write ${path}: ${describeFsError(error)}`);
  }
  if (!stats.isFile()) throw new WriteError(`cannot write ${path}: not a regular file`);
  if ((stats.mode & 0o200) === 0) throw new WriteError(`cannot write ${path}: the file is read-only (make it writable to apply fixes)`);
  const unchanged = () => {
    if (!holds(target, read)) throw new WriteError(`cannot write ${path}: it changed since patchwise read it (saved meanwhile?): run --fix again`);
  };
  if (stats.nlink > 1) {
    // Renaming a new file over it would detach the other names: write into the same file.
    unchanged();
    writeInPlace(target, content);
    return;
  }
  try {
    // Checked after the new text is on disk, just before the rename: the smallest window.
    replaceAtomically(target, content, stats, unchanged);
  } catch (error) {
    if (error instanceof WriteError) throw error;
    if (!isPermissionError(error)) throw new WriteError(`cannot write ${path}: ${describeFsError(error)}`);
    // The folder is not writable but the file may be: write in place rather than fail.
    unchanged();
    writeInPlace(target, content);
  }
}

/** Does the file hold exactly these bytes? (Not readable: not as read.) */
function holds(path: string, bytes: Uint8Array): boolean {
  try {
    return readFileSync(path).equals(bytes);
  } catch {
    return false;
  }
}

/** A file the run reads: a path, or a path with its real path when the caller already knows it (no realpath per file). */
export type ReportInput = string | { path: string; real?: string };

/** Every file a run reads (its candidates and the files its options name): `--output` may not name one of them. */
export function reportInputs(candidates: readonly Candidate[], optionFiles: ReadonlyArray<string | undefined>, cwd: string): ReportInput[] {
  return [
    ...candidates.map((candidate) => ({ path: candidate.path, real: candidate.real })),
    ...optionFiles.filter((path): path is string => Boolean(path)).map((path) => resolve(cwd, path)),
  ];
}

/**
 * Write a report (`--output`), or a file a command generates (`init`, `convert`). Refused: a
 * folder, a device or other special file, an input of this run (the template would be replaced by
 * its own report), a symbolic link that points outside the working folder. Missing parent folders
 * are created; the file is replaced atomically. `option`: the option that names the file, for
 * messages (`--output`); none for a file the command names itself.
 */
export function writeReport(path: string, text: string, options: { cwd: string; inputs: Iterable<ReportInput>; option?: string | null }): void {
  const option = options.option === undefined ? '--output' : options.option;
  const shownPath = isInside(options.cwd, path) ? relative(options.cwd, path) || path : path;
  const shown = option ? `${option} ${shownPath}` : shownPath;
  let target = path;
  let existing: Stats | undefined;
  try {
    const link = lstatSync(path);
    if (link.isSymbolicLink()) {
      target = linkTarget(path);
      if (!isInside(options.cwd, target)) {
        // /dev/stdout and /dev/fd/N are links to a pipe or terminal: say what to do instead.
        if (!isRegularFileOrMissing(path)) throw notRegularFile(shown, option);
        throw new WriteError(`${shown} is a symbolic link to ${target}, outside the working folder: refusing to write through it`);
      }
    }
    existing = statSync(target);
  } catch (error) {
    if (error instanceof WriteError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new WriteError(`cannot write ${shown}: ${describeFsError(error)}`);
  }
  if (existing?.isDirectory()) throw new WriteError(`${shown} is a folder: name a file`);
  if (existing && !existing.isFile()) throw notRegularFile(shown, option);
  if (isAnInput(target, existing !== undefined, options.inputs)) throw new WriteError(`${shown} is one of the files being read: refusing to overwrite it`);
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch (error) {
    throw new WriteError(`cannot create the folder of ${shown}: ${describeFsError(error)}`);
  }
  try {
    replaceAtomically(target, Buffer.from(text, 'utf8'), existing);
  } catch (error) {
    throw new WriteError(`cannot write ${shown}: ${describeFsError(error)}`);
  }
}

function notRegularFile(shown: string, option: string | null): WriteError {
  const hint = option === '--output' ? ': omit --output to print to standard output' : '';
  return new WriteError(`${shown} is not a regular file (a device, pipe or socket)${hint}`);
}

function isRegularFileOrMissing(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return true;
  }
}

/** A temporary file beside the target, then rename: a reader never sees half a file. `beforeRename` may refuse (throw). */
function replaceAtomically(target: string, content: Uint8Array, keep: Stats | undefined, beforeRename?: () => void): void {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  const descriptor = openSync(temporary, 'wx', keep ? keep.mode & 0o777 : 0o666);
  try {
    try {
      writeAll(descriptor, content);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    if (keep) {
      // Owner first: chown clears setuid/setgid, chmod then restores the whole mode.
      if (process.getuid?.() === 0 && (keep.uid !== 0 || keep.gid !== 0)) chownSync(temporary, keep.uid, keep.gid);
      chmodSync(temporary, keep.mode & 0o7777);
    }
    beforeRename?.();
    renameSync(temporary, target);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // already gone
    }
    throw error;
  }
}

function writeInPlace(target: string, content: Uint8Array): void {
  try {
    writeFileSync(target, content);
  } catch (error) {
    throw new WriteError(`cannot write ${target}: ${describeFsError(error)}`);
  }
}

function writeAll(descriptor: number, content: Uint8Array): void {
  let written = 0;
  while (written < content.length) written += writeSync(descriptor, content, written, content.length - written);
}

function linkTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // A dangling link: where it would write.
    const link = readlinkSync(path);
    return isAbsolute(link) ? link : resolve(dirname(path), link);
  }
}

/**
 * Is the report's target one of the inputs? When the target does not exist, only an input by the
 * same path (that does not exist either) can be it: no realpath at all. Else real paths are
 * compared, by the native realpath (as discovery's), which is one call where the JavaScript one
 * lstats every component.
 */
function isAnInput(target: string, exists: boolean, inputs: Iterable<ReportInput>): boolean {
  if (!exists) {
    for (const input of inputs) if (resolve(typeof input === 'string' ? input : input.path) === target) return true;
    return false;
  }
  const real = nativeRealpath(target);
  for (const input of inputs) {
    const resolved = typeof input === 'string' ? nativeRealpath(input) : (input.real ?? nativeRealpath(input.path));
    if (resolved === real) return true;
  }
  return false;
}

function nativeRealpath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(safeRealpath(folder), path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function isPermissionError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
}
