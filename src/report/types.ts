import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { LintResult } from '../engine/finding.js';

export interface FormatOptions {
  /** Use ANSI colours (decided by the CLI: a terminal and no NO_COLOR). */
  color: boolean;
  /** Working directory: finding files are relative to it. */
  cwd: string;
  /**
   * The repository root (the git work tree holding the working directory; else the working
   * directory). SARIF and GitHub annotations name files relative to it, as GitHub resolves them,
   * so running from a subfolder gives the same paths and fingerprints.
   */
  root?: string;
}

/** A finding's file as the repository knows it: relative to `root`, forward slashes. */
export function repositoryPath(file: string, options: Pick<FormatOptions, 'cwd' | 'root'>): string {
  const root = options.root ?? options.cwd;
  const absolute = isAbsolute(file) ? file : resolve(options.cwd, file);
  const rel = relative(root, absolute);
  // Backslashes too: a path given on Windows reaches here with them.
  return (rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file).split(sep).join('/').replace(/\\/g, '/');
}

export type Formatter = (result: LintResult, options: FormatOptions) => string;
