/** Reading a file as it was at a git revision (for `--baseline-ref`). */
import { execFileSync } from '../lazy-builtins.js';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './files.js';

/** The file's text at `ref`, or null when the file did not exist at that revision. */
export function readAtRevision(file: string, ref: string): string | null {
  if (!/^[\w./~^@{}-]+$/.test(ref) || ref.startsWith('-')) throw new UsageError(`not a git revision: ${ref}`);
  const cwd = dirname(file);
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    throw new UsageError(`--baseline-ref: '${ref}' is not a revision of the git repository of ${file}`);
  }
  try {
    return execFileSync('git', ['show', `${ref}:./${basename(file)}`], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
}

/** The git work tree holding `folder` (the nearest parent with `.git`), else undefined. */
export function repositoryRoot(folder: string): string | undefined {
  for (let dir = resolve(folder); ;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
