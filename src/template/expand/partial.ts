/**
 * allowedValues variants: the body of an instance whose identity is unchanged but whose body read
 * a varied parameter, built from the default pass's body. Only the values whose reads include a
 * varied parameter are expanded again, at the deepest object that holds them; everything else is
 * shared with the default pass (its values are never modified). A copy loop of 25 VMs varied on
 * `imageSku` then evaluates 25 `imageReference`s, not 25 whole bodies or `storageProfile`s.
 */
import type { JsonPath } from '../json.js';
import { setOrigin } from '../origin.js';
import { defineProperty, isObject, type Json } from './context.js';
import type { Frame } from './frame.js';
import type { ArmScope } from './scope.js';
import { expandValue } from './values.js';

/** The body, and the read paths (dotted prefixes) expanded again; undefined when only a whole expansion is exact. */
export function partialBody(
  frame: Frame,
  declaration: Json,
  path: JsonPath,
  scope: ArmScope,
  previous: Json,
  changed: readonly string[],
): { body: Json; redone: string[] } | undefined {
  const keys = Object.keys(previous);
  // Every changed read must fall under a key of the body (the header's name and apiVersion are compared by the caller).
  if (!changed.every((read) => keys.some((key) => key !== 'name' && key !== 'apiVersion' && (read === key || read.startsWith(`${key}.`))))) return undefined;
  const rebuild = new Rebuild(frame, scope, changed);
  const body: Json = {};
  for (const key of keys) {
    if (key === 'name' || key === 'apiVersion') defineProperty(body, key, previous[key]);
    else defineProperty(body, key, rebuild.member(declaration, previous, path, key, '', -1));
  }
  setOrigin(body, { document: frame.document, path });
  return { body, redone: rebuild.redone };
}

/** One body's rebuild: what is shared, what is descended into and what is expanded again. */
class Rebuild {
  readonly redone: string[] = [];
  /** The members of each read path ('' for the body) that lead to a changed read: 'a.b.c' gives '' → a, 'a' → b, 'a.b' → c. */
  private readonly touched = new Map<string, Set<string>>();

  constructor(
    private readonly frame: Frame,
    private readonly scope: ArmScope,
    private readonly changed: readonly string[],
  ) {
    for (const read of changed) {
      let start = 0;
      for (let end = read.indexOf('.'); ; end = read.indexOf('.', start)) {
        const parent = start === 0 ? '' : read.slice(0, start - 1);
        const members = this.touched.get(parent) ?? new Set<string>();
        members.add(read.slice(start, end < 0 ? undefined : end));
        this.touched.set(parent, members);
        if (end < 0) break;
        start = end + 1;
      }
    }
  }

  /**
   * Member `key` of the object at `parent` (read path `parentPrefix`, nesting `parentDepth` as
   * expandValue counts it) for this variant: the default pass's value when no changed read is
   * under it. Paths and prefixes are built only for what is rebuilt.
   */
  member(declared: Json, previous: Json, parent: JsonPath, key: string, parentPrefix: string, parentDepth: number): unknown {
    if (!this.touches(parentPrefix, key)) return previous[key];
    const prefix = parentPrefix === '' ? key : `${parentPrefix}.${key}`;
    const path = [...parent, key];
    const depth = parentDepth + 1;
    const value = previous[key];
    if (!this.canDescend(declared[key], value, prefix)) {
      this.redone.push(prefix);
      return expandValue(this.frame, declared[key], path, this.scope, depth, false);
    }
    const out: Json = {};
    for (const member of Object.keys(value as Json))
      defineProperty(out, member, this.member(declared[key] as Json, value as Json, path, member, prefix, depth));
    // expandValue anchors a body's top-level values only (locating walks down from them).
    if (depth === 0) setOrigin(out, { document: this.frame.document, path });
    return out;
  }

  /** A changed read is at or under member `key` of `parentPrefix`. */
  private touches(parentPrefix: string, key: string): boolean {
    if (!key.includes('.')) return this.touched.get(parentPrefix)?.has(key) === true;
    // Read paths join keys with dots, so a key with dots is found by its whole prefix.
    const prefix = parentPrefix === '' ? key : `${parentPrefix}.${key}`;
    return this.changed.some((read) => read === prefix || read.startsWith(`${prefix}.`));
  }

  /**
   * An object written as an object, expanded to one with the same keys, and no read recorded at
   * the object itself (a read path cut at its depth): its members can be rebuilt one by one.
   * A property copy loop makes members that are not keys of the declaration: expanded whole.
   */
  private canDescend(declared: unknown, previous: unknown, prefix: string): boolean {
    if (!isObject(declared) || !isObject(previous) || this.changed.includes(prefix)) return false;
    const keys = Object.keys(declared);
    if (keys.some((key) => key.toLowerCase() === 'copy')) return false;
    const previousKeys = Object.keys(previous);
    return previousKeys.length === keys.length && previousKeys.every((key, index) => key === keys[index]);
  }
}
