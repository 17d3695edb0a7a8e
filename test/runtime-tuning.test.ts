/** The launcher's V8 tuning: the right tier-up flag for each V8, the user's own kept, node's compile cache used. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeFlags, tierUpFlag } from '../src/cli/runtime-tuning.js';
import { REPO_ROOT } from './helpers/lint-fixture.js';

describe('tierUpFlag', () => {
  it.each([
    ['11.3.244.8-node.38', 'Node 20', '--interrupt-budget=270336'],
    ['10.2.154.26-node.36', 'Node 18', '--interrupt-budget=270336'],
    ['11.8.172.17-node.20', 'Node 21', '--invocation-count-for-turbofan=24000'],
    ['12.4.254.21-node.33', 'Node 22', '--invocation-count-for-turbofan=24000'],
    ['13.6.233.17-node.63', 'Node 24', '--invocation-count-for-turbofan=24000'],
  ])('V8 %s (%s): %s', (version, _node, flag) => {
    expect(tierUpFlag(version, ['--enable-source-maps', '--max-old-space-size=4096', '--interrupt-budget-for-feedback-allocation=940'])).toBe(flag);
  });

  it.each([['--interrupt-budget=1000'], ['--interrupt_budget=1000'], ['--invocation-count-for-turbofan=10'], ['--invocation_count_for_turbofan=10']])(
    'keeps what the user gave node: %s',
    (given) => {
      expect(tierUpFlag('11.3.244.8-node.38', [given])).toBeUndefined();
      expect(tierUpFlag('12.4.254.21-node.33', [given])).toBeUndefined();
    },
  );

  it('reads node arguments and NODE_OPTIONS', () => {
    expect(nodeFlags(['--inspect'], '  --interrupt-budget=5   --trace-gc ')).toEqual(['--inspect', '--interrupt-budget=5', '--trace-gc']);
    expect(nodeFlags([], undefined)).toEqual([]);
  });
});

describe('the launcher', () => {
  it("enables node's compile cache where node has one, and prints nothing on stderr", () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchwise-tuning-'));
    const marker = join(dir, 'calls.txt');
    // Node 20 has no enableCompileCache: give it one that records the call.
    const preload = join(dir, 'preload.mjs');
    writeFileSync(
      preload,
      [
        "import module from 'node:module';",
        "import { appendFileSync } from 'node:fs';",
        `module.enableCompileCache = () => appendFileSync(${JSON.stringify(marker)}, 'called\\n');`,
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(preload).href, join(REPO_ROOT, 'bin', 'patchwise.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(marker, 'utf8')).toBe('called\n');
  });
});
