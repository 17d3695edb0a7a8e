/** Evaluates an expression AST against a scope. Runtime failures become Unknown values. */
import type { ExpressionAst } from './ast.js';
import { COLLECTION_FUNCTIONS } from './functions/collections.js';
import { DEPLOYMENT_FUNCTIONS } from './functions/deployment.js';
import { LAMBDA_FUNCTIONS, setLambdaEvaluator } from './functions/lambda.js';
import { LOGIC_FUNCTIONS } from './functions/logic.js';
import { STRING_FUNCTIONS } from './functions/strings.js';
import { EvalFailure, Lambda, getProperty, isPlainObject, unknownOf, type EvalContext, type FunctionImpl } from './runtime.js';
import { EvaluationBudget, unfoldedSize } from './limits.js';
import { parseBracketedExpression } from './parser.js';
import { ExpressionError, type EvalScope } from './scope.js';
import { isExpressionText } from './text.js';

export { isExpressionText };
import { Unknown, isUnknown } from '../unknown.js';

const MAX_DEPTH = 64;

const FUNCTIONS: Record<string, FunctionImpl> = {
  ...STRING_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
  ...LOGIC_FUNCTIONS,
  ...DEPLOYMENT_FUNCTIONS,
  ...LAMBDA_FUNCTIONS,
  parameters: { min: 1, max: 1, call: ([name], context) => context.scope.parameter(String(name)) },
  variables: { min: 1, max: 1, call: ([name], context) => context.scope.variable(String(name)) },
};

/** Lower-cased names of the functions implemented (for tests and docs). */
export const FUNCTION_NAMES: readonly string[] = Object.keys(FUNCTIONS);

/** Argument counts a function accepts (lower-cased name), for checks that do not evaluate. */
export function functionArity(name: string): { min: number; max: number } | undefined {
  return Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
}

/** Calls nested deeper than this fail (see call). */
export const MAX_CALL_DEPTH = MAX_DEPTH;

export function evaluateAst(ast: ExpressionAst, scope: EvalScope, text = ''): unknown {
  return evaluateNode(ast, { scope, text, depth: 0, budget: budgetOf(scope) });
}

/** The template's budget, or one of its own for an evaluation outside a template. */
function budgetOf(scope: EvalScope): EvaluationBudget {
  return scope.budget ?? new EvaluationBudget();
}

function evaluateNode(ast: ExpressionAst, context: EvalContext): unknown {
  context.budget.charge(1);
  switch (ast.kind) {
    case 'string':
    case 'number':
    case 'literal':
      return ast.value;
    case 'member': {
      const target = evaluateNode(ast.target, context);
      if (isUnknown(target)) return target;
      if (!isPlainObject(target)) throw new EvalFailure(`property '${ast.name}' of ${target === null ? 'null' : 'a non-object'}`);
      const found = getProperty(target, ast.name, context.budget);
      if (!found.found) throw new EvalFailure(`the object has no property '${ast.name}'`);
      return found.value;
    }
    case 'index': {
      const target = evaluateNode(ast.target, context);
      const index = evaluateNode(ast.index, context);
      if (isUnknown(target)) return target;
      if (isUnknown(index)) return index;
      if (Array.isArray(target) && typeof index === 'number') {
        if (index < 0 || index >= target.length || !Number.isInteger(index)) throw new EvalFailure(`index ${index} is out of range`);
        return target[index];
      }
      if (isPlainObject(target) && typeof index === 'string') {
        const found = getProperty(target, index, context.budget);
        if (!found.found) throw new EvalFailure(`the object has no property '${index}'`);
        return found.value;
      }
      throw new EvalFailure('invalid index');
    }
    case 'call':
      return call(ast, context);
  }
}

