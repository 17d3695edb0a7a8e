/**
 * `--help` of the built CLI (what `npx patchwise` runs): words are never split across lines, and
 * every command shows examples, its exit codes and where the docs are.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_HELP, helpWidth } from '../src/cli/help.js';
import { REPO_ROOT } from './helpers/lint-fixture.js';

const run = promisify(execFile);
const BIN = join(REPO_ROOT, 'bin', 'patchwise.js');
const COMMANDS = [[], ['lint'], ['plan'], ['rules'], ['explain']] as const;
const UNWRAPPED = 10_000;

async function help(command: readonly string[], columns: number): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, ...command, '--help'], { env: { ...process.env, COLUMNS: String(columns), NO_COLOR: '1' } });
  return stdout;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** Every command's help, unwrapped and at 80 and 120 columns (the processes run side by side). */
const screens = new Map<string, [unwrapped: string, narrow: string, wide: string]>();

beforeAll(async () => {
  await Promise.all(
    COMMANDS.map(async (command) => {
      screens.set(command[0] ?? 'patchwise', await Promise.all([help(command, UNWRAPPED), help(command, 80), help(command, 120)]));
    }),
  );
}, 60_000);

describe('help text', () => {
  for (const command of COMMANDS) {
    const name = command[0] ?? 'patchwise';
    it(`${name} --help wraps between words at 80 and 120 columns, with examples and exit codes`, () => {
      const [unwrapped, narrow, wide] = screens.get(name)!;
      // A word cut in two ("deci de") leaves pieces that the unwrapped text does not contain.
      const known = new Set(words(unwrapped));
      for (const [columns, text] of [
        [80, narrow],
        [120, wide],
      ] as const) {
        expect(
          words(text).filter((word) => !known.has(word)),
          `${columns} columns`,
        ).toEqual([]);
        expect(
          text.split('\n').filter((line) => line.length > columns),
          `${columns} columns`,
        ).toEqual([]);
      }
      expect(narrow).not.toBe(wide);
      for (const [example] of COMMAND_HELP[name as keyof typeof COMMAND_HELP].examples) expect(unwrapped).toContain(example.replace('$0', 'patchwise'));
      expect(unwrapped).toMatch(/^Exit codes: 0 .*; 2 .*usage/m);
      expect(unwrapped).toContain('Documentation: README.md');
    });
  }

  it('the check above would see a split word', () => {
    const known = new Set(words(screens.get('plan')![0]));
    const split = 'Monthly patch release the simulation starts from (YYYY-MM-DD, default: the nex\nt second Tuesday)';
    expect(words(split).filter((word) => !known.has(word))).toEqual(['nex', 't']);
  });

  it('takes its width from COLUMNS, else the terminal up to 120 columns, else 100', () => {
    const io = (columns?: string) => ({ cwd: '.', env: { COLUMNS: columns }, stdout: () => {}, stderr: () => {}, stdoutIsTTY: false });
    expect(helpWidth(io('80'), 200)).toBe(80);
    expect(helpWidth(io(), 200)).toBe(120);
    expect(helpWidth(io(), 90)).toBe(90);
    expect(helpWidth(io(), undefined)).toBe(100);
    expect(helpWidth(io('wide'), undefined)).toBe(100);
  });
});

describe('language', () => {
  // yargs would follow the locale ("Unbekanntes Argument", "Commandes :") and lose the suggestion, which reads its English message.
  it.each([
    ['LANG', 'de_DE.UTF-8'],
    ['LC_ALL', 'fr_FR.UTF-8'],
    ['LANGUAGE', 'ja'],
  ])('English whatever %s says (%s): help, errors and suggestions', async (variable, locale) => {
    const env = { ...process.env, LANG: '', LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '', [variable]: locale, NO_COLOR: '1' };
    const { stdout } = await run(process.execPath, [BIN, '--help'], { env });
    expect(stdout).toMatch(/^Commands:$/m);
    expect(stdout).toMatch(/^Options:$/m);
    const mistyped = await run(process.execPath, [BIN, 'lint', '--formt', 'json'], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(mistyped.code).toBe(2);
    expect(mistyped.stderr).toContain('Unknown argument: formt');
    expect(mistyped.stderr).toContain('Did you mean --format (not formt)?');
  });
});

describe("the user's folder", () => {
  // Under an ES module entry, every yargs instance searched from the working folder up for a
  // package.json (reading each folder in full) and parsed the one it found.
  it('is not searched nor its package.json read by yargs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchwise-cwd-'));
    const folder = join(dir, 'templates', 'web');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'their-tool', version: '9.9.9' }));
    copyFileSync(join(REPO_ROOT, 'fixtures', 'arm', 'examples', 'web-tier.json'), join(folder, 'web-tier.json'));
    const log = join(dir, 'log.cjs');
    // Records what the process lists and every package.json it reads.
    writeFileSync(
      log,
      [
        "const fs = require('fs');",
        'const { readdirSync, readFileSync } = fs;',
        'fs.readdirSync = function (path, ...rest) { process.stderr.write(`listed ${path}\\n`); return readdirSync.call(this, path, ...rest); };',
        "fs.readFileSync = function (path, ...rest) { if (String(path).endsWith('package.json')) process.stderr.write(`read ${path}\\n`); return readFileSync.call(this, path, ...rest); };",
      ].join('\n'),
    );
    for (const args of [['--version'], ['lint', 'web-tier.json', '--format', 'json']]) {
      const { stdout, stderr } = await run(process.execPath, ['--require', log, BIN, ...args], { cwd: folder });
      if (args[0] === '--version') expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
      expect(stdout).not.toContain('9.9.9');
      const touched = stderr.split('\n').filter((line) => /^(listed|read) /.test(line));
      expect(touched.length).toBeGreaterThan(0); // the recorder works
      expect(touched.filter((line) => line.includes(dir) && !line.endsWith('web-tier.json'))).toEqual([]);
    }
  });
});
