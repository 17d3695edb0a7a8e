/**
 * The Bicep reader costs nothing to runs without Bicep: the built CLI (the bundle the bin runs)
 * loads the reader's chunk only when a `.bicep` or `.bicepparam` file is in the run. Checked on
 * a real process, with a module hook that records every file Node loads.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/lint-fixture.js';

const BUNDLE = join(REPO_ROOT, 'dist', 'cli');
/** A message only the Bicep lexer has: it marks the reader's chunk. */
const BICEP_MARKER = 'a string cannot span lines (use a multi-line string)';

function bundleFiles(dir = BUNDLE, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) bundleFiles(join(dir, entry.name), out);
    else if (entry.name.endsWith('.js')) out.push(join(dir, entry.name));
  }
  return out;
}

/** The files under dist/cli a `patchwise` process loaded for `args`. */
function loadedBundleFiles(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'patchwise-lazy-'));
  const log = join(dir, 'loaded.txt');
  const hooks = `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`;
  writeFileSync(join(dir, 'hooks.mjs'), hooks);
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
  );
  const run = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(join(dir, 'register.mjs')).href, join(REPO_ROOT, 'bin', 'patchwise.js'), ...args, '--format', 'json'],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  expect(run.status, run.stderr).toBeLessThan(2);
  const bundleUrl = pathToFileURL(BUNDLE).href;
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith(bundleUrl))
    .map((url) => url.slice(bundleUrl.length + 1));
}

describe.skipIf(!existsSync(join(BUNDLE, 'main.js')))('the Bicep reader is loaded only for Bicep files', () => {
  const chunks = existsSync(BUNDLE) ? bundleFiles().filter((file) => readFileSync(file, 'utf8').includes(BICEP_MARKER)) : [];
  const bicepChunk = chunks.length === 1 ? chunks[0].slice(BUNDLE.length + 1) : undefined;

  it('the reader is one chunk of its own, not part of the entry point', () => {
    expect(chunks).toHaveLength(1);
    expect(bicepChunk).not.toBe('main.js');
  });

  it('linting a JSON template does not load it; linting a .bicep file does', () => {
    const json = loadedBundleFiles(['lint', 'fixtures/arm/valid/linux-vm-platform-patching.json']);
    expect(json).toContain('main.js');
    expect(json).not.toContain(bicepChunk);
    expect(loadedBundleFiles(['lint', 'fixtures/bicep/windows-vm-loop.bicep'])).toContain(bicepChunk);
  });
});
