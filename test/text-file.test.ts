/** Reading input files as text: encodings, strictness, limits, files that are not regular. */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReadOnce } from '../src/cli/read-once.js';
import { readTextFile } from '../src/cli/text-file.js';
import { scratchFolder } from './helpers/scratch.js';

function fileWith(bytes: string | Uint8Array): string {
  const path = join(scratchFolder(), 'file.json');
  writeFileSync(path, bytes);
  return path;
}

describe('readTextFile', () => {
  it('reads ASCII, UTF-8 with a byte-order mark (kept) and UTF-8 beyond ASCII', () => {
    expect(readTextFile(fileWith('{"a": 1}'))).toEqual({ ok: true, file: { text: '{"a": 1}', encoding: 'utf8' } });
    expect(readTextFile(fileWith('\uFEFF{"a": "é"}'))).toEqual({ ok: true, file: { text: '\uFEFF{"a": "é"}', encoding: 'utf8' } });
    expect(readTextFile(fileWith('{"a": "日本 😀"}'))).toEqual({ ok: true, file: { text: '{"a": "日本 😀"}', encoding: 'utf8' } });
    expect(readTextFile(fileWith(''))).toEqual({ ok: true, file: { text: '', encoding: 'utf8' } });
  });

  it('a byte that is not UTF-8 is an error at its offset, never read as Latin-1', () => {
    expect(readTextFile(fileWith(Uint8Array.from([0x7b, 0x22, 0x80, 0x22, 0x7d])))).toEqual({
      ok: false,
      reason: 'not UTF-8 text (invalid byte sequence at byte 2)',
    });
    // Latin-1 é starts a three-byte sequence: the byte after it is where the text stops being UTF-8.
    expect(readTextFile(fileWith(Uint8Array.from([0x7b, 0x22, 0xe9, 0x22, 0x7d])))).toEqual({
      ok: false,
      reason: 'not UTF-8 text (invalid byte sequence at byte 3)',
    });
    expect(readTextFile(fileWith(Buffer.concat([Buffer.from('{"a": "é"'), Buffer.from([0xff]), Buffer.from('}')])))).toEqual({
      ok: false,
      reason: 'not UTF-8 text (invalid byte sequence at byte 10)',
    });
  });

  it('reads UTF-16, little and big endian', () => {
    expect(readTextFile(fileWith(Buffer.from('\uFEFF{"a": 1}', 'utf16le')))).toEqual({ ok: true, file: { text: '\uFEFF{"a": 1}', encoding: 'utf16le' } });
    expect(readTextFile(fileWith(Buffer.from('{"a": 1}', 'utf16le').swap16()))).toEqual({ ok: true, file: { text: '{"a": 1}', encoding: 'utf16be' } });
  });

  it('a file of the limit is read; one byte more is an error', () => {
    expect(readTextFile(fileWith('0123456789'), 10)).toEqual({ ok: true, file: { text: '0123456789', encoding: 'utf8' } });
    expect(readTextFile(fileWith('0123456789A'), 10)).toEqual({ ok: false, reason: 'file is larger than 10 bytes (11 bytes)' });
  });

  it.skipIf(!existsSync('/proc/self/status'))('a file whose size the file system does not tell is read to its end', () => {
    const read = readTextFile('/proc/self/status');
    expect(read.ok && read.file.text).toMatch(/^Name:[\s\S]*\nPid:[\s\S]*\n$/);
  });

  it.skipIf(process.platform === 'win32')('a FIFO is not read (and does not block)', () => {
    const path = join(scratchFolder(), 'pipe.json');
    execFileSync('mkfifo', [path]);
    expect(readTextFile(path)).toEqual({ ok: false, reason: 'not a regular file' });
  });

  it('a folder and a missing file are reasons, not exceptions', () => {
    expect(readTextFile(scratchFolder())).toEqual({ ok: false, reason: 'not a regular file' });
    expect(readTextFile(join(scratchFolder(), 'gone.json'))).toEqual({ ok: false, reason: 'no such file' });
  });
});

describe('ReadOnce', () => {
  it("keeps a read ahead for the candidate's own read, once", () => {
    const path = fileWith('first');
    const reads = new ReadOnce([path]);
    expect(reads.readAhead(path)).toMatchObject({ file: { text: 'first' } });
    writeFileSync(path, 'second');
    expect(reads.read(path)).toMatchObject({ file: { text: 'first' } });
    expect(reads.read(path)).toMatchObject({ file: { text: 'second' } });
  });

  it('keeps nothing for a file that is no candidate, or whose candidate was read already', () => {
    const other = fileWith('first');
    const done = fileWith('first');
    const reads = new ReadOnce([done]);
    reads.read(done);
    reads.readAhead(other);
    reads.readAhead(done);
    writeFileSync(other, 'second');
    writeFileSync(done, 'second');
    expect(reads.read(other)).toMatchObject({ file: { text: 'second' } });
    expect(reads.read(done)).toMatchObject({ file: { text: 'second' } });
  });

  it('keeps an unreadable file as unreadable (its finding is reported for both reads)', () => {
    const path = join(scratchFolder(), 'gone.json');
    const reads = new ReadOnce([path]);
    expect(reads.readAhead(path)).toEqual({ ok: false, reason: 'no such file' });
    writeFileSync(path, 'now here');
    expect(reads.read(path)).toEqual({ ok: false, reason: 'no such file' });
  });
});
