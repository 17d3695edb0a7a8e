/**
 * Bicep expressions → ARM expression text (without the surrounding brackets), the way Bicep's
 * compiler writes them: interpolation → format(), `?:` → if(), `??` → coalesce(), `.?` →
 * tryGet(), symbolic references → the resource's name, resourceId() or reference(). A construct
 * with no faithful ARM form throws `Unlowerable`; the caller then makes the whole value unknown,
 * so a value we cannot lower is never judged.
 */
import type * as Ast from './ast.js';

export class Unlowerable extends Error {}

/** What a symbolic name (`vm`, `vm::ext`, `nics`) stands for. */
export interface SymbolInfo {
  kind: 'resource' | 'module';
  /** Full resource type. */
  type: string;
  apiVersion: string;
  /** The evaluated name as ARM text; `index` selects an instance of a looped declaration. */
  nameAt(index?: string): string;
  /** The resource id as ARM text, or Unlowerable (scopes we cannot express). */
  idAt(index?: string): string;
}

export interface Names {
  parameters: ReadonlySet<string>;
  variables: ReadonlySet<string>;
  functions: ReadonlySet<string>;
  symbols: ReadonlyMap<string, SymbolInfo>;
  /** Files a `load*Content()` call reads, relative to the Bicep file. */
  loadFile?: (path: string) => string | undefined;
}

export interface Scope {
  names: Names;
  /** Loop variables, lambda and function parameters, innermost binding: name → ARM text. */
  locals: ReadonlyMap<string, string>;
}

export function withLocals(scope: Scope, bindings: Record<string, string>): Scope {
  const locals = new Map(scope.locals);
  for (const [name, text] of Object.entries(bindings)) locals.set(name, text);
  return { names: scope.names, locals };
}

export function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const BINARY: Record<string, (a: string, b: string) => string> = {
  '||': (a, b) => `or(${a}, ${b})`,
  '&&': (a, b) => `and(${a}, ${b})`,
  '==': (a, b) => `equals(${a}, ${b})`,
  '!=': (a, b) => `not(equals(${a}, ${b}))`,
  '=~': (a, b) => `equals(toLower(${a}), toLower(${b}))`,
  '!~': (a, b) => `not(equals(toLower(${a}), toLower(${b})))`,
  '<': (a, b) => `less(${a}, ${b})`,
  '<=': (a, b) => `lessOrEquals(${a}, ${b})`,
  '>': (a, b) => `greater(${a}, ${b})`,
  '>=': (a, b) => `greaterOrEquals(${a}, ${b})`,
  '+': (a, b) => `add(${a}, ${b})`,
  '-': (a, b) => `sub(${a}, ${b})`,
  '*': (a, b) => `mul(${a}, ${b})`,
  '/': (a, b) => `div(${a}, ${b})`,
  '%': (a, b) => `mod(${a}, ${b})`,
  '??': (a, b) => `coalesce(${a}, ${b})`,
};

/** Functions whose arguments name another scope: only meaningful as a `scope:` value. */
const SCOPE_FUNCTIONS = new Set(['resourcegroup', 'subscription', 'managementgroup', 'tenant']);
/** Members of a resource known before deployment; the others are read with reference(). */
const STATIC_MEMBERS = new Set(['id', 'name', 'type', 'apiversion']);

let lambdaCounter = 0;

