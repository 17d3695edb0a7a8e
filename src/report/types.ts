import type { LintResult } from '../engine/finding.js';

export interface FormatOptions {
  /** Use ANSI colours (decided by the CLI: a terminal and no NO_COLOR). */
  color: boolean;
  /** Working directory: finding files are relative to it. */
  cwd: string;
}

export type Formatter = (result: LintResult, options: FormatOptions) => string;