function call(ast: Extract<ExpressionAst, { kind: 'call' }>, context: EvalContext): unknown {
  if (context.depth > MAX_DEPTH) throw new ExpressionError(`function calls nested deeper than ${MAX_DEPTH} levels`, ast.offset);
  // A literal of fixed shape: much cheaper than a spread on this hot path.
  const inner: EvalContext = { scope: context.scope, text: context.text, lambda: context.lambda, depth: context.depth + 1, budget: context.budget };
  if (ast.namespace) return callUserFunction(ast, inner);
  const name = ast.key;
  const fn = FUNCTIONS[name];
  if (!fn) {
    if (name.startsWith('list')) return unknownOf(context, `${ast.name}() reads runtime state of a resource`);
    return unknownOf(context, `function '${ast.name}' is not evaluated by patchwise`);
  }
  if (ast.args.length < fn.min || ast.args.length > fn.max) {
    throw new ExpressionError(`${ast.name}() takes ${fn.min === fn.max ? fn.min : `${fn.min} to ${fn.max}`} argument(s), not ${ast.args.length}`, ast.offset);
  }
  if (fn.lazy) return measured(fn.call(ast.args, inner, evaluateNode));
  const args = new Array<unknown>(ast.args.length);
  for (let i = 0; i < ast.args.length; i++) {
    const value = evaluateNode(ast.args[i], inner);
    if (!fn.acceptsUnknown && isUnknown(value)) return value;
    if (value instanceof Lambda && !fn.acceptsLambda)
      throw new EvalFailure(`${ast.name}() cannot take a lambda: lambdas go to filter, map, reduce, sort, groupBy, mapValues and toObject`);
    args[i] = value;
  }
  return measured(fn.call(args, inner));
}

/** Every array or object a function returns is measured unfolded (memoized): sharing cannot hide a blow-up. */
function measured(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !(value instanceof Lambda)) unfoldedSize(value);
  return value;
}

function callUserFunction(ast: Extract<ExpressionAst, { kind: 'call' }>, context: EvalContext): unknown {
  const fn = context.scope.userFunction?.(ast.namespace!, ast.name);
  if (!fn) return unknownOf(context, `user function ${ast.namespace}.${ast.name} is not declared`);
  const args = ast.args.map((arg) => evaluateNode(arg, context));
  const parameters = new Map<string, unknown>();
  fn.parameterNames.forEach((name, index) => parameters.set(name.toLowerCase(), args[index]));
  // The body sees only its own parameters (and no variables), as ARM specifies.
  const scope: EvalScope = {
    ...bindScope(context.scope),
    parameter: (name) => {
      const key = name.toLowerCase();
      if (!parameters.has(key)) throw new ExpressionError(`parameter '${name}' is not a parameter of ${ast.namespace}.${ast.name}`);
      return parameters.get(key);
    },
    variable: (name) => {
      throw new ExpressionError(`variables('${name}') cannot be used in a user-defined function`);
    },
  };
  if (typeof fn.output !== 'string') return fn.output;
  return evaluateTemplateString(fn.output, scope, context.depth + 1, context.budget);
}

function bindScope(scope: EvalScope): EvalScope {
  return {
    parameter: (name) => scope.parameter(name),
    variable: (name) => scope.variable(name),
    copyIndex: (loop) => scope.copyIndex(loop),
    resourceGroup: () => scope.resourceGroup(),
    subscription: () => scope.subscription(),
    tenant: () => scope.tenant(),
    managementGroup: () => scope.managementGroup(),
    deployment: () => scope.deployment(),
    environment: () => scope.environment(),
    userFunction: scope.userFunction ? (namespace, name) => scope.userFunction!(namespace, name) : undefined,
    budget: scope.budget,
  };
}

setLambdaEvaluator(evaluateNode);

export { evaluateNode };

/** Evaluate a template string value; shared by evaluateString and user functions. */
export function evaluateTemplateString(text: string, scope: EvalScope, depth = 0, budget?: EvaluationBudget): unknown {
  if (!isExpressionText(text)) return text.startsWith('[[') ? text.slice(1) : text;
  const ast = parseBracketedExpression(text);
  try {
    const value = evaluateNode(ast, { scope, text, depth, budget: budget ?? budgetOf(scope) });
    return value instanceof Lambda ? new Unknown(text, 'a lambda is not a value') : value;
  } catch (error) {
    if (error instanceof EvalFailure) return new Unknown(text, error.message);
    throw error;
  }
}
