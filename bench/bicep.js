#!/usr/bin/env node
// Benchmark: lint the `main.bicep` of every compiled AVM module of the shared corpus and, in the
// same run, its compiled `main.json` (what `az bicep build` makes of it). Reports the ratio
// (target: at most 1.5) and the CLI start-up of `--version` and of linting a small JSON template
// against a bare `node -e ''` (the Bicep reader must not be loaded for them).
// Registry modules are read from a throw-away restore cache filled from main.json (as in the
// differential test), so both sides lint the same resources; the ratio without that cache (the
// .bicep side then skips the registry modules) is printed too.
// Usage: npm run bench:bicep [-- --rounds N]   (runs under tsx: the cache builder is TypeScript)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({ options: { rounds: { type: 'string', default: '7' } } });
const rounds = Number(options.rounds);
const bicepRoot = join(root, '..', 'shared', 'corpus-bicep', 'avm');
const jsonRoot = join(root, '..', 'shared', 'corpus', 'avm', 'avm');

const { lintTemplate } = await import(join(root, 'dist/src/engine/lint.js'));
const { ALL_RULES } = await import(join(root, 'dist/rules/index.js'));
const { bicepReader } = await import(join(root, 'dist/src/bicep/index.js'));
const { restoreCacheFromCompiled } = await import(join(root, 'test/helpers/bicep-restore-cache.ts'));

function modules(folder = jsonRoot, out = []) {
  for (const entry of readdirSync(folder).sort()) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) modules(path, out);
    else if (entry === 'main.json') out.push(relative(jsonRoot, folder));
  }
  return out;
}

const pairs = modules().map((module) => ({
  module,
  bicepPath: join(bicepRoot, module, 'main.bicep'),
  bicep: readFileSync(join(bicepRoot, module, 'main.bicep'), 'utf8'),
  json: readFileSync(join(jsonRoot, module, 'main.json'), 'utf8'),
}));
const restoreCache = mkdtempSync(join(tmpdir(), 'patchwise-bench-cache-'));
for (const pair of pairs) restoreCacheFromCompiled(pair.bicepPath, JSON.parse(pair.json), restoreCache);
const context = { rules: ALL_RULES, today: new Date('2026-11-23T00:00:00Z') };
const readText = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

function lintAllBicep(cacheRoot = restoreCache) {
  // A new reader per round, as per CLI run: module files are read and lowered again.
  const read = bicepReader({ readText, display: (path) => relative(bicepRoot, path), cacheRoot });
  for (const pair of pairs)
    lintTemplate({ file: pair.module, text: pair.bicep, reader: { template: (input) => read(input.file, pair.bicepPath, input.text) } }, context);
}

function lintAllJson() {
  for (const pair of pairs) lintTemplate({ file: pair.module, text: pair.json }, context);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(fn) {
  fn(); // warm-up
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

// Interleave so that load on the machine affects both alike.
const bicepTimes = [];
const jsonTimes = [];
const uncachedTimes = [];
for (let i = 0; i < 3; i++) {
  bicepTimes.push(measure(() => lintAllBicep()));
  jsonTimes.push(measure(lintAllJson));
  uncachedTimes.push(measure(() => lintAllBicep(join(restoreCache, 'none'))));
}
rmSync(restoreCache, { recursive: true, force: true });
const bicepMs = median(bicepTimes);
const jsonMs = median(jsonTimes);
const uncachedMs = median(uncachedTimes);

function startup(argv) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    execFileSync(process.execPath, argv, { cwd: root, stdio: 'ignore' });
    times.push(performance.now() - start);
  }
  return median(times);
}
const bare = startup(['-e', '']);
const version = startup([join(root, 'bin/patchwise.js'), '--version']);
const lintJson = startup([join(root, 'bin/patchwise.js'), 'lint', 'fixtures/arm/valid/linux-vm-platform-patching.json']);

console.log(`modules: ${pairs.length} (main.bicep vs compiled main.json)`);
console.log(
  `lint main.bicep: ${bicepMs.toFixed(1)} ms, lint main.json: ${jsonMs.toFixed(1)} ms, ratio ${(bicepMs / jsonMs).toFixed(2)} (target <= 1.5; registry modules from the restore cache)`,
);
console.log(`without the restore cache: lint main.bicep ${uncachedMs.toFixed(1)} ms, ratio ${(uncachedMs / jsonMs).toFixed(2)} (registry modules not read)`);
console.log(
  `start-up --version: ${version.toFixed(0)} ms, lint of a small JSON template: ${lintJson.toFixed(0)} ms (node -e '': ${bare.toFixed(0)} ms; target < 300 ms)`,
);
