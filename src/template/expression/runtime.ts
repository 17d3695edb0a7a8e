/** What function implementations share: the evaluation context, failures, and type checks. */
import type { ExpressionAst } from './ast.js';
import { EVALUATION_LIMITS, reserveCharacters, type EvaluationBudget } from './limits.js';
import type { EvalScope } from './scope.js';
import { Unknown, isUnknown } from '../unknown.js';

export interface EvalContext {
  scope: EvalScope;
  /** The whole expression text with its brackets, for Unknown values. */
  text: string;
  /** Lambda variables in scope (`lambdaVariables('x')`). */
  lambda?: Map<string, unknown>;
  depth: number;
  /** The work budget of the template file (see limits.ts). */
  budget: EvaluationBudget;
}

/** A runtime error (wrong type, missing property): the value becomes Unknown, never a crash. */
export class EvalFailure extends Error {}

/** Functions whose arguments are evaluated first; any Unknown argument makes the result Unknown. */
export interface StrictFunction {
  lazy?: false;
  min: number;
  max: number;
  /** Receives Unknown arguments instead of short-circuiting (e.g. createArray, coalesce). */
  acceptsUnknown?: boolean;
  /** Takes lambda() values (filter, map, …); every other function rejects them, as ARM does. */
  acceptsLambda?: boolean;
  call(args: unknown[], context: EvalContext): unknown;
}

/** Functions that decide which arguments to evaluate (if, and, or, lambda). */
export interface LazyFunction {
  lazy: true;
  min: number;
  max: number;
  call(args: ExpressionAst[], context: EvalContext, evaluate: (ast: ExpressionAst, context: EvalContext) => unknown): unknown;
}

export type FunctionImpl = StrictFunction | LazyFunction;

export const MAX_STRING = EVALUATION_LIMITS.stringLength;

export function fail(message: string): never {
  throw new EvalFailure(message);
}

export function unknownOf(context: EvalContext, reason: string): Unknown {
  return new Unknown(context.text, reason);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnknown(value) && !(value instanceof Lambda);
}

export function str(value: unknown, name: string): string {
  if (typeof value !== 'string') fail(`${name} expects a string, not ${typeName(value)}`);
  return value;
}

export function int(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${name} expects an integer, not ${typeName(value)}`);
  return Math.trunc(value);
}

export function arr(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) fail(`${name} expects an array, not ${typeName(value)}`);
  return value;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (isUnknown(value)) return 'an unknown value';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A string a function built, checked against the string cap and paid for. */
export function checkedString(value: string, context: EvalContext, what: string): string {
  reserveCharacters(context.budget, value.length, what);
  return value;
}

/** Own property of a plain object, even `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Case-insensitive property lookup, as ARM does for object properties. A scan of the keys is paid for when a budget is given. */
export function getProperty(target: Record<string, unknown>, name: string, budget?: EvaluationBudget): { found: boolean; value: unknown } {
  if (Object.prototype.hasOwnProperty.call(target, name)) return { found: true, value: target[name] };
  const lower = name.toLowerCase();
  const keys = Object.keys(target);
  budget?.charge(keys.length);
  for (const key of keys) if (key.toLowerCase() === lower) return { found: true, value: target[key] };
  return { found: false, value: undefined };
}

/** A `lambda(...)` value: parameter names, body and the context it was made in. */
export class Lambda {
  constructor(
    readonly parameters: string[],
    readonly body: ExpressionAst,
    readonly context: EvalContext,
  ) {}
}

/**
 * Deep equality as `equals()` does it: strings case-sensitive, objects by keys (case-insensitive).
 * Each value compared is paid for when a budget is given (values can share parts: a comparison can
 * visit far more than was built).
 */
export function deepEquals(a: unknown, b: unknown, budget?: EvaluationBudget): boolean {
  budget?.charge(1);
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEquals(item, b[index], budget));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keysA = Object.keys(a);
    if (keysA.length !== Object.keys(b).length) return false;
    return keysA.every((key) => {
      const other = getProperty(b, key, budget);
      return other.found && deepEquals(a[key], other.value, budget);
    });
  }
  return false;
}
