/**
 * `--cache`: results per file, keyed by a hash of everything that decides them (the file and its
 * parameters and baseline texts, the configuration, the options, the rule set and the build of
 * patchwise), as ESLint's cache does. An unchanged file then costs a hash, not a lint. The cache
 * is one JSON file, written atomically at the end of the run; a damaged one is ignored.
 */
import { createHash } from '../lazy-builtins.js';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../engine/finding.js';
import { packageVersion } from '../engine/package-info.js';
import { describeFsError } from './text-file.js';

export const DEFAULT_CACHE_LOCATION = '.patchwise-cache';
const FILE_NAME = 'lint-results.json';
const FORMAT = 1;
/** Entries kept from earlier runs besides this run's (old files fall out). */
const MAX_ENTRIES = 50_000;

export interface CachedResult {
  findings: Finding[];
  resources: number;
}

interface CacheFile {
  format: number;
  entries: Record<string, CachedResult>;
}

export class LintCache {
  private readonly entries: Map<string, CachedResult>;
  private readonly touched = new Map<string, CachedResult>();
  hits = 0;

  private constructor(
    private readonly path: string,
    entries: Map<string, CachedResult>,
  ) {
    this.entries = entries;
  }

  static open(location: string): LintCache {
    const path = join(location, FILE_NAME);
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (data.format === FORMAT && data.entries && typeof data.entries === 'object') return new LintCache(path, new Map(Object.entries(data.entries)));
    } catch {
      // no cache yet, or a damaged one: start empty
    }
    return new LintCache(path, new Map());
  }

  get(key: string): CachedResult | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.hits += 1;
      this.touched.set(key, hit);
    }
    return hit;
  }

  set(key: string, result: CachedResult): void {
    this.touched.set(key, result);
  }

  /**
   * Write this run's entries (and earlier ones, up to MAX_ENTRIES). A cache that cannot be written
   * (a read-only checkout, a full disk) costs the next run time, not this run its result: the
   * reason is returned for a warning, and no temporary file is left behind.
   */
  save(): string | undefined {
    const kept = new Map(this.touched);
    for (const [key, value] of this.entries) {
      if (kept.size >= MAX_ENTRIES) break;
      if (!kept.has(key)) kept.set(key, value);
    }
    const data: CacheFile = { format: FORMAT, entries: Object.fromEntries(kept) };
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(temporary, JSON.stringify(data));
      renameSync(temporary, this.path);
      return undefined;
    } catch (error) {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // nothing was written there
      }
      return `cannot write ${this.path}: ${describeFsError(error)}`;
    }
  }
}

/** The cache key of one file's lint: every input that can change its findings. */
export function cacheKey(parts: ReadonlyArray<string | undefined>): string {
  const hash = createHash('sha256');
  hash.update(`${FORMAT}\u0000${packageVersion()}\u0000${buildStamp()}`);
  for (const part of parts) hash.update(`\u0000${part === undefined ? '\u0001' : part}`);
  return hash.digest('hex');
}

let stamp: string | undefined;

/** Changes with every build of patchwise (a rule fixed without a version bump must not serve old results). */
function buildStamp(): string {
  if (stamp === undefined) {
    try {
      const stats = statSync(fileURLToPath(import.meta.url));
      stamp = `${stats.size}:${stats.mtimeMs}`;
    } catch {
      stamp = '';
    }
  }
  return stamp;
}