export function toArm(expression: Ast.Expression, scope: Scope): string {
  switch (expression.kind) {
    case 'string':
      return quote(expression.value);
    case 'interpolation':
      return interpolation(expression, scope);
    case 'number':
      return String(expression.value);
    case 'literal':
      return expression.value === null ? 'null()' : expression.value ? 'true()' : 'false()';
    case 'ref':
      return reference(expression.name, scope);
    case 'paren':
      return toArm(expression.inner, scope);
    case 'nonNull':
      return toArm(expression.target, scope);
    case 'member':
      return member(expression, scope);
    case 'index': {
      const symbol = symbolOf(expression.target, scope);
      if (symbol) return `reference(${quote(symbolName(expression.target))})`;
      const target = toArm(expression.target, scope);
      // `x[^i]` counts from the end: the same element as x[length(x) - i] (tryGet: null when out of range).
      const index = expression.fromEnd ? `sub(length(${target}), ${toArm(expression.index, scope)})` : toArm(expression.index, scope);
      return expression.safe ? `tryGet(${target}, ${index})` : `${target}[${index}]`;
    }
    case 'nested':
      return `reference(${quote(symbolName(expression))})`;
    case 'unary': {
      const operand = toArm(expression.operand, scope);
      if (expression.op === '!') return `not(${operand})`;
      if (expression.op === '+') return operand;
      return expression.operand.kind === 'number' ? `-${expression.operand.value}` : `sub(0, ${operand})`;
    }
    case 'binary':
      return BINARY[expression.op](toArm(expression.left, scope), toArm(expression.right, scope));
    case 'ternary':
      return `if(${toArm(expression.condition, scope)}, ${toArm(expression.whenTrue, scope)}, ${toArm(expression.whenFalse, scope)})`;
    case 'call':
      return call(expression, scope);
    case 'object':
      return objectExpression(expression, scope);
    case 'array':
      return arrayExpression(expression, scope);
    case 'for':
      return loopExpression(expression, scope);
    case 'lambda': {
      const bindings: Record<string, string> = {};
      for (const name of expression.parameters) bindings[name] = `lambdaVariables(${quote(name)})`;
      return `lambda(${[...expression.parameters.map(quote), toArm(expression.body, withLocals(scope, bindings))].join(', ')})`;
    }
  }
}

function interpolation(expression: Ast.Interpolation, scope: Scope): string {
  let format = '';
  expression.segments.forEach((segment, index) => {
    if (index > 0) format += `{${index - 1}}`;
    format += segment.replace(/\{/g, '{{').replace(/\}/g, '}}');
  });
  return `format(${[quote(format), ...expression.expressions.map((part) => toArm(part, scope))].join(', ')})`;
}

function reference(name: string, scope: Scope): string {
  const local = scope.locals.get(name);
  if (local !== undefined) return local;
  const { names } = scope;
  if (names.parameters.has(name)) return `parameters(${quote(name)})`;
  if (names.variables.has(name)) return `variables(${quote(name)})`;
  if (names.symbols.has(name)) return `reference(${quote(name)})`;
  throw new Unlowerable(`'${name}' is not declared in this file (an import or a namespace)`);
}

/** The symbol an expression names directly (`vm`, `vm::ext`), when it is one and not shadowed. */
function symbolOf(expression: Ast.Expression, scope: Scope): SymbolInfo | undefined {
  if (expression.kind === 'ref' && !scope.locals.has(expression.name)) return scope.names.symbols.get(expression.name);
  if (expression.kind === 'nested') return scope.names.symbols.get(symbolName(expression));
  return undefined;
}

function symbolName(expression: Ast.Expression): string {
  if (expression.kind === 'ref') return expression.name;
  if (expression.kind === 'nested') return `${symbolName(expression.target)}::${expression.name}`;
  if (expression.kind === 'index') return symbolName(expression.target);
  throw new Unlowerable('not a symbolic reference');
}

/** The symbol and instance index of `vm`, `vms[i]`, `vm::ext`. */
export function resolveSymbol(expression: Ast.Expression, scope: Scope): { symbol: SymbolInfo; index?: string } | undefined {
  if (expression.kind === 'index' && !expression.safe && !expression.fromEnd) {
    const symbol = symbolOf(expression.target, scope);
    return symbol ? { symbol, index: toArm(expression.index, scope) } : undefined;
  }
  const symbol = symbolOf(expression, scope);
  return symbol ? { symbol } : undefined;
}

function member(expression: Ast.Member, scope: Scope): string {
  const resolved = resolveSymbol(expression.target, scope);
  if (resolved) {
    const { symbol, index } = resolved;
    const name = expression.name.toLowerCase();
    if (symbol.kind === 'module') {
      if (name === 'name') return symbol.nameAt(index);
      return `reference(${quote(symbolName(expression.target))})`;
    }
    if (STATIC_MEMBERS.has(name)) {
      if (name === 'id') return symbol.idAt(index);
      if (name === 'name') return symbol.nameAt(index);
      if (name === 'type') return quote(symbol.type);
      return quote(symbol.apiVersion);
    }
    // properties, location, tags…: runtime state, as in compiled templates.
    return `reference(${quote(symbolName(expression.target))})`;
  }
  const target = toArm(expression.target, scope);
  return expression.safe ? `tryGet(${target}, ${quote(expression.name)})` : `${target}.${armMemberName(expression.name, target)}`;
}

function armMemberName(name: string, target: string): string {
  // ARM's member syntax takes identifiers only.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Unlowerable(`member '${name}' of ${target}`);
  return name;
}

