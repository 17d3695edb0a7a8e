/**
 * Taking resources over from an earlier expansion of the same document (allowedValues variants):
 * an instance whose identity is unchanged and whose body read none of the varied parameters.
 */
import type { JsonPath } from '../json.js';
import { type Unknown } from '../unknown.js';
import type { ExpandedResource } from '../types.js';

/** Resources of an expansion by declaration and copy index, for `ExpandOptions.reuse` (build once, use for every variant). */
export type ReuseIndex = ReadonlyMap<string, { resource: ExpandedResource; pathsByParameter: ReadonlyMap<string, readonly string[]> }>;

export function reuseIndex(resources: readonly ExpandedResource[]): ReuseIndex {
  // Each resource's read paths by parameter, so each variant looks up its varied parameters, not every path.
  return new Map(
    resources.map((resource) => [reuseKey(resource.declarationPath, resource.copyIndex), { resource, pathsByParameter: pathsByParameter(resource) }]),
  );
}

const NOTHING_CHANGED: readonly string[] = [];

/** What decides whether an instance can be taken over, besides its place. */
export interface InstanceIdentity {
  type: string;
  name: string | Unknown;
  apiVersion: string | Unknown;
  conditional: boolean;
}

/**
 * The earlier expansion of this instance when its identity is unchanged, with the read paths of
 * its body that read a varied parameter (none: it is taken over as it is; see partial.ts).
 */
export function previousExpansion(
  reuse: { index: ReuseIndex; varied: ReadonlySet<string> },
  path: JsonPath,
  copyIndex: number | Unknown | undefined,
  identity: InstanceIdentity,
): { resource: ExpandedResource; changed: readonly string[] } | undefined {
  const entry = reuse.index.get(reuseKey(path, copyIndex));
  const previous = entry?.resource;
  if (!previous || previous.type !== identity.type || previous.conditional !== identity.conditional) return undefined;
  if (!sameIdentity(previous.name, identity.name) || !sameIdentity(previous.apiVersion, identity.apiVersion)) return undefined;
  // Bodies expanded lazily were never read by the model; eager ones say what they read.
  let changed: Set<string> | undefined;
  for (const key of reuse.varied) for (const readPath of entry.pathsByParameter.get(key) ?? []) (changed ??= new Set()).add(readPath);
  return { resource: previous, changed: changed ? [...changed] : NOTHING_CHANGED };
}

/** The reads of a variant's partly expanded body: the new ones, and the earlier ones of what was not expanded again. */
export function mergeReads(
  previous: ReadonlyMap<string, ReadonlySet<string>> | undefined,
  fresh: Map<string, Set<string>>,
  redone: readonly string[],
): Map<string, Set<string>> {
  for (const [readPath, reads] of previous ?? []) {
    if (redone.some((prefix) => readPath === prefix || readPath.startsWith(`${prefix}.`))) continue;
    const own = fresh.get(readPath);
    fresh.set(readPath, new Set(own ? [...own, ...reads] : reads));
  }
  return fresh;
}

function pathsByParameter(resource: ExpandedResource): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [readPath, reads] of resource.parameterReads ?? []) {
    for (const read of reads) {
      const paths = out.get(read);
      if (paths) paths.push(readPath);
      else out.set(read, [readPath]);
    }
  }
  return out;
}

function reuseKey(path: JsonPath, copyIndex: number | Unknown | undefined): string {
  return `${path.join('\u0000')}|${typeof copyIndex === 'number' ? copyIndex : copyIndex === undefined ? '' : '?'}`;
}

function sameIdentity(a: string | Unknown, b: string | Unknown): boolean {
  return typeof a === 'string' ? a === b : typeof b !== 'string';
}
