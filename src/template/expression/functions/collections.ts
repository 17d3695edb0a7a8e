/** Array and object functions. */
import { Unknown, isUnknown } from '../../unknown.js';
import { reserveCharacters, reserveItems, type EvaluationBudget } from '../limits.js';
import { arr, deepEquals, fail, getProperty, int, isPlainObject, setOwn, str, type EvalContext, type FunctionImpl } from '../runtime.js';
import { ItemSet } from './item-set.js';

function strict(min: number, max: number, call: (args: unknown[], context: EvalContext) => unknown, acceptsUnknown = false): FunctionImpl {
  return { min, max, acceptsUnknown, call };
}

const MAX_RANGE = 10_000;

/** union of objects: later wins, nested objects merged (ARM's deep merge). */
function mergeObjects(target: Record<string, unknown>, source: Record<string, unknown>, budget: EvaluationBudget): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Property names are case-insensitive in ARM: the first spelling stays, the last value wins.
  const spelling = new Map<string, string>();
  const targetKeys = Object.keys(target);
  const sourceKeys = Object.keys(source);
  reserveItems(budget, targetKeys.length + sourceKeys.length, 'union');
  for (const key of targetKeys) {
    setOwn(out, key, target[key]);
    if (!spelling.has(key.toLowerCase())) spelling.set(key.toLowerCase(), key);
  }
  for (const key of sourceKeys) {
    const lower = key.toLowerCase();
    const existingKey = spelling.get(lower) ?? key;
    const existing = out[existingKey];
    const value = source[key];
    if (spelling.has(lower) && isPlainObject(existing) && isPlainObject(value)) setOwn(out, existingKey, mergeObjects(existing, value, budget));
    else setOwn(out, existingKey, value);
    if (!spelling.has(lower)) spelling.set(lower, key);
  }
  return out;
}

function contains(container: unknown, item: unknown, budget: EvaluationBudget): unknown {
  if (typeof container === 'string') {
    budget.charge(Math.ceil(container.length / 16));
    return container.includes(str(item, 'contains'));
  }
  if (Array.isArray(container)) {
    if (container.some((entry) => deepEquals(entry, item, budget))) return true;
    return container.some(isUnknown) ? new Unknown('contains', 'the array has unknown items') : false;
  }
  if (isPlainObject(container)) return getProperty(container, str(item, 'contains'), budget).found;
  return fail('contains expects a string, an array or an object');
}

function length(value: unknown, budget: EvaluationBudget): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (isPlainObject(value)) return keysOf(value, budget).length;
  return fail('length expects a string, an array or an object');
}

/** Object.keys, paid for: a variable can hold an object of a million keys. */
function keysOf(value: Record<string, unknown>, budget: EvaluationBudget): string[] {
  const keys = Object.keys(value);
  budget.charge(keys.length);
  return keys;
}

/** Items of arrays, concatenated: the size is checked before anything is built. */
function concatenated(lists: unknown[][], budget: EvaluationBudget, name: string): unknown[] {
  reserveItems(
    budget,
    lists.reduce((total, list) => total + list.length, 0),
    name,
  );
  return lists.flat(1);
}

function union(lists: unknown[][], budget: EvaluationBudget): unknown[] {
  reserveItems(
    budget,
    lists.reduce((total, list) => total + list.length, 0),
    'union',
  );
  const seen = new ItemSet(budget);
  const out: unknown[] = [];
  for (const list of lists) for (const item of list) if (seen.add(item)) out.push(item);
  return out;
}

/** Items of the first list (without repeats) that every other list has. */
function intersection(lists: unknown[][], budget: EvaluationBudget): unknown[] {
  const [first, ...rest] = lists;
  reserveItems(
    budget,
    lists.reduce((total, list) => total + list.length, 0),
    'intersection',
  );
  const others = rest.map((list) => {
    const set = new ItemSet(budget);
    for (const item of list) set.add(item);
    return set;
  });
  const seen = new ItemSet(budget);
  return first.filter((item) => seen.add(item) && others.every((set) => set.has(item)));
}

function empty(value: unknown, budget: EvaluationBudget): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return keysOf(value, budget).length === 0;
  return fail('empty expects a string, an array or an object');
}

function takeOrSkip(value: unknown, count: unknown, take: boolean, budget: EvaluationBudget): unknown {
  const n = Math.max(0, int(count, take ? 'take' : 'skip'));
  if (typeof value === 'string') return take ? value.slice(0, n) : value.slice(n);
  const items = arr(value, take ? 'take' : 'skip');
  const result = take ? items.slice(0, n) : items.slice(n);
  budget.charge(result.length);
  return result;
}

function numbers(args: unknown[], name: string, budget: EvaluationBudget): number[] {
  const values = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  if (values.length === 0) fail(`${name} needs at least one value`);
  budget.charge(values.length);
  return values.map((value) => int(value, name));
}

/** Math.min/max without spreading (a spread of 100,000 arguments can overflow the stack). */
function extreme(values: number[], pick: (a: number, b: number) => number): number {
  let result = values[0];
  for (let i = 1; i < values.length; i++) result = pick(result, values[i]);
  return result;
}

