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
    else defineProperty(body, key, rebuild.value(declaration[key], previous[key], [...path, key], key, 0));
  }
  setOrigin(body, { document: frame.document, path });
  return { body, redone: rebuild.redone };
}

/** One body's rebuild: what is shared, what is descended into and what is expanded again. */
class Rebuild {
  readonly redone: string[] = [];
  /** Every dotted prefix of a changed read path ('a', 'a.b' and 'a.b.c' for 'a.b.c'): what a rebuild descends into. */
  private readonly touched = new Set<string>();

  constructor(
    private readonly frame: Frame,
    private readonly scope: ArmScope,
    private readonly changed: readonly string[],
  ) {
    for (const read of changed) {
      for (let end = read.indexOf('.'); end >= 0; end = read.indexOf('.', end + 1)) this.touched.add(read.slice(0, end));
      this.touched.add(read);
    }
  }

  /** The value at `path` (read path `prefix`, nesting `depth` as expandValue counts it) for this variant. */
  value(declared: unknown, previous: unknown, path: JsonPath, prefix: string, depth: number): unknown {
    if (!this.touched.has(prefix)) return previous;
    if (!this.canDescend(declared, previous, prefix)) {
      this.redone.push(prefix);
      return expandValue(this.frame, declared, path, this.scope, depth, false);
    }
    const out: Json = {};
    for (const key of Object.keys(previous as Json)) {
      defineProperty(out, key, this.value((declared as Json)[key], (previous as Json)[key], [...path, key], `${prefix}.${key}`, depth + 1));
    }
    // expandValue anchors a body's top-level values only (locating walks down from them).
    if (depth === 0) setOrigin(out, { document: this.frame.document, path: path.slice() });
    return out;
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
