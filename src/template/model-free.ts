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
import { parseExpressionUncached } from './expression/parser.js';
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
  if (typeof value === 'string') return !isExpressionText(value) || expressionIsClean(value, scope);
  if (value === null || typeof value !== 'object' || isUnknown(value)) return true;
  if (depth > VALUE_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!valueIsClean(value[i], scope, depth + 1)) return false;
    return true;
  }
  for (const key in value) if (Object.hasOwn(value, key) && !valueIsClean((value as Json)[key], scope, depth + 1)) return false;
  return true;
}

/**
 * What an expression's check needs, in the order the check meets it: a failure no scope changes
 * (syntax, argument count, call depth), a user function call (clean where the scope declares no
 * functions), or a `parameters()`/`variables()` read (clean where the name is declared and its
 * value is). Kept per expression text instead of its syntax tree: repeated nested templates ask
 * again in other scopes, and the tree of an expression that is never evaluated need not be kept.
 */
type Step = typeof FAILS | typeof USER_FUNCTION | { parameter: string } | { variable: string };
const FAILS = 0;
const USER_FUNCTION = 1;
const NO_STEPS: readonly Step[] = [];
const STEPS_KEPT = 20_000;
const stepsByText = new Map<string, readonly Step[]>();

function expressionIsClean(text: string, scope: NameScope): boolean {
  let steps = stepsByText.get(text);
  if (steps === undefined) {
    steps = stepsOf(text);
    if (stepsByText.size >= STEPS_KEPT) stepsByText.clear();
    stepsByText.set(text, steps);
  }
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (step === FAILS) return false;
    if (step === USER_FUNCTION) {
      if (scope.hasFunctions) return false;
    } else if ('variable' in step) {
      const slot = scope.variables.get(step.variable);
      if (slot === undefined || !nameIsClean(cleanNamesOf(scope.template).variables, step.variable, slot.copy ?? slot.raw, scope)) return false;
    } else {
      const declaration = parameterDeclaration(scope.template, step.parameter);
      if (declaration === undefined || !nameIsClean(cleanNamesOf(scope.template).parameters, step.parameter, declaration.defaultValue, scope)) return false;
    }
  }
  return true;
}

function stepsOf(text: string): readonly Step[] {
  let ast: ExpressionAst;
  try {
    // Not through the parser's cache: most of these expressions are never evaluated.
    ast = parseExpressionUncached(text.slice(1, -1));
  } catch {
    return [FAILS];
  }
  const steps: Step[] = [];
  collectSteps(ast, 0, steps);
  return steps.length === 0 ? NO_STEPS : steps;
}

/** The steps of `ast` in evaluation order; false once a failure is recorded (nothing after it is reached). */
function collectSteps(ast: ExpressionAst, depth: number, steps: Step[]): boolean {
  switch (ast.kind) {
    case 'member':
      return collectSteps(ast.target, depth, steps);
    case 'index':
      return collectSteps(ast.target, depth, steps) && collectSteps(ast.index, depth, steps);
    case 'call': {
      if (depth > MAX_CALL_DEPTH) return fail(steps);
      // Undeclared user functions are unknown values, arguments unevaluated.
      if (ast.namespace) {
        steps.push(USER_FUNCTION);
        return true;
      }
      const name = ast.key;
      const arity = functionArity(name);
      // Not implemented: an unknown value, arguments unevaluated (but not names of Object.prototype).
      if (!arity) return !(name in Object.prototype) || fail(steps);
      if (ast.args.length < arity.min || ast.args.length > arity.max) return fail(steps);
      if (name === 'parameters' || name === 'variables') {
        const [arg] = ast.args;
        if (arg.kind !== 'string') return fail(steps);
        const key = arg.value.toLowerCase();
        steps.push(name === 'variables' ? { variable: key } : { parameter: key });
        return true;
      }
      for (let i = 0; i < ast.args.length; i++) if (!collectSteps(ast.args[i], depth + 1, steps)) return false;
      return true;
    }
    default:
      return true;
  }
}

function fail(steps: Step[]): false {
  steps.push(FAILS);
  return false;
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