export const COLLECTION_FUNCTIONS: Record<string, FunctionImpl> = {
  // One pass over the arguments: concat is the function templates call most.
  concat: strict(1, 256, (args, { budget }) => {
    let arrays = 0;
    let length = 0;
    const parts = new Array<string>(args.length);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (Array.isArray(arg)) arrays++;
      else if (isPlainObject(arg)) return fail('concat mixes arrays and strings');
      else length += (parts[i] = arg === null ? '' : typeof arg === 'string' ? arg : String(arg)).length;
    }
    if (arrays === args.length) return concatenated(args as unknown[][], budget, 'concat');
    if (arrays > 0) return fail('concat mixes arrays and strings');
    reserveCharacters(budget, length, 'concat');
    return parts.join('');
  }),
  createarray: strict(
    0,
    1024,
    (args, { budget }) => {
      reserveItems(budget, args.length, 'createArray');
      return [...args];
    },
    true,
  ),
  array: strict(1, 1, ([value]) => (Array.isArray(value) ? value : [value]), true),
  createobject: strict(0, 1024, (args, { budget }) => {
    if (args.length % 2 !== 0) fail('createObject needs key/value pairs');
    reserveItems(budget, args.length / 2, 'createObject');
    const out: Record<string, unknown> = {};
    for (let i = 0; i < args.length; i += 2) setOwn(out, str(args[i], 'createObject'), args[i + 1]);
    return out;
  }),
  union: strict(2, 64, (args, { budget }) => {
    if (args.every(Array.isArray)) return union(args as unknown[][], budget);
    if (args.every(isPlainObject)) return (args as Array<Record<string, unknown>>).reduce((merged, next) => mergeObjects(merged, next, budget), {});
    return fail('union expects all arrays or all objects');
  }),
  shallowmerge: strict(1, 1, ([items], { budget }) => {
    const out: Record<string, unknown> = {};
    for (const item of arr(items, 'shallowMerge')) {
      if (isUnknown(item)) return item;
      if (!isPlainObject(item)) fail('shallowMerge expects objects');
      for (const key of keysOf(item, budget)) setOwn(out, key, item[key]);
    }
    reserveItems(budget, Object.keys(out).length, 'shallowMerge');
    return out;
  }),
  intersection: strict(1, 64, (args, { budget }) => {
    if (args.every(Array.isArray)) return intersection(args as unknown[][], budget);
    if (args.every(isPlainObject)) {
      const [first, ...rest] = args as Array<Record<string, unknown>>;
      const out: Record<string, unknown> = {};
      for (const key of keysOf(first, budget)) {
        if (
          rest.every((other) => {
            const found = getProperty(other, key, budget);
            return found.found && deepEquals(found.value, first[key], budget);
          })
        )
          setOwn(out, key, first[key]);
      }
      return out;
    }
    return fail('intersection expects all arrays or all objects');
  }),
  contains: strict(2, 2, ([container, item], { budget }) => contains(container, item, budget)),
  length: strict(1, 1, ([value], { budget }) => length(value, budget)),
  empty: strict(1, 1, ([value], { budget }) => empty(value, budget)),
  first: strict(1, 1, ([value]) => (typeof value === 'string' ? value.slice(0, 1) : (arr(value, 'first')[0] ?? null))),
  last: strict(1, 1, ([value]) => (typeof value === 'string' ? value.slice(-1) : (arr(value, 'last').at(-1) ?? null))),
  take: strict(2, 2, ([value, count], { budget }) => takeOrSkip(value, count, true, budget)),
  skip: strict(2, 2, ([value, count], { budget }) => takeOrSkip(value, count, false, budget)),
  range: strict(2, 2, ([start, count], { budget }) => {
    const from = int(start, 'range');
    const n = int(count, 'range');
    if (n < 0 || n > MAX_RANGE) fail(`range count must be between 0 and ${MAX_RANGE}`);
    if (from + n > 2147483647) fail('range: startIndex + count must be no greater than 2147483647');
    reserveItems(budget, n, 'range');
    return Array.from({ length: n }, (_, i) => from + i);
  }),
  min: strict(1, 256, (args, { budget }) => extreme(numbers(args, 'min', budget), Math.min)),
  max: strict(1, 256, (args, { budget }) => extreme(numbers(args, 'max', budget), Math.max)),
  flatten: strict(1, 1, ([value], { budget }) => {
    const lists = arr(value, 'flatten').map((item) => (Array.isArray(item) ? item : fail('flatten expects an array of arrays')));
    return concatenated(lists, budget, 'flatten');
  }),
  items: strict(1, 1, ([value], { budget }) => {
    if (!isPlainObject(value)) fail('items expects an object');
    const keys = keysOf(value, budget);
    reserveItems(budget, keys.length, 'items');
    return keys.sort((a, b) => a.localeCompare(b, 'en')).map((key) => ({ key, value: value[key] }));
  }),
  objectkeys: strict(1, 1, ([value], { budget }) => {
    if (!isPlainObject(value)) fail('objectKeys expects an object');
    const keys = keysOf(value, budget);
    reserveItems(budget, keys.length, 'objectKeys');
    return keys;
  }),
  tryget: strict(
    2,
    64,
    ([value, ...keys], { budget }) => {
      let current = value;
      for (const key of keys) {
        if (isUnknown(current)) return current;
        if (Array.isArray(current) && typeof key === 'number') current = key >= 0 && key < current.length ? current[key] : null;
        else if (isPlainObject(current) && typeof key === 'string') {
          const found = getProperty(current, key, budget);
          current = found.found ? found.value : null;
        } else return null;
        if (current === null) return null;
      }
      return current;
    },
    true,
  ),
};
