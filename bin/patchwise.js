#!/usr/bin/env node
// Thin launcher: the bundled CLI lives in dist/cli/ (built by `npm ci` through the prepare script).
import { setFlagsFromString } from 'node:v8';

// A CLI run is short, and most of its code runs a few hundred times: V8's optimizing compiler spent
// about a third of a corpus lint's instructions compiling code that did not run long enough to pay
// back. Four times V8's default interrupt budget (67,584) leaves that code to the baseline tiers and
// still optimizes what stays hot (docs/performance.md, round 5). Set before the CLI is loaded, so
// its functions get the budget; a budget the user gives node (NODE_OPTIONS, flags) is kept.
if (![...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((flag) => flag.replace(/_/g, '-').startsWith('--interrupt-budget'))) {
  setFlagsFromString('--interrupt-budget=270336');
}

const { main } = await import('../dist/cli/main.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`patchwise: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
