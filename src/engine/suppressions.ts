/**
 * Suppressions: inline in the template (`"metadata": { "patchwise": { "suppress": [...], "reason": "..." } }`
 * on the resource) and in the config file (by rule, resource name and file globs). A suppressed
 * finding is kept and marked, never dropped.
 *
 * Rule and resource globs use the linear matcher of name-glob.ts (inline ones come from the
 * template); file globs are paths and use picomatch. Every pattern is compiled once.
 */
import picomatch from 'picomatch';
import type { SuppressionEntry } from './config.js';
import type { Suppression } from './finding.js';
import { compileNameGlob, type NameGlob } from './name-glob.js';

export interface SuppressionTarget {
  ruleId: string;
  /** Evaluated resource name, when known. */
  resourceName?: string;
  /** File path relative to the config file's folder, with forward slashes. */
  file: string;
  /** The resource's `metadata` as written. */
  metadata?: Record<string, unknown>;
}

type Matcher = (value: string) => boolean;

/** An inline `suppress` entry the matcher does not take: reported for its file, matches nothing. */
export interface InvalidInlineGlob {
  /** Index in the `suppress` array (0 for a single string). */
  index: number;
  problem: string;
}

interface InlineBlock {
  matches: Matcher;
  reason?: string;
  invalid: InvalidInlineGlob[];
}

/** A copy loop shares one metadata object: compiled once per object. */
const inlineBlocks = new WeakMap<object, InlineBlock | null>();

function readInlineBlock(metadata: Record<string, unknown> | undefined): InlineBlock | undefined {
  if (!metadata) return undefined;
  const cached = inlineBlocks.get(metadata);
  if (cached !== undefined) return cached ?? undefined;
  const block = compileInlineBlock(metadata.patchwise);
  inlineBlocks.set(metadata, block ?? null);
  return block;
}

function compileInlineBlock(block: unknown): InlineBlock | undefined {
  if (block === null || typeof block !== 'object' || Array.isArray(block)) return undefined;
  const { suppress, reason } = block as { suppress?: unknown; reason?: unknown };
  const entries = typeof suppress === 'string' ? [suppress] : Array.isArray(suppress) ? suppress : [];
  const globs: Array<NameGlob & { ok: true }> = [];
  const invalid: InvalidInlineGlob[] = [];
  entries.forEach((entry, index) => {
    if (typeof entry !== 'string') return;
    const glob = compileNameGlob(entry);
    if (glob.ok) globs.push(glob);
    else invalid.push({ index, problem: glob.problem });
  });
  if (globs.length === 0 && invalid.length === 0) return undefined;
  return { matches: (ruleId) => globs.some((glob) => glob.matches(ruleId)), reason: typeof reason === 'string' ? reason : undefined, invalid };
}

/** Inline suppression of a resource's metadata, if it covers the rule. */
export function inlineSuppression(metadata: Record<string, unknown> | undefined, ruleId: string): Suppression | undefined {
  const block = readInlineBlock(metadata);
  if (!block?.matches(ruleId)) return undefined;
  return { kind: 'inline', reason: block.reason };
}

/** Entries of a resource's inline `suppress` that are not usable globs (too long, extglobs, unbalanced braces). */
export function invalidInlineGlobs(metadata: Record<string, unknown> | undefined): readonly InvalidInlineGlob[] {
  return readInlineBlock(metadata)?.invalid ?? [];
}

/** Rule and resource globs of the config file; throws with the problem (the config loader checks them first). */
function nameMatcher(globs: readonly string[]): Matcher {
  const compiled = globs.map((glob) => {
    const result = compileNameGlob(glob);
    if (!result.ok) throw new Error(result.problem);
    return result;
  });
  return (value) => compiled.some((glob) => glob.matches(value));
}

export class ConfigSuppressions {
  private readonly entries: Array<{ rules: Matcher; resources?: Matcher; files?: Matcher; reason: string }>;

  constructor(entries: readonly SuppressionEntry[] = []) {
    this.entries = entries.map((entry) => ({
      rules: nameMatcher(entry.rules),
      resources: entry.resources ? nameMatcher(entry.resources) : undefined,
      files: entry.files ? picomatch(entry.files, { nocase: true, dot: true }) : undefined,
      reason: entry.reason,
    }));
  }

  match(target: SuppressionTarget): Suppression | undefined {
    for (const entry of this.entries) {
      if (!entry.rules(target.ruleId)) continue;
      if (entry.resources && (target.resourceName === undefined || !entry.resources(target.resourceName))) continue;
      if (entry.files && !entry.files(target.file)) continue;
      return { kind: 'config', reason: entry.reason };
    }
    return undefined;
  }
}

export function suppressionFor(target: SuppressionTarget, config: ConfigSuppressions): Suppression | undefined {
  return inlineSuppression(target.metadata, target.ruleId) ?? config.match(target);
}
