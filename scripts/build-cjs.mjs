// Builds dist/cjs/: a CommonJS copy of the library entry points (`patchwise`, `patchwise/rules`,
// `patchwise/pulumi`, `patchwise/policy`) for `require()` consumers, such as Pulumi's default
// TypeScript template and the policy-pack runner. Node 20 cannot require() the ES modules.
// Run by `npm run build` after tsc, whose declarations (dist/**/*.d.ts) it copies beside the code:
// under dist/cjs/package.json ({"type":"commonjs"}) TypeScript reads them as CommonJS declarations.
import { build, transform } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'cjs');
const ENTRY_POINTS = ['src/api.ts', 'rules/index.ts', 'components/pulumi/index.ts', 'components/policy/index.ts'];

/** The source files the entry points reach at run time (esbuild's own resolution, packages left out). */
async function reachableSources() {
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: 'unused',
    logLevel: 'warning',
  });
  return Object.keys(metafile.inputs).filter((file) => file.endsWith('.ts'));
}

/** The declaration files the entry points' declarations reach (type-only modules have no code to find). */
function reachableDeclarations() {
  const seen = new Set();
  const pending = ENTRY_POINTS.map((entry) => join(root, 'dist', entry.replace(/\.ts$/, '.d.ts')));
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from\s+|import\()['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
      pending.push(resolve(dirname(file), `${match[1]}.d.ts`));
    }
  }
  return [...seen].map((file) => relative(join(root, 'dist'), file));
}

rmSync(outDir, { recursive: true, force: true });

// Each module on its own, through the transform API: without the package's "type": "module" in
// view, esbuild compiles `import x from './x.js'` to `require('./x.js').default` (in Node's ESM
// mode it would hand over the whole exports object instead).
for (const source of await reachableSources()) {
  const { code } = await transform(readFileSync(join(root, source), 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcefile: source,
    // The modules that locate the package or load CommonJS dependencies use import.meta.url.
    define: { 'import.meta.url': '__patchwiseModuleUrl' },
    banner: "const __patchwiseModuleUrl = require('node:url').pathToFileURL(__filename).href;",
  });
  const target = join(outDir, source.replace(/\.ts$/, '.js'));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, code);
}

for (const declaration of reachableDeclarations()) {
  const source = join(root, 'dist', declaration);
  if (!existsSync(source)) throw new Error(`build-cjs: ${declaration} missing: run tsc first`);
  mkdirSync(dirname(join(outDir, declaration)), { recursive: true });
  copyFileSync(source, join(outDir, declaration));
}

writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
