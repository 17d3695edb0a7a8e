/** Reading a file as it was at a git revision (for `--baseline-ref`). */
import { execFileSync } from '../lazy-builtins.js';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './files.js';

/**
 * The file's text at `ref`, or null when the file did not exist at that revision. Anything else
 * that stops git (git missing, no repository, an unknown revision, a repository git refuses to
 * read) is a usage error with git's own reason: a baseline that could not be read must not pass
 * as "every resource is new".
 */
export function readAtRevision(file: string, ref: string): string | null {
  if (!/^[\w./~^@{}-]+$/.test(ref) || ref.startsWith('-')) throw new UsageError(`not a git revision: ${ref}`);
  const cwd = dirname(file);
  const revision = runGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  if (!revision.ok) {
    throw new UsageError(
      revision.missing
        ? '--baseline-ref needs git, which was not found (install it, or put it on PATH)'
        : revision.status === 1 && !revision.stderr
          ? `--baseline-ref: '${ref}' is not a revision of the git repository of ${file}`
          : `--baseline-ref: git cannot read the repository of ${file}: ${revision.stderr || `exit code ${revision.status}`}`,
    );
  }
  const shown = runGit(['show', `${ref}:./${basename(file)}`], cwd);
  if (shown.ok) return shown.stdout;
  // "path 'x' does not exist in 'HEAD'", "path 'x' exists on disk, but not in 'HEAD'": a new file.
  if (/does not exist in|exists on disk, but not in/.test(shown.stderr)) return null;
  throw new UsageError(`--baseline-ref: git cannot show ${file} at '${ref}': ${shown.stderr || `exit code ${shown.status}`}`);
}

type GitResult = { ok: true; stdout: string } | { ok: false; missing: boolean; status: number | null; stderr: string };

function runGit(args: string[], cwd: string): GitResult {
  try {
    const stdout = execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true, stdout };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { status?: number | null; stderr?: string | Buffer };
    // git's first line says why ("fatal: not a git repository ..."); never more than that.
    const [stderr] = String(failure.stderr ?? '')
      .trim()
      .split('\n');
    return { ok: false, missing: failure.code === 'ENOENT', status: failure.status ?? null, stderr };
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
