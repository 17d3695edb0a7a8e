/** Array and object functions. */
import { Unknown, isUnknown } from '../../unknown.js';
import { arr, deepEquals, fail, getProperty, int, isPlainObject, setOwn, str, type FunctionImpl } from '../runtime.js';

function strict(min: number, max: number, call: (args: unknown[]) => unknown, acceptsUnknown = false): FunctionImpl {
  return { min, max, acceptsUnknown, call: (args) => call(args) };
}

const MAX_RANGE = 10_000;

/** union of objects: later wins, nested objects merged (ARM's deep merge). */
function mergeObjects(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(target)) setOwn(out, key, target[key]);
  for (const key of Object.keys(source)) {
    // Property names are case-insensitive in ARM: the first spelling stays, the last value wins.
    const lower = key.toLowerCase();
    const existingKey = Object.keys(out).find((candidate) => candidate.toLowerCase() === lower) ?? key;
    const existing = out[existingKey];
    const value = source[key];
    if (existingKey in out && isPlainObject(existing) && isPlainObject(value)) setOwn(out, existingKey, mergeObjects(existing, value));
    else setOwn(out, existingKey, value);
  }
  return out;
}

function contains(container: unknown, item: unknown): unknown {
  if (typeof container === 'string') return container.includes(str(item, 'contains'));
  if (Array.isArray(container)) {
    if (container.some((entry) => deepEquals(entry, item))) return true;
    return container.some(isUnknown) ? new Unknown('contains', 'the array has unknown items') : false;
  }
  if (isPlainObject(container)) return getProperty(container, str(item, 'contains')).found;
  return fail('contains expects a string, an array or an object');
}

function length(value: unknown): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (isPlainObject(value)) return Object.keys(value).length;
  return fail('length expects a string, an array or an object');
}

function empty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return fail('empty expects a string, an array or an object');
}

function takeOrSkip(value: unknown, count: unknown, take: boolean): unknown {
  const n = Math.max(0, int(count, take ? 'take' : 'skip'));
  if (typeof value === 'string') return take ? value.slice(0, n) : value.slice(n);
  const items = arr(value, take ? 'take' : 'skip');
  return take ? items.slice(0, n) : items.slice(n);
}

function numbers(args: unknown[], name: string): number[] {
  const values = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  if (values.length === 0) fail(`${name} needs at least one value`);
  return values.map((value) => int(value, name));
}

export const COLLECTION_FUNCTIONS: Record<string, FunctionImpl> = {
  concat: strict(1, 256, (args) => {
    if (args.length > 0 && args.every(Array.isArray)) return (args as unknown[][]).flat(1);
    if (args.some((arg) => Array.isArray(arg) || isPlainObject(arg))) return fail('concat mixes arrays and strings');
    const text = args.map((arg) => (arg === null ? '' : typeof arg === 'string' ? arg : String(arg))).join('');
    return text.length > 1024 * 1024 ? fail('concat result too long') : text;
  }),
  createarray: strict(0, 1024, (args) => [...args], true),
  array: strict(1, 1, ([value]) => (Array.isArray(value) ? value : [value]), true),
  createobject: strict(0, 1024, (args) => {
    if (args.length % 2 !== 0) fail('createObject needs key/value pairs');
    const out: Record<string, unknown> = {};
    for (let i = 0; i < args.length; i += 2) setOwn(out, str(args[i], 'createObject'), args[i + 1]);
    return out;
  }),
  union: strict(2, 64, (args) => {
    if (args.every(Array.isArray)) {
      const out: unknown[] = [];
      for (const item of (args as unknown[][]).flat(1)) if (!out.some((existing) => deepEquals(existing, item))) out.push(item);
      return out;
    }
    if (args.every(isPlainObject)) return (args as Array<Record<string, unknown>>).reduce(mergeObjects, {});
    return fail('union expects all arrays or all objects');
  }),
  shallowmerge: strict(1, 1, ([items]) => {
    const out: Record<string, unknown> = {};
    for (const item of arr(items, 'shallowMerge')) {
      if (isUnknown(item)) return item;
      if (!isPlainObject(item)) fail('shallowMerge expects objects');
      for (const key of Object.keys(item)) setOwn(out, key, item[key]);
    }
    return out;
  }),
  intersection: strict(1, 64, (args) => {
    if (args.every(Array.isArray)) {
      const [first, ...rest] = args as unknown[][];
      return first.filter((item, index) => first.findIndex((other) => deepEquals(other, item)) === index && rest.every((list) => list.some((other) => deepEquals(other, item))));
    }
    if (args.every(isPlainObject)) {
      const [first, ...rest] = args as Array<Record<string, unknown>>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(first)) {
        if (rest.every((other) => { const found = getProperty(other, key); return found.found && deepEquals(found.value, first[key]); })) setOwn(out, key, first[key]);
      }
      return out;
    }
    return fail('intersection expects all arrays or all objects');
  }),
  contains: strict(2, 2, ([container, item]) => contains(container, item)),
  length: strict(1, 1, ([value]) => length(value)),
  empty: strict(1, 1, ([value]) => empty(value)),
  first: strict(1, 1, ([value]) => (typeof value === 'string' ? value.slice(0, 1) : arr(value, 'first')[0] ?? null)),
  last: strict(1, 1, ([value]) => (typeof value === 'string' ? value.slice(-1) : arr(value, 'last').at(-1) ?? null)),
  take: strict(2, 2, ([value, count]) => takeOrSkip(value, count, true)),
  skip: strict(2, 2, ([value, count]) => takeOrSkip(value, count, false)),
  range: strict(2, 2, ([start, count]) => {
    const from = int(start, 'range');
    const n = int(count, 'range');
    if (n < 0 || n > MAX_RANGE) fail(`range count must be between 0 and ${MAX_RANGE}`);
    if (from + n > 2147483647) fail('range: startIndex + count must be no greater than 2147483647');
    return Array.from({ length: n }, (_, i) => from + i);
  }),
  min: strict(1, 256, (args) => Math.min(...numbers(args, 'min'))),
  max: strict(1, 256, (args) => Math.max(...numbers(args, 'max'))),
  flatten: strict(1, 1, ([value]) => arr(value, 'flatten').flatMap((item) => (Array.isArray(item) ? item : fail('flatten expects an array of arrays')))),
  items: strict(1, 1, ([value]) => {
    if (!isPlainObject(value)) fail('items expects an object');
    return Object.keys(value)
      .sort((a, b) => a.localeCompare(b))
      .map((key) => ({ key, value: value[key] }));
  }),
  objectkeys: strict(1, 1, ([value]) => (isPlainObject(value) ? Object.keys(value) : fail('objectKeys expects an object'))),
  tryget: strict(2, 64, ([value, ...keys]) => {
    let current = value;
    for (const key of keys) {
      if (isUnknown(current)) return current;
      if (Array.isArray(current) && typeof key === 'number') current = key >= 0 && key < current.length ? current[key] : null;
      else if (isPlainObject(current) && typeof key === 'string') current = getProperty(current, key).found ? getProperty(current, key).value : null;
      else return null;
      if (current === null) return null;
    }
    return current;
  }, true),
};
