/**
 * `npm run convert:corpus`: convert every fixture, every compute template of ../shared/corpus and
 * the `main.bicep` of each AVM module there (../shared/corpus-bicep), type-check each group's
 * programs in one tsc run, lint them statically, and print the rates (converted / type-checks /
 * lints clean) with the ts-morph load time and per-file convert and lint times.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { typeCheck } from './convert-check.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = join(REPO_ROOT, '..', 'shared', 'corpus');
const BICEP_CORPUS = join(REPO_ROOT, '..', 'shared', 'corpus-bicep');

function templates(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return templates(path);
    return name.endsWith('.json') && !name.endsWith('.parameters.json') ? [path] : [];
  });
}

const started = performance.now();
await import('ts-morph');
const tsMorphLoad = performance.now() - started;
const { convertTemplate } = await import('../components/convert/convert.js');
const { lintPulumiProgram } = await import('../components/typescript/lint.js');
const { ALL_RULES } = await import('../rules/index.js');
const { BicepSupport } = await import('../src/cli/bicep-support.js');

const index = JSON.parse(readFileSync(join(CORPUS, 'index.json'), 'utf8')) as Array<{ path: string; computeResourceTypes: string[] }>;
const groups: Record<string, string[]> = {
  fixtures: templates(join(REPO_ROOT, 'fixtures', 'arm')).filter((path) => !path.includes('parse-error')),
  corpus: index.filter((entry) => entry.computeResourceTypes.length > 0).map((entry) => join(CORPUS, entry.path)),
  // corpus/avm/avm/<module>/main.json was compiled from corpus-bicep/avm/<module>/main.bicep.
  bicep: index
    .filter((entry) => entry.path.startsWith('avm/avm/') && entry.path.endsWith('/main.json'))
    .map((entry) => join(BICEP_CORPUS, entry.path.slice('avm/'.length).replace(/main\.json$/, 'main.bicep'))),
};
// The Bicep reader as the CLI gives it (local modules from disk); no registry cache, so every machine reads the same.
const bicep = await BicepSupport.load(groups.bicep, REPO_ROOT, { cacheRoot: join(BICEP_CORPUS, 'no-bicep-cache') });
for (const [group, paths] of Object.entries(groups)) {
  const programs: string[] = [];
  const failures: string[] = [];
  let convertMs = 0;
  for (const path of paths) {
    const start = performance.now();
    try {
      const reader = path.endsWith('.bicep') ? bicep?.readerFor(path) : undefined;
      programs.push(convertTemplate({ file: relative(REPO_ROOT, path), text: readFileSync(path, 'utf8') }, { reader }).files['index.ts']);
    } catch (error) {
      failures.push(`${relative(REPO_ROOT, path)}: ${(error as Error).message}`);
    }
    convertMs += performance.now() - start;
  }
  const typeErrors = typeCheck(programs);
  let clean = 0;
  let lintMs = 0;
  for (const program of programs) {
    const start = performance.now();
    const findings = lintPulumiProgram({ file: 'index.ts', text: program }, { rules: ALL_RULES }).findings;
    lintMs += performance.now() - start;
    if (!findings.some((finding) => finding.severity === 'error' && !finding.suppressed)) clean += 1;
  }
  const todos = programs.reduce((sum, program) => sum + (program.match(/TODO\(patchwise\)/g)?.length ?? 0), 0);
  console.log(
    `${group}: ${paths.length} templates, converted ${programs.length}, type-check ${programs.length - typeErrors.size}, lint clean ${clean}; ` +
      `convert ${(convertMs / paths.length).toFixed(0)} ms/template, static lint ${(lintMs / programs.length).toFixed(0)} ms/program, ${todos} TODO(patchwise) lines`,
  );
  for (const failure of failures) console.log(`  not converted: ${failure}`);
  for (const [program, error] of typeErrors) console.log(`  type error: program ${program}: ${error}`);
}
console.log(`ts-morph load: ${tsMorphLoad.toFixed(0)} ms`);
