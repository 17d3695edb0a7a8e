#!/usr/bin/env node
// Thin launcher: the bundled CLI lives in dist/cli/ (built by `npm ci` through the prepare script).
import { tuneRuntime } from '../dist/cli/runtime-tuning.js';

// Before the CLI is loaded, so that its functions are compiled under the tuned flags and cached.
tuneRuntime();

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
