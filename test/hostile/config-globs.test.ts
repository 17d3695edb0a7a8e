/**
 * D11: configuration globs that picomatch refused with a stack trace (over 65,536 characters) or
 * made exponential (extglobs) are configuration errors: exit 2 with the problem, no stack trace.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/engine/config.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/lint-fixture.js';
import { extglobBomb } from './cases.js';

const parse = (config: object) => () => parseConfig(JSON.stringify(config), 'patchwise.config.json');

describe('configuration globs', () => {
  it.each([
    ['an ignore glob over 65,536 characters', { ignore: ['a'.repeat(70_000)] }, /\/ignore\/0: a glob longer than 1024/],
    ['an ignore extglob', { ignore: ['+(a|b)/**'] }, /\/ignore\/0: .* uses an extglob/],
    ['a file glob of a suppression', { suppressions: [{ rules: ['*'], files: ['b'.repeat(70_000)], reason: 'r' }] }, /\/suppressions\/0\/files\/0/],
    ['a rule extglob', { suppressions: [{ rules: [extglobBomb(10)], reason: 'r' }] }, /\/suppressions\/0\/rules\/0: .*extglobs/],
    [
      'a resource glob with unbalanced braces',
      { suppressions: [{ rules: ['*'], resources: ['vm{1,2'], reason: 'r' }] },
      /\/suppressions\/0\/resources\/0: .*unbalanced braces/,
    ],
  ])('%s is a configuration error', (_name, config, message) => {
    expect(parse(config)).toThrow(ConfigError);
    expect(parse(config)).toThrow(message);
  });

  it('ordinary globs still load', () => {
    expect(
      parse({
        ignore: ['legacy/**', '*.parameters.json', 'a/[bc]/{d,e}.json'],
        suppressions: [{ rules: ['guest-patching/*'], resources: ['vm-{a,b}*'], files: ['infra/**'], reason: 'r' }],
      }),
    ).not.toThrow();
  });

  it('the CLI exits 2 with the problem and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchwise-globs-'));
    writeFileSync(join(dir, 'patchwise.config.json'), JSON.stringify({ ignore: ['a'.repeat(70_000)] }));
    const started = performance.now();
    const result = await runCli(['lint', join(FIXTURES, 'valid')], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/a glob longer than 1024 characters/);
    expect(result.stderr).not.toMatch(/at .*\.(js|ts):\d+/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
