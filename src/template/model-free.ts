/**
 * Which resource declarations the linter may leave unexpanded. Rules read only the model's
 * resource types; a declaration whose whole subtree (children, nested deployment templates)
 * declares none of them matters only for the diagnostics its expressions could raise. Those
 * (`invalid-expression`) come from syntax errors, argument counts, call depth and undeclared
 * `parameters()`/`variables()` names: all visible without evaluating. So a subtree is skipped
 * only when no expression in it, nor in the variables and parameter defaults it can reach, can
 * raise one; anything not provable that way (user functions, computed names) is expanded.
 */
import { functionArity, MAX_CALL_DEPTH } from './expression/evaluator.js';
import type { ExpressionAst } from './expression/ast.js';
import { parseBracketedExpression } from './expression/parser.js';
import { isExpressionText } from './expression/text.js';
import { isUnknown } from './unknown.js';
import { VariableTable } from './variable-table.js';

type Json = Record<string, unknown>;

/** The names an expression of one deployment scope can use. */
export interface NameScope {
  /** The template whose parameters and variables these are (answers are remembered per template). */
  template: Json;
  variables: VariableTable;
  /** User functions are declared: calls to them are not checked here. */
  hasFunctions: boolean;
}

const VALUE_DEPTH = 128;

/** Per declaration object: its position (parent type, scope) never changes, nor the answer. */
const decided = new WeakMap<Json, boolean>();

/** isModelFree, remembered per declaration (copy loops and allowedValues variants ask again). */
export function isModelFreeCached(declaration: Json, parentType: string | undefined, scope: NameScope, eagerTypes: ReadonlySet<string>): boolean {
  let answer = decided.get(declaration);
  if (answer === undefined) {
    answer = isModelFree(declaration, parentType, scope, eagerTypes);
    decided.set(declaration, answer);
  }
  return answer;
}

/**
 * Keys the expander evaluates for a resource it does not read: its body is expanded only on
 * access, so only these (and its children) can raise a diagnostic.
 */
const HEADER_KEYS = new Set(['condition', 'name', 'apiversion', 'copy']);

/**
 * True when `declaration` (with the type of its parent resource, for relative child types) and
 * everything under it declares no type of `eagerTypes`, carries no patchwise metadata, and no
 * expression the expander would evaluate for it can raise a diagnostic in `scope`.
 */
export function isModelFree(declaration: Json, parentType: string | undefined, scope: NameScope, eagerTypes: ReadonlySet<string>): boolean {
  // The structural walk first: it is cheap, and most declarations it rejects need no parsing.
  return !needsModel(declaration, parentType, eagerTypes) && expressionsAreClean(declaration, parentType, scope);
}

const structural = new WeakMap<Json, boolean>();

/** A model type or patchwise metadata somewhere in the subtree (children, nested templates). */
function needsModel(declaration: Json, parentType: string | undefined, eagerTypes: ReadonlySet<string>): boolean {
  const known = structural.get(declaration);
  if (known !== undefined) return known;
  const type = fullType(declaration, parentType);
  const metadata = declaration.metadata;
  let answer = eagerTypes.has(type.toLowerCase()) || (isObject(metadata) && Object.keys(metadata).some((name) => name.toLowerCase() === 'patchwise'));
  if (!answer && Array.isArray(declaration.resources)) answer = declaration.resources.some((child) => isObject(child) && needsModel(child, type, eagerTypes));
  const template = isDeploymentType(type) && isObject(declaration.properties) ? declaration.properties.template : undefined;
  if (!answer && isObject(template)) answer = declarationsOf(template).some((nested) => isObject(nested) && needsModel(nested, undefined, eagerTypes));
  structural.set(declaration, answer);
  return answer;
}

function expressionsAreClean(declaration: Json, parentType: string | undefined, scope: NameScope): boolean {
  const type = fullType(declaration, parentType);
  const isDeployment = isDeploymentType(type);
  for (const key of Object.keys(declaration)) {
    const value = declaration[key];
    if (key === 'resources' || (!isDeployment && !HEADER_KEYS.has(key.toLowerCase()))) continue;
    if (isDeployment && key === 'properties' && isObject(value)) {
      for (const property of Object.keys(value)) if (property !== 'template' && !valueIsClean(value[property], scope, 0)) return false;
      if ('template' in value && !nestedTemplateIsClean(value, scope)) return false;
      continue;
    }
    if (!valueIsClean(value, scope, 0)) return false;
  }
  const children = declaration.resources;
  if (children === undefined) return true;
  if (!Array.isArray(children)) return false;
  return children.every((child) => !isObject(child) || expressionsAreClean(child, type, scope));
}

function fullType(declaration: Json, parentType: string | undefined): string {
  const rawType = typeof declaration.type === 'string' ? declaration.type : '';
  return parentType && rawType && !isFullType(rawType) ? `${parentType}/${rawType}` : rawType;
}

function isDeploymentType(type: string): boolean {
  return type.toLowerCase() === 'microsoft.resources/deployments';
}

function declarationsOf(template: Json): unknown[] {
  const resources = template.resources;
  return Array.isArray(resources) ? resources : isObject(resources) ? Object.values(resources) : [];
}

/** The scope of a template's own parameters and variables (an inner-scope nested template). */
export function templateScope(template: Json): NameScope {
  return {
    template,
    variables: new VariableTable(isObject(template.variables) ? template.variables : undefined, []),
    hasFunctions: Array.isArray(template.functions) && template.functions.length > 0,
  };
}

