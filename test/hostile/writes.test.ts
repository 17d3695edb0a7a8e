/**
 * Nothing is clobbered (reliability audit D1, D7, D11): `--output` writes only a regular file it
 * may write, `--fix` keeps mode, owner and links, and a write that fails is a message, not a stack.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { rewriteFile } from '../../src/cli/write-file.js';
import { run as runMain } from '../plan/helpers.js';
import { canRunUnprivileged, runUnprivileged, scratchFolder, windowsVmTemplate, writeFiles } from '../helpers/scratch.js';

const failing = JSON.stringify(
  windowsVmTemplate({ windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: false, patchSettings: { patchMode: 'AutomaticByOS' } } }),
  null,
  2,
);
const isRoot = process.getuid?.() === 0;

function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.tmp'));
}

describe('--output', () => {
  it('refuses a device node (as root a rename would replace it), exit 2', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'main.json': failing });
    const result = await runCli(['lint', 'main.json', '-o', '/dev/null'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a regular file/);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a link outside the working folder to a device (as /dev/stdout is to a pipe): not a regular file, use standard output', async () => {
    const dir = scratchFolder();
    const outside = scratchFolder();
    writeFiles(dir, { 'main.json': failing });
    const link = join(outside, 'stdout');
    symlinkSync('/dev/null', link);
    const result = await runCli(['lint', 'main.json', '-o', link], dir);
    expect(result.code).toBe(2);
    // Shown as given (not as a path relative to the working folder), with what to do instead.
    expect(result.stderr).toContain(`--output ${link} is not a regular file (a device, pipe or socket): omit --output to print to standard output`);
  });

  it.skipIf(!isRoot)('refuses a private device node made for the test', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'main.json': failing });
    execFileSync('mknod', ['-m', '666', join(dir, 'null'), 'c', '1', '3']);
    const result = await runCli(['lint', 'main.json', '-o', 'null'], dir);
    expect(result.code).toBe(2);
    expect(lstatSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
  });

  it('refuses to overwrite an input template with its own report', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'victim.json': failing });
    const result = await runCli(['lint', 'victim.json', '-f', 'json', '-o', 'victim.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/one of the files being read/);
    expect(readFileSync(join(dir, 'victim.json'), 'utf8')).toBe(failing);
  });

  it('refuses to overwrite a template found in a folder, named directly or through a symbolic link', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'infra/deep/victim.json': failing });
    symlinkSync(join(dir, 'infra', 'deep', 'victim.json'), join(dir, 'report.json'));
    for (const output of ['infra/deep/victim.json', 'report.json']) {
      const result = await runCli(['lint', 'infra', '-f', 'json', '-o', output], dir);
      expect(result.code, output).toBe(2);
      expect(result.stderr).toMatch(/one of the files being read/);
    }
    expect(readFileSync(join(dir, 'infra', 'deep', 'victim.json'), 'utf8')).toBe(failing);
  });

  it('refuses an input reached through a linked folder, and writes a report that is no input', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'real/victim.json': failing, 'out/old.json': '{}' });
    symlinkSync(join(dir, 'real'), join(dir, 'scan'));
    const refused = await runCli(['lint', 'scan', '-f', 'json', '-o', 'real/victim.json'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/one of the files being read/);
    expect(readFileSync(join(dir, 'real', 'victim.json'), 'utf8')).toBe(failing);
    for (const output of ['out/old.json', 'out/new.json']) {
      const written = await runCli(['lint', 'scan', '-f', 'json', '-o', output], dir);
      expect(written.code, written.stderr).toBe(1);
      expect(readFileSync(join(dir, output), 'utf8')).toMatch(/windows-automatic-updates/);
    }
  });

  it('refuses a folder, and leaves no temporary file behind', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'main.json': failing, 'out/keep': '' });
    const result = await runCli(['lint', 'main.json', '-o', 'out'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is a folder/);
    expect(leftovers(dir)).toEqual([]);
  });

  it('writes through a symbolic link inside the working folder; refuses one that points outside', async () => {
    const dir = scratchFolder();
    const outside = scratchFolder();
    writeFiles(dir, { 'main.json': failing, 'reports/real.txt': 'old' });
    writeFiles(outside, { 'precious.txt': 'precious' });
    symlinkSync(join(dir, 'reports', 'real.txt'), join(dir, 'inside-link'));
    symlinkSync(join(outside, 'precious.txt'), join(dir, 'outside-link'));
    expect((await runCli(['lint', 'main.json', '-o', 'inside-link'], dir)).code).toBe(1);
    expect(lstatSync(join(dir, 'inside-link')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'reports', 'real.txt'), 'utf8')).toContain('windows-automatic-updates');
    const refused = await runCli(['lint', 'main.json', '-o', 'outside-link'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/outside the working folder/);
    expect(readFileSync(join(outside, 'precious.txt'), 'utf8')).toBe('precious');
  });

  it('creates missing parent folders', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'main.json': failing });
    const result = await runCli(['lint', 'main.json', '-f', 'sarif', '-o', 'reports/deep/patchwise.sarif'], dir);
    expect(result.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'deep', 'patchwise.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('plan -o has the same guards', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'main.json': failing, 'out/x': '' });
    expect((await runMain(['plan', 'main.json', '-o', 'out'], dir)).code).toBe(2);
    expect((await runMain(['plan', 'main.json', '-o', 'main.json'], dir)).code).toBe(2);
    expect(readFileSync(join(dir, 'main.json'), 'utf8')).toBe(failing);
    expect(leftovers(dir)).toEqual([]);
  });

  it.skipIf(!canRunUnprivileged())('a folder it may not write: a message and exit 2, no stack trace', () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'main.json': failing });
    mkdirSync(join(dir, 'ro'));
    chmodSync(join(dir, 'ro'), 0o555);
    const result = runUnprivileged(['lint', 'main.json', '-o', 'ro/out.txt'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot write --output ro\/out\.txt: permission denied/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('--fix writes', () => {
  it('keeps the mode (0600 stays private, setuid kept)', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'private.json': failing, 'suid.json': failing });
    chmodSync(join(dir, 'private.json'), 0o600);
    chmodSync(join(dir, 'suid.json'), 0o4755);
    await runCli(['lint', '.', '--fix'], dir);
    expect(statSync(join(dir, 'private.json')).mode & 0o7777).toBe(0o600);
    expect(statSync(join(dir, 'suid.json')).mode & 0o7777).toBe(0o4755);
    expect(readFileSync(join(dir, 'private.json'), 'utf8')).toContain('"enableAutomaticUpdates": true');
  });

  it.skipIf(!isRoot)('keeps the owner (root fixing a file owned by nobody)', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'owned.json': failing });
    chownSync(join(dir, 'owned.json'), 65534, 65534);
    await runCli(['lint', 'owned.json', '--fix'], dir);
    const stats = statSync(join(dir, 'owned.json'));
    expect([stats.uid, stats.gid]).toEqual([65534, 65534]);
  });

  it('refuses a read-only file (even as root) and says so; exit 2 and the report still printed', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'ro.json': failing });
    chmodSync(join(dir, 'ro.json'), 0o444);
    const result = await runCli(['lint', 'ro.json', '--fix'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/fixes not applied to ro\.json: .*read-only/);
    expect(result.stdout).toContain('windows-automatic-updates');
    expect(readFileSync(join(dir, 'ro.json'), 'utf8')).toBe(failing);
  });

  it('writes through a symbolic link to the real file, and the link stays a link', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'real.json': failing });
    symlinkSync('real.json', join(dir, 'sym.json'));
    await runCli(['lint', 'sym.json', '--fix'], dir);
    expect(lstatSync(join(dir, 'sym.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toContain('"enableAutomaticUpdates": true');
  });

  it('keeps hard links: every name sees the fix', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'a.json': failing });
    linkSync(join(dir, 'a.json'), join(dir, 'b.txt'));
    await runCli(['lint', 'a.json', '--fix'], dir);
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toContain('"enableAutomaticUpdates": true');
    expect(statSync(join(dir, 'a.json')).ino).toBe(statSync(join(dir, 'b.txt')).ino);
  });

  // An editor saving the file while --fix runs: writing the fix of the old text would lose that save.
  describe.each([
    { name: 'replaced atomically', hardLinked: false },
    { name: 'written in place (hard-linked)', hardLinked: true },
  ])('a file changed since it was read ($name)', ({ hardLinked }) => {
    it('is not overwritten: the write is refused with a message and no temporary file is left', () => {
      const dir = scratchFolder();
      writeFiles(dir, { 'a.json': 'saved by the editor' });
      if (hardLinked) linkSync(join(dir, 'a.json'), join(dir, 'b.json'));
      expect(() => rewriteFile(join(dir, 'a.json'), Buffer.from('fixed'), Buffer.from('read by patchwise'))).toThrow(
        /a\.json: it changed since patchwise read it \(saved meanwhile\?\): run --fix again/,
      );
      expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('saved by the editor');
      expect(leftovers(dir)).toEqual([]);
    });

    it('is written when it holds what was read', () => {
      const dir = scratchFolder();
      writeFiles(dir, { 'a.json': 'read by patchwise' });
      if (hardLinked) linkSync(join(dir, 'a.json'), join(dir, 'b.json'));
      rewriteFile(join(dir, 'a.json'), Buffer.from('fixed'), Buffer.from('read by patchwise'));
      expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('fixed');
    });
  });

  it.skipIf(!canRunUnprivileged())('a writable file in a folder it may not write: fixed in place, no stack trace', () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'sub/a.json': failing });
    chmodSync(join(dir, 'sub', 'a.json'), 0o666);
    chmodSync(join(dir, 'sub'), 0o555);
    const result = runUnprivileged(['lint', 'sub/a.json', '--fix'], dir);
    chmodSync(join(dir, 'sub'), 0o755);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'sub', 'a.json'), 'utf8')).toContain('"enableAutomaticUpdates": true');
    expect(existsSync(join(dir, 'sub', 'a.json'))).toBe(true);
  });
});
