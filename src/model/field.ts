/** A property of the model: its effective value, where it lives, and whether the user wrote it. */
import type { JsonPath } from './source.js';
import { Unknown, isUnknown } from './unknown.js';

export interface Field<T> {
  /**
   * The effective value: what Azure would use. The written value when the template sets it, else
   * the documented default (GP5), else `undefined`. An `Unknown` when the written value cannot be
   * evaluated before deployment.
   */
  value: T | Unknown | undefined;
  /** Property path inside the resource, e.g. `['properties', 'osProfile', 'computerName']`. */
  path: JsonPath;
  /** True when the template writes the property (even through an expression). */
  explicit: boolean;
}

export function isKnown<T>(field: Field<T> | undefined): field is Field<T> & { value: T } {
  return field !== undefined && field.value !== undefined && !isUnknown(field.value);
}

/**
 * The key of `container` that property `segment` names. ARM property names are case-insensitive,
 * so `PatchMode` names `patchMode`; the exact spelling wins when both are written.
 */
function writtenKey(container: object, segment: string | number): string | number | undefined {
  if (Object.prototype.hasOwnProperty.call(container, segment)) return segment;
  if (typeof segment !== 'string' || Array.isArray(container)) return undefined;
  const wanted = segment.toLowerCase();
  let found: string | undefined;
  // for...in, not Object.keys: most reads are of absent properties, and this runs for each of them.
  for (const key in container) {
    if (key.length === segment.length && Object.hasOwn(container, key) && key.toLowerCase() === wanted) found = key;
  }
  return found;
}

/** The raw value at `path` below `root` (undefined when absent; Unknown when a container on the way is unknown). */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (isUnknown(current)) return current;
    if (current === null || typeof current !== 'object') return undefined;
    const key = writtenKey(current, segment);
    if (key === undefined) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** The path as the template writes it (keys in their written case), for locations and fixes. */
export function writtenPath(root: unknown, path: JsonPath): JsonPath {
  let current: unknown = root;
  let out: JsonPath | undefined;
  for (let index = 0; index < path.length; index++) {
    if (current === null || typeof current !== 'object' || isUnknown(current)) break;
    const key = writtenKey(current, path[index]);
    if (key === undefined) break;
    if (key !== path[index]) (out ??= [...path])[index] = key;
    current = (current as Record<string | number, unknown>)[key];
  }
  return out ?? path;
}

/**
 * A field read from `root` at `path`, typed by `accept`: a written value of the wrong JSON type is
 * kept as Unknown (ARM would reject it, other tools report that) rather than trusted.
 */
export function readField<T>(root: unknown, canonicalPath: JsonPath, accept: (value: unknown) => value is T, fallback?: T): Field<T> {
  const raw = valueAt(root, canonicalPath);
  if (raw === undefined || raw === null) return { value: fallback, path: canonicalPath, explicit: false };
  const path = writtenPath(root, canonicalPath);
  if (isUnknown(raw)) return { value: raw, path, explicit: true };
  if (accept(raw)) return { value: raw, path, explicit: true };
  return { value: new Unknown(JSON.stringify(raw), `unexpected value type ${typeof raw}`), path, explicit: true };
}

export const isString = (value: unknown): value is string => typeof value === 'string';
/** Any written value (extension settings: the handler decides their shape). */
export const isAnything = (_value: unknown): _value is unknown => true;
export const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
export const isArray = (value: unknown): value is unknown[] => Array.isArray(value);
export const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnknown(value);

/** ARM accepts booleans as `true`/`"true"`; anything else is not a boolean. */
export function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

export function readBoolean(root: unknown, path: JsonPath, fallback?: boolean): Field<boolean> {
  const raw = valueAt(root, path);
  if (typeof raw === 'string' && /^(true|false)$/i.test(raw)) return { value: raw.toLowerCase() === 'true', path: writtenPath(root, path), explicit: true };
  return readField(root, path, isBoolean, fallback);
}

export function readString(root: unknown, path: JsonPath, fallback?: string): Field<string> {
  return readField(root, path, isString, fallback);
}

export function readInteger(root: unknown, path: JsonPath, fallback?: number): Field<number> {
  const raw = valueAt(root, path);
  if (typeof raw === 'string' && /^-?\d+$/.test(raw)) return { value: Number(raw), path: writtenPath(root, path), explicit: true };
  return readField(root, path, isNumber, fallback);
}

/** Case-insensitive: Azure accepts enum values in any case. */
export function sameValue(value: string, expected: string): boolean {
  return value.toLowerCase() === expected.toLowerCase();
}

/** A known string field equal to `expected`, ignoring case. */
export function fieldIs(field: Field<string> | undefined, expected: string): boolean {
  return isKnown(field) && sameValue(field.value, expected);
}

/** Canonical spelling of an enum value, or undefined when it is not one of them. */
export function canonical(value: string, allowed: readonly string[]): string | undefined {
  return allowed.find((candidate) => sameValue(candidate, value));
}

/** A known `true`. */
export function isTrue(field: Field<boolean> | undefined): boolean {
  return isKnown(field) && field.value === true;
}

/** Written, and true or not known: may be on (for rules that only speak about written settings). */
export function mayBeTrue(field: Field<boolean>): boolean {
  return field.explicit && (!isKnown(field) || field.value === true);
}
