/**
 * Taking resources over from an earlier expansion of the same document (allowedValues variants):
 * an instance whose identity is unchanged and whose body read none of the varied parameters.
 */
import type { JsonPath } from '../json.js';
import { type Unknown } from '../unknown.js';
import type { ExpandedResource } from '../types.js';

/** Resources of an expansion by declaration and copy index, for `ExpandOptions.reuse` (build once, use for every variant). */
export type ReuseIndex = ReadonlyMap<string, ExpandedResource>;

export function reuseIndex(resources: readonly ExpandedResource[]): ReuseIndex {
  return new Map(resources.map((resource) => [reuseKey(resource.declarationPath, resource.copyIndex), resource]));
}

/** What decides whether an instance can be taken over, besides its place. */
export interface InstanceIdentity {
  type: string;
  name: string | Unknown;
  apiVersion: string | Unknown;
  conditional: boolean;
}

/** The earlier expansion of this instance, when nothing it read changed. */
export function reusable(
  reuse: { index: ReuseIndex; varied: ReadonlySet<string> },
  path: JsonPath,
  copyIndex: number | Unknown | undefined,
  identity: InstanceIdentity,
): ExpandedResource | undefined {
  const previous = reuse.index.get(reuseKey(path, copyIndex));
  if (!previous || previous.type !== identity.type || previous.conditional !== identity.conditional) return undefined;
  if (!sameIdentity(previous.name, identity.name) || !sameIdentity(previous.apiVersion, identity.apiVersion)) return undefined;
  // Bodies expanded lazily were never read by the model; eager ones say what they read.
  for (const reads of previous.parameterReads?.values() ?? []) for (const read of reads) if (reuse.varied.has(read)) return undefined;
  return previous;
}

function reuseKey(path: JsonPath, copyIndex: number | Unknown | undefined): string {
  return `${path.join('\u0000')}|${typeof copyIndex === 'number' ? copyIndex : copyIndex === undefined ? '' : '?'}`;
}

function sameIdentity(a: string | Unknown, b: string | Unknown): boolean {
  return typeof a === 'string' ? a === b : typeof b !== 'string';
}
