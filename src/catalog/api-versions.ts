/**
 * Which properties each API version of a resource type defines (requirement CF1), from the table
 * derived from the ARM JSON Schemas (scripts/derive-api-versions.ts).
 */
import table from './generated/api-versions.js';
import type { DerivedType } from './generated/api-versions-types.js';

export type PropertyStatus =
  { status: 'defined' } | { status: 'later'; firstVersion: string } | { status: 'unknown'; suggestion?: string; caseOnly?: boolean } | { status: 'unchecked' };

/** Keys ARM itself accepts on every resource declaration. */
const DEPLOYMENT_KEYS = new Set([
  'type',
  'apiversion',
  'name',
  'location',
  'tags',
  'dependson',
  'copy',
  'condition',
  'comments',
  'scope',
  'metadata',
  'resources',
  'existing',
]);

interface LoadedType {
  versions: string[];
  properties: Map<string, bigint>;
  open: Map<string, bigint>;
  enums: Record<string, Array<[string, string[]]>>;
  /** Parent path → child keys known in any version. */
  children: Map<string, string[]>;
}

const loaded = new Map<string, LoadedType | null>();

function load(resourceType: string): LoadedType | undefined {
  const key = resourceType.toLowerCase();
  if (!loaded.has(key)) {
    const entry = Object.entries(table.types).find(([type]) => type.toLowerCase() === key)?.[1];
    loaded.set(key, entry ? index(entry) : null);
  }
  return loaded.get(key) ?? undefined;
}

function index(entry: DerivedType): LoadedType {
  const toMap = (record: Record<string, string>) => new Map(Object.entries(record).map(([path, mask]) => [path, BigInt(`0x${mask}`)]));
  const properties = toMap(entry.properties);
  const children = new Map<string, string[]>();
  for (const path of properties.keys()) {
    const cut = path.lastIndexOf('.');
    const parent = cut < 0 ? '' : path.slice(0, cut);
    const key = cut < 0 ? path : path.slice(cut + 1);
    children.set(parent, [...(children.get(parent) ?? []), key]);
  }
  return { versions: entry.versions, properties, open: toMap(entry.open), enums: entry.enums, children };
}

export function knownApiVersions(resourceType: string): readonly string[] {
  return load(resourceType)?.versions ?? [];
}

/** `properties.dataDisks[].lun` from a path whose numbers are array indexes. */
function pathString(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += '[]';
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

function has(map: Map<string, bigint>, path: string, bit: bigint): boolean {
  const value = map.get(path);
  return value !== undefined && (value & bit) !== 0n;
}

/** Prefixes of a path string: `a`, `a.b`, `a.b[]`, `a.b[].c`. */
function prefixes(path: ReadonlyArray<string | number>): string[] {
  const out: string[] = [];
  let current = '';
  for (const segment of path) {
    current = typeof segment === 'number' ? `${current}[]` : current ? `${current}.${segment}` : segment;
    out.push(current);
  }
  return out;
}

export function propertyStatus(resourceType: string, apiVersion: string, path: ReadonlyArray<string | number>): PropertyStatus {
  const type = load(resourceType);
  if (!type) return { status: 'unchecked' };
  const versionIndex = type.versions.indexOf(apiVersion);
  if (versionIndex < 0) return { status: 'unchecked' };
  if (path.length === 1 && typeof path[0] === 'string' && DEPLOYMENT_KEYS.has(path[0].toLowerCase())) return { status: 'defined' };
  const bit = 1n << BigInt(versionIndex);
  const steps = prefixes(path);
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const parent = i === 0 ? '' : steps[i - 1];
    if (i > 0 && has(type.open, parent, bit)) return { status: 'defined' };
    if (step.endsWith('[]')) continue;
    if (has(type.properties, step, bit)) continue;
    const everywhere = type.properties.get(step);
    if (everywhere !== undefined) {
      const first = type.versions.findIndex((_, index) => (everywhere & (1n << BigInt(index))) !== 0n);
      // Defined only in later versions: ignored by this one. Removed in later versions: still accepted.
      if (first > versionIndex) return { status: 'later', firstVersion: type.versions[first] };
      return { status: 'defined' };
    }
    return unknownStatus(type, parent, String(path[i]));
  }
  return { status: 'defined' };
}

function unknownStatus(type: LoadedType, parent: string, key: string): PropertyStatus {
  const siblings = type.children.get(parent) ?? [];
  const caseMatch = siblings.find((sibling) => sibling.toLowerCase() === key.toLowerCase());
  if (caseMatch) return { status: 'unknown', suggestion: caseMatch, caseOnly: true };
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const sibling of siblings) {
    const distance = editDistance(sibling.toLowerCase(), key.toLowerCase());
    if (distance < bestDistance) {
      best = sibling;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.min(3, Math.floor(key.length / 4))) ? { status: 'unknown', suggestion: best } : { status: 'unknown' };
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

export function firstApiVersion(resourceType: string, path: ReadonlyArray<string | number>): string | undefined {
  const type = load(resourceType);
  const value = type?.properties.get(pathString(path));
  if (!type || value === undefined) return undefined;
  return type.versions.find((_, index) => (value & (1n << BigInt(index))) !== 0n);
}

export function enumValues(resourceType: string, apiVersion: string, path: ReadonlyArray<string | number>): readonly string[] | undefined {
  const type = load(resourceType);
  if (!type) return undefined;
  const versionIndex = type.versions.indexOf(apiVersion);
  if (versionIndex < 0) return undefined;
  const bit = 1n << BigInt(versionIndex);
  return type.enums[pathString(path)]?.find(([mask]) => (BigInt(`0x${mask}`) & bit) !== 0n)?.[1];
}

export const API_VERSION_TABLE_SOURCE = table.source;
