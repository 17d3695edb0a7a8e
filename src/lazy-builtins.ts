/**
 * Node built-ins that few runs need, loaded on first use: most lint runs hash nothing (no guid(),
 * SARIF fingerprint, cache or shard) and run no git, and loading node:crypto and
 * node:child_process up front cost every run's start-up a few milliseconds.
 */
import { createRequire } from 'node:module';
import type { Hash } from 'node:crypto';
import type { ExecFileSyncOptions } from 'node:child_process';

const load = createRequire(import.meta.url);
let crypto: typeof import('node:crypto') | undefined;
let childProcess: typeof import('node:child_process') | undefined;

export function createHash(algorithm: 'sha1' | 'sha256'): Hash {
  crypto ??= load('node:crypto') as typeof import('node:crypto');
  return crypto.createHash(algorithm);
}

export function execFileSync(file: string, args: readonly string[], options: ExecFileSyncOptions & { encoding: BufferEncoding }): string;
export function execFileSync(file: string, args: readonly string[], options?: ExecFileSyncOptions): string | Buffer;
export function execFileSync(file: string, args: readonly string[], options?: ExecFileSyncOptions): string | Buffer {
  childProcess ??= load('node:child_process') as typeof import('node:child_process');
  return childProcess.execFileSync(file, args, options);
}
