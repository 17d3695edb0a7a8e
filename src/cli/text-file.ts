/**
 * Reading input files as text, the way editors on every platform write them: UTF-8 (with or
 * without a byte-order mark) and UTF-16 (Windows PowerShell 5.1's `Out-File` default), with the
 * encoding kept so `--fix` writes the file back as it was. Never throws: the reason a file cannot
 * be read becomes a finding, because a CI gate must not pass a template it did not read.
 */
import { Buffer, isAscii, isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { MAX_DOCUMENT_BYTES } from '../template/json.js';

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

export interface TextFile {
  /** The decoded text; a byte-order mark stays as U+FEFF at the start. */
  text: string;
  encoding: TextEncoding;
}

export type TextFileRead = { ok: true; file: TextFile } | { ok: false; reason: string };

/** Read a file as text. `limit` bytes at most (a larger file is an error, not read). */
export function readTextFile(path: string, limit = MAX_DOCUMENT_BYTES): TextFileRead {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO must not wait for a writer (fstat then says it is not a file).
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    // Windows refuses to open a folder; elsewhere fstat below tells.
    return { ok: false, reason: (error as NodeJS.ErrnoException)?.code === 'EISDIR' ? 'not a regular file' : describeFsError(error) };
  }
  try {
    // One open file for the checks and the read: a stat by path costs as much again per file.
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, reason: 'not a regular file' };
    if (stats.size > limit) return { ok: false, reason: `file is larger than ${formatBytes(limit)} (${formatBytes(stats.size)})` };
    return decodeText(readAll(fd, stats.size, limit));
  } catch (error) {
    return { ok: false, reason: error instanceof TooLargeError ? error.message : describeFsError(error) };
  } finally {
    closeSync(fd);
  }
}

class TooLargeError extends Error {}

/** The file's bytes; it may have grown or shrunk since fstat (a file being written). */
function readAll(fd: number, size: number, limit: number): Buffer {
  let bytes = Buffer.allocUnsafe(size + 1);
  let length = 0;
  for (;;) {
    if (length === bytes.length) {
      if (length > limit) throw new TooLargeError(`file is larger than ${formatBytes(limit)}`);
      const grown = Buffer.allocUnsafe(bytes.length * 2);
      bytes.copy(grown, 0, 0, length);
      bytes = grown;
    }
    const asked = bytes.length - length;
    const read = readSync(fd, bytes, length, asked, null);
    length += read;
    // Short of the byte asked beyond fstat's size: the end, without a second read (a syscall per file) to be told so.
    // Short elsewhere (some network and FUSE file systems): read on until a read returns nothing.
    if (read === 0 || (length === size && read < asked)) {
      if (length > limit) throw new TooLargeError(`file is larger than ${formatBytes(limit)}`);
      return bytes.subarray(0, length);
    }
  }
}

/** Decode bytes: a UTF-16 byte-order mark or zero-byte pattern means UTF-16, else strict UTF-8. */
export function decodeText(bytes: Uint8Array): TextFileRead {
  const encoding = detectEncoding(bytes);
  if (encoding === 'utf16be') {
    const swapped = Buffer.from(bytes);
    swapped.swap16();
    return decodeText16(swapped, 'utf16be');
  }
  if (encoding === 'utf16le') return decodeText16(bytes, 'utf16le');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Most templates are ASCII, which decodes the same as Latin-1: a plain copy, where UTF-8 decoding scans again.
  if (isAscii(buffer)) return { ok: true, file: { text: buffer.toString('latin1'), encoding: 'utf8' } };
  // isUtf8 + toString: as strict as a fatal TextDecoder, and faster; a byte-order mark stays.
  if (isUtf8(buffer)) return { ok: true, file: { text: buffer.toString('utf8'), encoding: 'utf8' } };
  return { ok: false, reason: `not UTF-8 text (invalid byte sequence at byte ${firstInvalidUtf8(bytes)})` };
}

/** The bytes to write for a text in a given encoding. */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  const bytes = Buffer.from(text, 'utf16le');
  if (encoding === 'utf16be') bytes.swap16();
  return bytes;
}

function decodeText16(bytes: Uint8Array, encoding: TextEncoding): TextFileRead {
  if (bytes.length % 2 !== 0) return { ok: false, reason: 'not UTF-16 text (odd number of bytes)' };
  try {
    return { ok: true, file: { text: new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(bytes), encoding } };
  } catch {
    return { ok: false, reason: 'not UTF-16 text (unpaired surrogate)' };
  }
}

function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
    // Without a mark: JSON starts with an ASCII character, so one of its two bytes is zero.
    if (bytes[0] !== 0 && bytes[1] === 0) return 'utf16le';
    if (bytes[0] === 0 && bytes[1] !== 0) return 'utf16be';
  }
  return 'utf8';
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Binary search for the longest valid prefix; streaming mode accepts a prefix that ends inside a character.
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return code ? `${code.toLowerCase()}` : String((error as Error)?.message ?? error);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${bytes} bytes`;
}
