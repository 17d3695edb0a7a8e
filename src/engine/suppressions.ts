/**
 * Suppressions: inline in the template (`"metadata": { "patchwise": { "suppress": [...], "reason": "..." } }`
 * on the resource) and in the config file (by rule, resource name and file globs). A suppressed
 * finding is kept and marked, never dropped.
 */
import picomatch from 'picomatch';
import type { SuppressionEntry } from './config.js';
import type { Suppression } from './finding.js';

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

function matcher(globs: readonly string[]): Matcher {
  return picomatch(globs as string[], { nocase: true, dot: true });
}

/** Inline suppression of a resource's metadata, if it covers the rule. */
export function inlineSuppression(metadata: Record<string, unknown> | undefined, ruleId: string): Suppression | undefined {
  const block = metadata?.patchwise;
  if (block === null || typeof block !== 'object' || Array.isArray(block)) return undefined;
  const { suppress, reason } = block as { suppress?: unknown; reason?: unknown };
  const ids = typeof suppress === 'string' ? [suppress] : Array.isArray(suppress) ? suppress.filter((id): id is string => typeof id === 'string') : [];
  if (ids.length === 0 || !matcher(ids)(ruleId)) return undefined;
  return { kind: 'inline', reason: typeof reason === 'string' ? reason : undefined };
}

export class ConfigSuppressions {
  private readonly entries: Array<{ rules: Matcher; resources?: Matcher; files?: Matcher; reason: string }>;

  constructor(entries: readonly SuppressionEntry[] = []) {
    this.entries = entries.map((entry) => ({
      rules: matcher(entry.rules),
      resources: entry.resources ? matcher(entry.resources) : undefined,
      files: entry.files ? matcher(entry.files) : undefined,
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