function call(expression: Ast.Call, scope: Scope): string {
  const args = (): string[] => expression.args.map((arg) => toArm(arg, scope));
  if (expression.target) {
    const namespace = expression.target.kind === 'ref' && !scope.locals.has(expression.target.name) ? expression.target.name : undefined;
    if (namespace === 'sys' || namespace === 'az') return plainCall(expression.name, expression.args, scope);
    // Instance functions (listKeys(), getSecret()…) and imported namespaces: runtime values.
    throw new Unlowerable(`the function ${expression.name}() of another value`);
  }
  if (scope.names.functions.has(expression.name)) return `__bicep.${expression.name}(${args().join(', ')})`;
  return plainCall(expression.name, expression.args, scope);
}

function plainCall(name: string, rawArgs: Ast.Expression[], scope: Scope): string {
  const lower = name.toLowerCase();
  if (lower === 'any') {
    if (rawArgs.length !== 1) throw new Unlowerable('any() takes one argument');
    return toArm(rawArgs[0], scope);
  }
  if (SCOPE_FUNCTIONS.has(lower) && rawArgs.length > 0) throw new Unlowerable(`${name}() of another scope`);
  if (lower === 'loadtextcontent' || lower === 'loadjsoncontent' || lower === 'loadfileasbase64' || lower === 'loadyamlcontent')
    return loadContent(lower, rawArgs, scope);
  const args = rawArgs.map((arg) => toArm(arg, scope));
  return `${name}(${args.join(', ')})`;
}

/** Compile-time file reads: the file's content as a literal (unknown when it cannot be read). */
function loadContent(name: string, rawArgs: Ast.Expression[], scope: Scope): string {
  const path = rawArgs[0];
  if (!path || path.kind !== 'string' || !scope.names.loadFile) throw new Unlowerable(`${name}() of a file that cannot be read`);
  const text = scope.names.loadFile(path.value);
  if (text === undefined) throw new Unlowerable(`${name}('${path.value}'): the file cannot be read`);
  if (name === 'loadtextcontent') return quote(text);
  if (name !== 'loadjsoncontent' || rawArgs.length > 1) throw new Unlowerable(`${name}() is not evaluated`);
  try {
    JSON.parse(text);
  } catch {
    throw new Unlowerable(`loadJsonContent('${path.value}'): not JSON`);
  }
  return `json(${quote(text)})`;
}

function objectExpression(expression: Ast.ObjectLiteral, scope: Scope): string {
  const parts: string[] = [];
  let pending: string[] = [];
  let spread = false;
  for (const item of expression.properties) {
    if (item.kind === 'resource') continue; // a nested resource is a declaration, lowered on its own
    if (item.kind === 'spread') {
      spread = true;
      if (pending.length > 0) parts.push(`createObject(${pending.join(', ')})`);
      pending = [];
      parts.push(toArm(item.value, scope));
      continue;
    }
    pending.push(typeof item.key === 'string' ? quote(item.key) : toArm(item.key, scope), toArm(item.value, scope));
  }
  if (!spread) return `createObject(${pending.join(', ')})`;
  if (pending.length > 0) parts.push(`createObject(${pending.join(', ')})`);
  return `shallowMerge(createArray(${parts.join(', ')}))`;
}

function arrayExpression(expression: Ast.ArrayLiteral, scope: Scope): string {
  if (!expression.items.some((item) => item.kind === 'spread'))
    return `createArray(${expression.items.map((item) => toArm(item as Ast.Expression, scope)).join(', ')})`;
  const parts = expression.items.map((item) => (item.kind === 'spread' ? toArm(item.value, scope) : `createArray(${toArm(item, scope)})`));
  return `flatten(createArray(${parts.join(', ')}))`;
}

/** A loop inside an expression: map() over the indexes (ARM has no copy there). */
function loopExpression(expression: Ast.ForExpression, scope: Scope): string {
  if (expression.body.kind === 'if') throw new Unlowerable('a filtered loop inside an expression');
  const source = toArm(expression.source, scope);
  const variable = `__i${lambdaCounter++}`;
  const index = `lambdaVariables(${quote(variable)})`;
  const bindings: Record<string, string> = {};
  if (expression.item) bindings[expression.item] = `${source}[${index}]`;
  if (expression.index) bindings[expression.index] = index;
  const body = toArm(expression.body, withLocals(scope, bindings));
  return `map(range(0, length(${source})), lambda(${quote(variable)}, ${body}))`;
}
