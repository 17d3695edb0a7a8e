/**
 * The built CLI writing into a pipe whose reader stops early (`patchwise lint | head` in a CI step
 * under `set -o pipefail`): no stack trace, and the exit code still says what the lint found.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO_ROOT } from './helpers/lint-fixture.js';

const BIN = join(REPO_ROOT, 'bin', 'patchwise.js');

/** A real pipe (node's own stdio pipes are sockets, which fail differently): bash runs `patchwise … | head -c 1`. */
function runIntoShortReader(args: string[]): { code: number; stderr: string } {
  const script = '"$@" | head -c 1 > /dev/null; exit "${PIPESTATUS[0]}"';
  const run = spawnSync('bash', ['-c', script, 'pipe', process.execPath, BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: run.status ?? -1, stderr: run.stderr };
}

/** Enough failing templates for a report larger than a pipe's buffer (64 KB), so the reader is gone before it is written. */
function manyFailingTemplates(): string {
  const dir = mkdtempSync(join(tmpdir(), 'patchwise-pipe-'));
  const failing = join(FIXTURES, 'rules/guest-patching/windows-automatic-updates/invalid/by-os-updates-off.json');
  for (let i = 0; i < 400; i++) copyFileSync(failing, join(dir, `vm-${String(i).padStart(3, '0')}.json`));
  return dir;
}

describe.skipIf(process.platform === 'win32')('a reader that stops early', () => {
  const dir = manyFailingTemplates();

  it.each([['stylish'], ['json'], ['sarif']])('lint -f %s still exits 1 for error findings, without a stack trace', (format) => {
    const result = runIntoShortReader(['lint', dir, '-f', format]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
  });

  it('a run without error findings still exits 0', () => {
    const result = runIntoShortReader(['rules']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
