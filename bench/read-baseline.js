#!/usr/bin/env node
// The baseline of bench/lint-corpus.js, run as its own process so it pays node's start-up like
// the CLI does: read every template of a folder once, JSON.parse it and walk every value.
// The file set is the CLI's: `*.json` files except `*.parameters.json` and `index.json`.
// Usage: node bench/read-baseline.js DIR
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function walk(value) {
  let count = 0;
  const stack = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    count++;
    if (current !== null && typeof current === 'object') {
      if (Array.isArray(current)) for (const item of current) stack.push(item);
      else for (const key of Object.keys(current)) stack.push(current[key]);
    }
  }
  return count;
}

function visit(dir) {
  let nodes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) nodes += visit(path);
    else if (entry.name.endsWith('.json') && !entry.name.endsWith('.parameters.json') && entry.name !== 'index.json') {
      try {
        nodes += walk(JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')));
      } catch {
        // not strict JSON: still read, as the CLI reads it
      }
    }
  }
  return nodes;
}

process.stdout.write(`${visit(process.argv[2] ?? '.')}\n`);
