/**
 * `--shard i/n`: split the files of a monorepo over the jobs of a CI matrix. A file's shard
 * depends only on its path from the repository root, so it stays in the same shard whatever the
 * other files are and wherever the job runs; `patchwise merge` joins the shards' reports.
 */
import { createHash } from '../lazy-builtins.js';
import { UsageError } from './files.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || count > 10_000 || index < 1 || index > count) throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n (e.g. 2/4), not '${text}'`);
  return { index, count };
}

/** True when the file (its path from the repository root, forward slashes) belongs to the shard. */
export function inShard(repositoryPath: string, shard: Shard): boolean {
  const hash = createHash('sha256').update(repositoryPath).digest();
  return (hash.readUInt32BE(0) % shard.count) + 1 === shard.index;
}
