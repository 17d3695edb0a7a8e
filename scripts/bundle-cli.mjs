// Bundles the CLI into dist/cli/ so start-up loads a handful of files instead of ~100 modules.
// Commands stay in their own chunks (loaded on demand); nothing here can reach Pulumi.
// Run by `npm run build` after tsc (which type-checks and emits dist/src for library use).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

rmSync(join(root, 'dist', 'cli'), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  // The launcher's runtime tuning is its own entry: it runs before the CLI is loaded.
  entryPoints: ['src/cli/main.ts', 'src/cli/runtime-tuning.ts'],
  outdir: 'dist/cli',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // ESM builds of dependencies (jsonc-parser's UMD build cannot be bundled).
  mainFields: ['module', 'main'],
  // ajv is loaded with createRequire only when a config file exists; keep it out of the bundle.
  // ts-morph (with its own TypeScript) is loaded only by the chunk that lints Pulumi programs.
  external: ['ajv', 'ajv-formats', 'windows-iana', '@pulumi/*', 'ts-morph'],
  // CommonJS dependencies (yargs) call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __patchwiseRequire } from 'node:module'; const require = __patchwiseRequire(import.meta.url);" },
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: false,
});
