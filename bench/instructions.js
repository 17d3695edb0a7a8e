// Instructions executed by a node process, counted by valgrind (callgrind) with V8 on one thread:
// unlike wall time, the count barely moves with the load of a shared machine (about ±1% between
// runs), so small steps can be compared. A run takes about 50x its wall time.
// Used by bench/lint-corpus.js --instructions; null when valgrind is not installed.
import { spawnSync } from 'node:child_process';

export function valgrindAvailable() {
  return spawnSync('valgrind', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Instructions of `node --single-threaded ...argv` (lint's exit code 1 counts as a run). */
export function countInstructions(argv, cwd) {
  const result = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', ...argv], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const match = /Collected : (\d+)/.exec(result.stderr ?? '');
  if (!match) throw new Error(`valgrind ${argv.join(' ')}: no instruction count (exit ${result.status})`);
  return Number(match[1]);
}
