#!/usr/bin/env node
// Benchmark: `patchwise lint DIR` as users run it (a fresh process), against a baseline process
// that only reads, JSON.parses and walks the same files (bench/read-baseline.js), measured in the
// same rounds. The machine is shared and noisy: every round runs the baseline and every command
// back to back, the ratio is taken per round and the median of the rounds is reported.
// Also: MB allocated and peak heap of one run (bench/heap-probe.js), and start-up (`--version`
// against a bare `node -e ''`).
// Usage: npm run bench:lint-corpus [-- --rounds N --corpus DIR --cli LABEL=path/to/bin/patchwise.js … --instructions]
//   Several --cli compare builds (e.g. an earlier commit) in the same rounds; default: this checkout.
//   --instructions: also count the instructions of each run with valgrind (bench/instructions.js),
//   a measure that a loaded machine hardly moves (slow: about a minute per run).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { countInstructions, valgrindAvailable } from './instructions.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    corpus: { type: 'string' },
    cli: { type: 'string', multiple: true },
    'startup-rounds': { type: 'string', default: '11' },
    instructions: { type: 'boolean', default: false },
  },
});
const rounds = Number(options.rounds);
const corpus = resolve(options.corpus ?? join(root, '..', 'shared', 'corpus'));
const clis = (options.cli ?? [`this=${join(root, 'bin/patchwise.js')}`]).map((entry) => {
  const at = entry.indexOf('=');
  return at > 0 ? { label: entry.slice(0, at), bin: resolve(entry.slice(at + 1)) } : { label: entry, bin: resolve(entry) };
});
const scratch = mkdtempSync(join(tmpdir(), 'patchwise-bench-'));
const baselineScript = join(root, 'bench/read-baseline.js');
const probe = join(root, 'bench/heap-probe.js');

function corpusBytes(dir) {
  let bytes = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) bytes += corpusBytes(path);
    else if (name.endsWith('.json') && !name.endsWith('.parameters.json') && name !== 'index.json') bytes += stat.size;
  }
  return bytes;
}

/** Wall time of one process; lint exits 1 on findings, which still counts. */
function run(argv, env = {}) {
  const start = performance.now();
  const result = spawnSync(process.execPath, argv, { cwd: root, stdio: 'ignore', env: { ...process.env, ...env } });
  const ms = performance.now() - start;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${argv.join(' ')} exited with ${result.status}`);
  return ms;
}

const lintArgs = (cli, extra) => [cli.bin, 'lint', corpus, '--format', 'json', '--output', join(scratch, 'out.json'), ...extra];
const modes = [
  { label: 'default', extra: [] },
  { label: '--no-allowed-values', extra: ['--no-allowed-values'] },
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// Warm-up: file cache and disk, not measured.
run([baselineScript, corpus]);
for (const cli of clis) run(lintArgs(cli, []));

const samples = new Map();
const baselineMs = [];
for (let round = 0; round < rounds; round++) {
  const base = run([baselineScript, corpus]);
  baselineMs.push(base);
  for (const cli of clis) {
    for (const mode of modes) {
      const key = `${cli.label}\u0000${mode.label}`;
      const ms = run(lintArgs(cli, mode.extra));
      const entry = samples.get(key) ?? { ms: [], ratio: [] };
      entry.ms.push(ms);
      entry.ratio.push(ms / base);
      samples.set(key, entry);
    }
  }
  process.stderr.write(`round ${round + 1}/${rounds}\n`);
}

function heap(cli, argv) {
  const out = join(scratch, 'heap.json');
  run(['--import', probe, ...argv], { PATCHWISE_HEAP_PROBE: out });
  return JSON.parse(readFileSync(out, 'utf8'));
}

// Start-up: interleaved pairs, the median of the differences.
const startup = new Map();
for (let round = 0; round < Number(options['startup-rounds']); round++) {
  const bare = run(['-e', '']);
  for (const cli of clis) {
    const list = startup.get(cli.label) ?? [];
    list.push(run([cli.bin, '--version']) - bare);
    startup.set(cli.label, list);
  }
}

const bytes = corpusBytes(corpus);
const mb = (value) => (value / 1024 / 1024).toFixed(1);
console.log(
  `corpus: ${corpus} (${mb(bytes)} MB of templates); median of ${rounds} interleaved rounds; baseline (read + JSON.parse + walk, own process) ${median(baselineMs).toFixed(0)} ms`,
);
console.log('');
console.log('| build | mode | wall ms | ratio | MB allocated | peak heap above start-up MB (x corpus) | start-up above node ms |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const cli of clis) {
  const startHeap = heap(cli, [cli.bin, '--version']).end;
  for (const mode of modes) {
    const entry = samples.get(`${cli.label}\u0000${mode.label}`);
    const memory = heap(cli, lintArgs(cli, mode.extra));
    const above = memory.peak - startHeap;
    const startupMs = mode === modes[0] ? median(startup.get(cli.label)).toFixed(0) : '';
    console.log(
      `| ${cli.label} | ${mode.label} | ${median(entry.ms).toFixed(0)} | ${median(entry.ratio).toFixed(2)} | ${mb(memory.allocated)} | ${mb(above)} (${(above / bytes).toFixed(1)}) | ${startupMs} |`,
    );
  }
}
console.log('');
console.log(
  'Targets (issue 14): default ratio <= 2.0; default at most +20% over --no-allowed-values; peak heap above start-up <= 3x the corpus; start-up <= 150 ms above node.',
);
if (options.instructions) printInstructions();
rmSync(scratch, { recursive: true, force: true });

/** The same runs counted in instructions (one run each: the count is steady). */
function printInstructions() {
  if (!valgrindAvailable()) {
    console.log('\n--instructions: valgrind is not installed; skipped.');
    return;
  }
  const giga = (count) => (count / 1e9).toFixed(2);
  const node = countInstructions(['-e', ''], root);
  const base = countInstructions([baselineScript, corpus], root);
  console.log('');
  console.log(`Instructions (valgrind, V8 single-threaded): bare node ${giga(node)} G, baseline ${giga(base)} G`);
  console.log('');
  console.log('| build | mode | G instructions | ratio | --version above node (G) |');
  console.log('| --- | --- | ---: | ---: | ---: |');
  for (const cli of clis) {
    const version = countInstructions([cli.bin, '--version'], root) - node;
    for (const mode of modes) {
      const count = countInstructions(lintArgs(cli, mode.extra), root);
      console.log(`| ${cli.label} | ${mode.label} | ${giga(count)} | ${(count / base).toFixed(2)} | ${mode === modes[0] ? giga(version) : ''} |`);
    }
  }
}
