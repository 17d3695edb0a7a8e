/** Logical, comparison, numeric and conversion functions. */
import { Unknown, isUnknown } from '../../unknown.js';
import { deepEquals, fail, int, str, type FunctionImpl, type LazyFunction } from '../runtime.js';

function strict(min: number, max: number, call: (args: unknown[]) => unknown, acceptsUnknown = false): FunctionImpl {
  return { min, max, acceptsUnknown, call: (args) => call(args) };
}

function bool(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return fail(`${name} expects a boolean`);
}

function compare(a: unknown, b: unknown, name: string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return fail(`${name} compares two numbers or two strings`);
}

/** if(): only the branch taken is evaluated, as in ARM. */
const ifFunction: LazyFunction = {
  lazy: true,
  min: 3,
  max: 3,
  call([condition, whenTrue, whenFalse], context, evaluate) {
    const value = evaluate(condition, context);
    if (isUnknown(value)) return value;
    return evaluate(bool(value, 'if') ? whenTrue : whenFalse, context);
  },
};

function shortCircuit(name: 'and' | 'or'): LazyFunction {
  const decisive = name === 'or';
  return {
    lazy: true,
    min: 1,
    max: 64,
    call(args, context, evaluate) {
      let unknown: Unknown | undefined;
      for (const arg of args) {
        const value = evaluate(arg, context);
        if (isUnknown(value)) {
          unknown ??= value;
          continue;
        }
        if (bool(value, name) === decisive) return decisive;
      }
      return unknown ?? !decisive;
    },
  };
}

const coalesce: LazyFunction = {
  lazy: true,
  min: 1,
  max: 64,
  call(args, context, evaluate) {
    for (const arg of args) {
      const value = evaluate(arg, context);
      if (isUnknown(value)) return value;
      if (value !== null && value !== undefined) return value;
    }
    return null;
  },
};

function arithmetic(name: string, op: (a: number, b: number) => number): FunctionImpl {
  return strict(2, 2, ([a, b]) => op(int(a, name), int(b, name)));
}

export const LOGIC_FUNCTIONS: Record<string, FunctionImpl> = {
  if: ifFunction,
  and: shortCircuit('and'),
  or: shortCircuit('or'),
  coalesce,
  not: strict(1, 1, ([value]) => !bool(value, 'not')),
  equals: { min: 2, max: 2, call: ([a, b], context) => deepEquals(a, b, context.budget) },
  less: strict(2, 2, ([a, b]) => compare(a, b, 'less') < 0),
  lessorequals: strict(2, 2, ([a, b]) => compare(a, b, 'lessOrEquals') <= 0),
  greater: strict(2, 2, ([a, b]) => compare(a, b, 'greater') > 0),
  greaterorequals: strict(2, 2, ([a, b]) => compare(a, b, 'greaterOrEquals') >= 0),
  true: strict(0, 0, () => true),
  false: strict(0, 0, () => false),
  null: strict(0, 0, () => null),
  bool: strict(1, 1, ([value]) => (typeof value === 'number' ? value !== 0 : bool(value, 'bool'))),
  int: strict(1, 1, ([value]) => {
    if (typeof value === 'number') return Math.trunc(value);
    const text = str(value, 'int').trim();
    if (!/^[+-]?\d+$/.test(text)) fail(`int: '${text.slice(0, 40)}' is not an integer`);
    return Number(text);
  }),
  float: strict(1, 1, ([value]) => {
    const number = typeof value === 'number' ? value : Number(str(value, 'float'));
    return Number.isFinite(number) ? number : fail('float: not a number');
  }),
  add: arithmetic('add', (a, b) => a + b),
  sub: arithmetic('sub', (a, b) => a - b),
  mul: arithmetic('mul', (a, b) => a * b),
  div: arithmetic('div', (a, b) => (b === 0 ? fail('div by zero') : Math.trunc(a / b))),
  mod: arithmetic('mod', (a, b) => (b === 0 ? fail('mod by zero') : a % b)),
};
