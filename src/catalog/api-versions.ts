/**
 * Which properties each API version of a resource type defines (requirement CF1), from the table
 * derived from the ARM JSON Schemas (scripts/derive-api-versions.ts).
 */
import table from './generated/api-versions.js';
import type { DerivedType } from './generated/api-versions-types.js';
import { editDistance } from '../similar-names.js';

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

/**
 * A version mask of the table (hex, bit i = versions[i]) as 32-bit words, lowest first: tested
 * with number operations (a BigInt `&` allocates, and views test every path).
 */
type VersionMask = Uint32Array;

interface MaskedPath {
  mask: VersionMask;
  /** The first version that defines the path (the lowest bit set). */
  first: number;
}

interface LoadedType {
  versions: string[];
  properties: Map<string, MaskedPath>;
  open: Map<string, MaskedPath>;
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
  const toMap = (record: Record<string, string>) => {
    const out = new Map<string, MaskedPath>();
    for (const path of Object.keys(record)) out.set(path, maskedPath(record[path]));
    return out;
  };
  const properties = toMap(entry.properties);
  const children = new Map<string, string[]>();
  for (const path of properties.keys()) {
    const cut = path.lastIndexOf('.');
    const parent = cut < 0 ? '' : path.slice(0, cut);
    const key = cut < 0 ? path : path.slice(cut + 1);
    const siblings = children.get(parent);
    if (siblings) siblings.push(key);
    else children.set(parent, [key]);
  }
  return { versions: entry.versions, properties, open: toMap(entry.open), enums: entry.enums, children };
}

function maskedPath(hex: string): MaskedPath {
  const mask = parseMask(hex);
  let first = -1;
  for (let word = 0; word < mask.length && first < 0; word++) if (mask[word] !== 0) first = word * 32 + (31 - Math.clz32(mask[word] & -mask[word]));
  return { mask, first };
}

function parseMask(hex: string): VersionMask {
  const words = new Uint32Array(Math.max(1, Math.ceil(hex.length / 8)));
  for (let word = 0, end = hex.length; end > 0; word++, end -= 8) words[word] = parseInt(hex.slice(Math.max(0, end - 8), end), 16) >>> 0;
  return words;
}

function hasVersion(mask: VersionMask, versionIndex: number): boolean {
  const word = versionIndex >>> 5;
  return word < mask.length && ((mask[word] >>> (versionIndex & 31)) & 1) === 1;
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

/**
 * Where a walk down a resource body stands after some segments: still checking (`step` is the
 * path string so far), or decided for this path and every path below it.
 */
export type PathProgress = { step: string } | PropertyStatus;

/**
 * One API version of one type, with its sets precomputed (a walk asks once per property: no
 * prefix strings and no BigInt per question).
 */
export class VersionView {
  private readonly defined = new Set<string>();
  private readonly open = new Set<string>();
  /** Paths this version lacks but another has: the first version that has each. */
  private readonly elsewhere = new Map<string, number>();

  constructor(
    private readonly type: LoadedType,
    private readonly versionIndex: number,
  ) {
    for (const [path, { mask, first }] of type.properties) {
      if (hasVersion(mask, versionIndex)) this.defined.add(path);
      else this.elsewhere.set(path, first);
    }
    for (const [path, { mask }] of type.open) if (hasVersion(mask, versionIndex)) this.open.add(path);
  }

  /** The progress after one more segment at `index` (its position in the path). */
  next(progress: PathProgress, segment: string | number, index: number): PathProgress {
    if (!('step' in progress)) return progress;
    const parent = progress.step;
    if (index > 0 && this.open.has(parent)) return DEFINED;
    const step = typeof segment === 'number' ? `${parent}[]` : parent ? `${parent}.${segment}` : segment;
    if (step.endsWith('[]') || this.defined.has(step)) return { step };
    const first = this.elsewhere.get(step);
    // Defined only in later versions: ignored by this one. Removed in later versions: still accepted.
    if (first !== undefined) return first > this.versionIndex ? { status: 'later', firstVersion: this.type.versions[first] } : DEFINED;
    return unknownStatus(this.type, parent, String(segment));
  }
}

const DEFINED: PropertyStatus = { status: 'defined' };
const views = new Map<string, VersionView | null>();

/** The view of a type's API version, or undefined when the schemas do not have it (unchecked). */
export function versionView(resourceType: string, apiVersion: string): VersionView | undefined {
  const key = `${resourceType.toLowerCase()}\u0000${apiVersion}`;
  let view = views.get(key);
  if (view === undefined) {
    const type = load(resourceType);
    const versionIndex = type ? type.versions.indexOf(apiVersion) : -1;
    view = type && versionIndex >= 0 ? new VersionView(type, versionIndex) : null;
    views.set(key, view);
  }
  return view ?? undefined;
}

/** Keys ARM accepts on every resource declaration: defined at the top level, whatever the schema says. */
export function isDeploymentKey(key: string | number): boolean {
  return typeof key === 'string' && DEPLOYMENT_KEYS.has(key.toLowerCase());
}

export function propertyStatus(resourceType: string, apiVersion: string, path: ReadonlyArray<string | number>): PropertyStatus {
  const view = versionView(resourceType, apiVersion);
  if (!view) return { status: 'unchecked' };
  if (path.length === 1 && isDeploymentKey(path[0])) return { status: 'defined' };
  let progress: PathProgress = { step: '' };
  for (let i = 0; i < path.length && 'step' in progress; i++) progress = view.next(progress, path[i], i);
  return 'step' in progress ? { status: 'defined' } : progress;
}

function unknownStatus(type: LoadedType, parent: string, key: string): PropertyStatus {
  const siblings = type.children.get(parent) ?? [];
  const caseMatch = siblings.find((sibling) => sibling.toLowerCase() === key.toLowerCase());
  if (caseMatch) return { status: 'unknown', suggestion: caseMatch, caseOnly: true };
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const sibling of siblings) {
    // More than 3 apart in length is never a typo worth suggesting.
    const distance = Math.abs(sibling.length - key.length) > 3 ? Infinity : editDistance(sibling.toLowerCase(), key.toLowerCase());
    if (distance < bestDistance) {
      best = sibling;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.min(3, Math.floor(key.length / 4))) ? { status: 'unknown', suggestion: best } : { status: 'unknown' };
}

export function firstApiVersion(resourceType: string, path: ReadonlyArray<string | number>): string | undefined {
  const type = load(resourceType);
  const value = type?.properties.get(pathString(path));
  if (!type || value === undefined || value.first < 0) return undefined;
  return type.versions[value.first];
}

export function enumValues(resourceType: string, apiVersion: string, path: ReadonlyArray<string | number>): readonly string[] | undefined {
  const type = load(resourceType);
  if (!type) return undefined;
  const versionIndex = type.versions.indexOf(apiVersion);
  if (versionIndex < 0) return undefined;
  return type.enums[pathString(path)]?.find(([mask]) => hasVersion(parseMask(mask), versionIndex))?.[1];
}

export const API_VERSION_TABLE_SOURCE = table.source;