function nestedTemplateIsClean(properties: Json, outer: NameScope): boolean {
  const template = properties.template;
  if (!isObject(template)) return template === undefined || valueIsClean(template, outer, 0);
  const options = properties.expressionEvaluationOptions;
  const scopeName = isObject(options) ? options.scope : undefined;
  // A computed scope could be either: not provable.
  if (scopeName !== undefined && (typeof scopeName !== 'string' || isExpressionText(scopeName))) return false;
  const inner = typeof scopeName === 'string' && scopeName.toLowerCase() === 'inner';
  if (Array.isArray(template.functions) && template.functions.length > 0) return false;
  const scope = inner ? templateScope(template) : outer;
  return declarationsOf(template).every((declaration) => !isObject(declaration) || expressionsAreClean(declaration, undefined, scope));
}

/** Per template, whether each parameter default and each variable it declares is clean (by lower-case name). */
interface CleanNames {
  parameters: Map<string, boolean>;
  variables: Map<string, boolean>;
}

const cleanNames = new WeakMap<Json, CleanNames>();

function cleanNamesOf(template: Json): CleanNames {
  let names = cleanNames.get(template);
  if (!names) cleanNames.set(template, (names = { parameters: new Map(), variables: new Map() }));
  return names;
}

/**
 * A variable or parameter default is evaluated when first read, wherever that is: an expression
 * reading one is clean only when the value is. A cycle is not a diagnostic (an unknown value).
 */
function nameIsClean(answers: Map<string, boolean>, key: string, value: unknown, scope: NameScope): boolean {
  const known = answers.get(key);
  if (known !== undefined) return known;
  answers.set(key, true);
  const answer = valueIsClean(value, scope, 0);
  answers.set(key, answer);
  return answer;
}

// Indexed loops and `for...in` below: this walks every header and deployment value of every
// template, mostly as cold code, where array iterators and key arrays are allocated per value.
function valueIsClean(value: unknown, scope: NameScope, depth: number): boolean {
  if (typeof value === 'string') return value.charCodeAt(0) !== 91 || !isExpressionText(value) || expressionIsClean(value, scope);
  if (value === null || typeof value !== 'object' || isUnknown(value)) return true;
  if (depth > VALUE_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!valueIsClean(value[i], scope, depth + 1)) return false;
    return true;
  }
  for (const key in value) if (Object.hasOwn(value, key) && !valueIsClean((value as Json)[key], scope, depth + 1)) return false;
  return true;
}

function expressionIsClean(text: string, scope: NameScope): boolean {
  let ast: ExpressionAst;
  try {
    ast = parseBracketedExpression(text);
  } catch {
    return false;
  }
  return astIsClean(ast, scope, 0);
}

function astIsClean(ast: ExpressionAst, scope: NameScope, depth: number): boolean {
  switch (ast.kind) {
    case 'member':
      return astIsClean(ast.target, scope, depth);
    case 'index':
      return astIsClean(ast.target, scope, depth) && astIsClean(ast.index, scope, depth);
    case 'call': {
      if (depth > MAX_CALL_DEPTH) return false;
      // Undeclared user functions are unknown values; declared ones were excluded with the scope.
      if (ast.namespace) return !scope.hasFunctions;
      const name = ast.key;
      const arity = functionArity(name);
      // Not implemented: an unknown value, arguments unevaluated (but not names of Object.prototype).
      if (!arity) return !(name in Object.prototype);
      if (ast.args.length < arity.min || ast.args.length > arity.max) return false;
      if (name === 'parameters' || name === 'variables') {
        const [arg] = ast.args;
        if (arg.kind !== 'string') return false;
        const key = arg.value.toLowerCase();
        if (name === 'variables') {
          const slot = scope.variables.get(key);
          return slot !== undefined && nameIsClean(cleanNamesOf(scope.template).variables, key, slot.copy ?? slot.raw, scope);
        }
        const declaration = parameterDeclaration(scope.template, key);
        return declaration !== undefined && nameIsClean(cleanNamesOf(scope.template).parameters, key, declaration.defaultValue, scope);
      }
      for (let i = 0; i < ast.args.length; i++) if (!astIsClean(ast.args[i], scope, depth + 1)) return false;
      return true;
    }
    default:
      return true;
  }
}

/** Per template, its parameter declarations by lower-case name (AVM templates read dozens of parameters hundreds of times). */
const parameterTables = new WeakMap<Json, Map<string, unknown>>();

/** As the expander declares them: case-insensitive (`key` is lower-case), the last of two spellings wins. */
function parameterDeclaration(template: Json, key: string): Json | undefined {
  let table = parameterTables.get(template);
  if (!table) {
    table = new Map();
    if (isObject(template.parameters)) for (const key of Object.keys(template.parameters)) table.set(key.toLowerCase(), template.parameters[key]);
    parameterTables.set(template, table);
  }
  const declaration = table.get(key);
  return isObject(declaration) ? declaration : undefined;
}

/**
 * A child's type is full when it starts with a namespace (`Microsoft.Compute/virtualMachines/extensions`);
 * otherwise it is relative to the parent, even with a slash (`providers/configurationAssignments`).
 */
export function isFullType(rawType: string): boolean {
  const namespace = rawType.split('/')[0];
  return rawType.includes('/') && namespace.includes('.');
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnknown(value);
}
