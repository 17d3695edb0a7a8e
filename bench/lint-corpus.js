#!/usr/bin/env node
// Benchmark: lint every template of the shared corpus in-process and compare with a baseline
// measured in the same run: JSON.parse of the same files plus a full walk of the parsed values.
// Also measures CLI start-up (`--version`, one-file lint) against a bare `node -e ''`.
// Usage: npm run bench:lint-corpus [-- --rounds N --corpus PATH]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({ options: { rounds: { type: 'string', default: '7' }, corpus: { type: 'string' } } });
const rounds = Number(options.rounds);
const corpus = options.corpus ?? join(root, '..', 'shared', 'corpus');

const { lintTemplate } = await import(join(root, 'dist/src/engine/lint.js'));
const { ALL_RULES } = await import(join(root, 'dist/rules/index.js'));

function listTemplates(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listTemplates(path));
    else if (name.endsWith('.json') && !/\.parameters\.json$/i.test(name)) {
      const text = readFileSync(path, 'utf8');
      if (/deploymentTemplate\.json/i.test(text.slice(0, 4096))) {
        const parametersPath = join(dirname(path), basename(path).replace(/\.json$/i, '.parameters.json'));
        let parameters;
        try {
          parameters = { file: relative(corpus, parametersPath), text: readFileSync(parametersPath, 'utf8') };
        } catch {
          parameters = undefined;
        }
        out.push({ file: relative(corpus, path), text, parameters });
      }
    }
  }
  return out;
}

function walk(value) {
  let count = 0;
  const stack = [value];
  while (stack.length) {
    const current = stack.pop();
    count++;
    if (current !== null && typeof current === 'object') {
      if (Array.isArray(current)) for (const item of current) stack.push(item);
      else for (const key of Object.keys(current)) stack.push(current[key]);
    }
  }
  return count;
}

function baseline(inputs) {
  let nodes = 0;
  for (const input of inputs) {
    nodes += walk(JSON.parse(input.text.replace(/^\uFEFF/, '')));
    if (input.parameters) nodes += walk(JSON.parse(input.parameters.text.replace(/^\uFEFF/, '')));
  }
  return nodes;
}

function lintAll(inputs, allowedValues = true) {
  let resources = 0;
  let findings = 0;
  const today = new Date('2026-11-23T00:00:00Z');
  for (const input of inputs) {
    const result = lintTemplate(input, { rules: ALL_RULES, today, allowedValues });
    resources += result.expandedResources;
    findings += result.findings.length;
  }
  return { resources, findings };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn) {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

const inputs = listTemplates(corpus);
const bytes = inputs.reduce((sum, input) => sum + input.text.length, 0);
// Warm-up (JIT), then alternate the two measurements so machine noise hits both alike.
baseline(inputs);
lintAll(inputs);
const baselineTimes = [];
const lintTimes = [];
const coreTimes = [];
let resources = 0;
for (let round = 0; round < rounds; round++) {
  baselineTimes.push(time(() => baseline(inputs)).ms);
  const run = time(() => lintAll(inputs));
  lintTimes.push(run.ms);
  resources = run.result.resources;
  coreTimes.push(time(() => lintAll(inputs, false)).ms);
}
const baseMs = median(baselineTimes);
const lintMs = median(lintTimes);
const coreMs = median(coreTimes);

function spawnMs(argv, repeat = 7) {
  const times = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    try {
      execFileSync(process.execPath, argv, { cwd: root, stdio: 'ignore' });
    } catch {
      // lint exits 1 on findings: the time still counts
    }
    times.push(performance.now() - start);
  }
  return median(times);
}

const nodeMs = spawnMs(['-e', '']);
const versionMs = spawnMs([join(root, 'bin/patchwise.js'), '--version']);
const singleMs = spawnMs([join(root, 'bin/patchwise.js'), 'lint', join(root, 'fixtures/arm/valid/windows-vm-platform-patching.json')]);

const rate = (count, ms) => (count / (ms / 1000)).toFixed(0);
console.log(`corpus: ${inputs.length} templates, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${resources} expanded resources; median of ${rounds} rounds`);
console.log(`baseline (JSON.parse + walk): ${baseMs.toFixed(1)} ms  ${rate(inputs.length, baseMs)} templates/s`);
console.log(`patchwise lint (in-process):  ${lintMs.toFixed(1)} ms  ${rate(inputs.length, lintMs)} templates/s  ${rate(resources, lintMs)} resources/s`);
console.log(`  without allowedValues variants: ${coreMs.toFixed(1)} ms (ratio ${(coreMs / baseMs).toFixed(2)}x)`);
console.log(`ratio lint / baseline: ${(lintMs / baseMs).toFixed(2)}x (target <= 3x)`);
console.log(`start-up: node -e '' ${nodeMs.toFixed(0)} ms; patchwise --version ${versionMs.toFixed(0)} ms; one-file lint ${singleMs.toFixed(0)} ms (target < 300 ms)`);
