/** lambda() and the functions that take one (filter, map, reduce, sort, toObject, groupBy). */
import { isUnknown } from '../../unknown.js';
import { reserveItems } from '../limits.js';
import { Lambda, arr, fail, isPlainObject, setOwn, str, type EvalContext, type FunctionImpl, type LazyFunction } from '../runtime.js';
import type { ExpressionAst } from '../ast.js';

const lambda: LazyFunction = {
  lazy: true,
  min: 1,
  max: 8,
  call(args, context, evaluate) {
    const names = args.slice(0, -1).map((arg) => str(evaluate(arg, context), 'lambda'));
    return new Lambda(names, args[args.length - 1], context);
  },
};

/** Evaluation of a lambda's body is injected by the evaluator (to avoid an import cycle). */
export let applyLambda: (fn: Lambda, values: unknown[]) => unknown = () => fail('lambda evaluator not set');

export function setLambdaEvaluator(evaluate: (ast: ExpressionAst, context: EvalContext) => unknown): void {
  applyLambda = (fn, values) => {
    const variables = new Map(fn.context.lambda ?? []);
    fn.parameters.forEach((name, index) => variables.set(name.toLowerCase(), values[index]));
    return evaluate(fn.body, { ...fn.context, lambda: variables, depth: fn.context.depth + 1 });
  };
}

function asLambda(value: unknown, name: string): Lambda {
  if (!(value instanceof Lambda)) fail(`${name} expects a lambda`);
  return value;
}

function strict(min: number, max: number, call: (args: unknown[], context: EvalContext) => unknown): FunctionImpl {
  return { min, max, call, acceptsLambda: true };
}

export const LAMBDA_FUNCTIONS: Record<string, FunctionImpl> = {
  lambda,
  lambdavariables: strict(1, 1, ([name], context) => {
    const key = str(name, 'lambdaVariables').toLowerCase();
    if (!context.lambda?.has(key)) fail(`lambdaVariables: no lambda variable '${key}'`);
    return context.lambda.get(key);
  }),
  filter: strict(2, 2, ([items, fn], { budget }) => {
    const out: unknown[] = [];
    reserveItems(budget, arr(items, 'filter').length, 'filter');
    for (const [index, item] of arr(items, 'filter').entries()) {
      const keep = applyLambda(asLambda(fn, 'filter'), [item, index]);
      if (isUnknown(keep)) return keep;
      if (keep === true) out.push(item);
    }
    return out;
  }),
  map: strict(2, 2, ([items, fn], { budget }) => {
    reserveItems(budget, arr(items, 'map').length, 'map');
    return arr(items, 'map').map((item, index) => applyLambda(asLambda(fn, 'map'), [item, index]));
  }),
  reduce: strict(3, 3, ([items, initial, fn]) => {
    let accumulator = initial;
    for (const [index, item] of arr(items, 'reduce').entries()) accumulator = applyLambda(asLambda(fn, 'reduce'), [accumulator, item, index]);
    return accumulator;
  }),
  sort: strict(2, 2, ([items, fn], { budget }) => {
    reserveItems(budget, arr(items, 'sort').length, 'sort');
    const list = [...arr(items, 'sort')];
    let unknown: unknown;
    list.sort((a, b) => {
      const before = applyLambda(asLambda(fn, 'sort'), [a, b]);
      if (isUnknown(before)) unknown = before;
      return before === true ? -1 : 1;
    });
    return unknown ?? list;
  }),
  toobject: strict(2, 3, ([items, keyFn, valueFn], { budget }) => {
    reserveItems(budget, arr(items, 'toObject').length, 'toObject');
    const out: Record<string, unknown> = {};
    for (const item of arr(items, 'toObject')) {
      const key = applyLambda(asLambda(keyFn, 'toObject'), [item]);
      if (isUnknown(key)) return key;
      setOwn(out, str(key, 'toObject'), valueFn === undefined ? item : applyLambda(asLambda(valueFn, 'toObject'), [item]));
    }
    return out;
  }),
  groupby: strict(2, 2, ([items, fn], { budget }) => {
    reserveItems(budget, arr(items, 'groupBy').length, 'groupBy');
    const out: Record<string, unknown[]> = {};
    for (const item of arr(items, 'groupBy')) {
      const key = applyLambda(asLambda(fn, 'groupBy'), [item]);
      if (isUnknown(key)) return key;
      const name = str(key, 'groupBy');
      if (!Object.prototype.hasOwnProperty.call(out, name)) setOwn(out, name, []);
      out[name].push(item);
    }
    return out;
  }),
  mapvalues: strict(2, 2, ([object, fn], { budget }) => {
    if (!isPlainObject(object)) fail('mapValues expects an object');
    const out: Record<string, unknown> = {};
    const keys = Object.keys(object);
    reserveItems(budget, keys.length, 'mapValues');
    for (const key of keys) setOwn(out, key, applyLambda(asLambda(fn, 'mapValues'), [object[key]]));
    return out;
  }),
};
