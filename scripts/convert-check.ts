/** Converting templates and type-checking the generated programs in one `tsc` run. */
import { GENERATED_COMPILER_OPTIONS } from '../components/convert/project-files.js';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Inside the repository, so `@pulumi/*` resolve from its node_modules. */
export const CHECK_ROOT = join(REPO_ROOT, 'node_modules', '.cache', 'patchwise-convert-check');

/**
 * Write each program to `<root>/<n>/index.ts` and type-check them all with one `tsc -p` (strict,
 * NodeNext, as the generated tsconfig.json); `patchwise/pulumi` is mapped to the components' source.
 * Returns the programs (by index) that have errors, with their first error.
 */
export function typeCheck(programs: readonly string[], root = CHECK_ROOT): Map<number, string> {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  programs.forEach((text, index) => {
    mkdirSync(join(root, String(index)), { recursive: true });
    writeFileSync(join(root, String(index), 'index.ts'), text);
  });
  const config = {
    compilerOptions: {
      ...GENERATED_COMPILER_OPTIONS,
      noEmit: true,
      types: [],
      paths: { 'patchwise/pulumi': [join(REPO_ROOT, 'components', 'pulumi', 'index.ts')] },
    },
    include: ['*/index.ts'],
  };
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify(config));
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], {
    encoding: 'utf8',
  });
  const failed = new Map<number, string>();
  for (const line of result.stdout.split('\n')) {
    const match = /(?:^|[\\/])(\d+)[\\/]index\.ts\(\d+,\d+\): (error .*)$/.exec(line);
    if (match && !failed.has(Number(match[1]))) failed.set(Number(match[1]), match[2]);
  }
  return failed;
}
