/** Generated source files of the derive scripts: written, or with `--check` compared with the committed copy. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `script`: the script's name for messages; `command`: the npm script that regenerates the file. Exits 1 when `check` finds it out of date. */
export function writeGenerated(path: string, text: string, options: { check: boolean; script: string; command: string }): void {
  const shown = relative(repoRoot, path).split('\\').join('/');
  if (options.check) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current !== text) {
      console.error(`${options.script}: ${shown} is out of date; run ${options.command}`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(path, text);
  console.log(`wrote ${path} (${(text.length / 1024).toFixed(0)} KB)`);
}
