/**
 * Template expansion: what ARM would deploy, as far as it can be known before deployment.
 *
 * Parameters (files, defaults, overrides), variables (with `copy`), resource and property `copy`
 * loops, `condition`, child resources, nested deployments with inline templates (inner and outer
 * scope) and languageVersion 2.0 symbolic resources. Anything that cannot be evaluated becomes an
 * `Unknown`; nothing here throws on bad input: problems become diagnostics.
 */
import { evaluateString } from './expression/index.js';
import { EvaluationBudget, EvaluationLimitError, unfoldedSize } from './expression/limits.js';
import { ExpressionError, type EvalScope, type UserFunction } from './expression/scope.js';
import type { JsonPath, SourceDocument } from './json.js';
import { getOrigin, locateIn, setOrigin, templateDocumentOf, toSourceLocation, type Origin } from './origin.js';
import { Unknown, isUnknown } from './unknown.js';
import {
  DEFAULT_TARGET,
  azureCloudEnvironment,
  resourceGroupObject,
  subscriptionObject,
  tenantObject,
  type DeploymentTarget,
} from './environment.js';
import type { Diagnostic, ExpandedResource, ExpandedTemplate, ParameterInfo } from './types.js';
import { VariableTable } from './variable-table.js';

export interface ExpandOptions {
  /** Values from a parameters file (lower-cased names). */
  parameterValues?: Map<string, unknown>;
  /** Values that win over everything (used to evaluate each allowed value of a parameter). */
  parameterOverrides?: Map<string, unknown>;
  target?: Partial<DeploymentTarget>;
  /**
   * Resource types (lower case) whose bodies are expanded right away. Bodies of other types are
   * expanded on first access of `body` (nested deployments always right away). Default: all.
   * The linter names the types its model reads, so it does not evaluate every NIC and NSG.
   */
  eagerTypes?: ReadonlySet<string>;
  /**
   * Record which root parameters each property of an eagerly expanded resource depends on
   * (directly or through variables): `ExpandedResource.parameterReads`. Used to evaluate rules
   * for every `allowedValues` entry of the parameters that decide them.
   */
  trackParameterReads?: boolean;
  /**
   * An earlier expansion of the same document (with parameter reads tracked) and the parameters
   * this one overrides: resources whose identity is unchanged and whose body read none of them
   * are taken over instead of expanded again (nested deployments are always expanded).
   */
  reuse?: { index: ReuseIndex; varied: ReadonlySet<string> };
  /**
   * The work budget of the file (expressions and expansion share it). The linter passes one
   * budget to every expansion of a file (allowedValues variants, baseline); default: a new one.
   */
  budget?: EvaluationBudget;
}

/** Resources of an expansion by declaration and copy index, for `ExpandOptions.reuse` (build once, use for every variant). */
export type ReuseIndex = ReadonlyMap<string, ExpandedResource>;

export function reuseIndex(resources: readonly ExpandedResource[]): ReuseIndex {
  return new Map(resources.map((resource) => [reuseKey(resource.declarationPath, resource.copyIndex), resource]));
}

/** ARM's own limits, and ours against hostile input. */
export const LIMITS = {
  copyCount: 800,
  resources: 20_000,
  nestingDepth: 10,
  valueDepth: 128,
};

type Json = Record<string, unknown>;

interface Shared {
  diagnostics: Diagnostic[];
  resources: ExpandedResource[];
  target: DeploymentTarget;
  overrides?: Map<string, unknown>;
  eagerTypes?: ReadonlySet<string>;
  limitReported: boolean;
  budget: EvaluationBudget;
  /** Evaluation limits already reported (message and path), so a copy loop reports each once. */
  reportedEvaluationLimits: Set<string>;
  /** Parameter reads of the expression being evaluated, innermost last (when tracking). */
  readStack?: Array<Set<string>>;
  /** The resource body being expanded, when tracking its parameter reads. */
  tracking?: { declarationPath: JsonPath; reads: Map<string, Set<string>> };
  reuse?: { index: ReuseIndex; varied: ReadonlySet<string> };
}

interface ParameterSlot {
  name: string;
  declaration: Json;
  path: JsonPath;
  state: 'pending' | 'evaluating' | 'done';
  value?: unknown;
  provided: boolean;
  providedValue?: unknown;
  /** Parameters the default value reads (when tracking). */
  reads?: Set<string>;
}

/** One deployment's evaluation context (the root template, or an inner-scope nested template). */
class Frame {
  parameters = new Map<string, ParameterSlot>();
  variables = new VariableTable(undefined, []);
  readonly functions = new Map<string, UserFunction>();
  readonly symbolicNames = new Set<string>();

  constructor(
    readonly shared: Shared,
    readonly document: SourceDocument,
    readonly templatePath: JsonPath,
    readonly deploymentName: string | Unknown,
    readonly depth: number,
    readonly deployments: string[],
  ) {}
}

/** Loop indexes visible to an expression: named property/variable loops and the resource loop. */
interface Loops {
  named?: Map<string, number | Unknown>;
  resource?: number | Unknown;
}

/** The EvalScope an expression sees; cheap to create per loop iteration. */
class ArmScope implements EvalScope {
  constructor(
    private readonly frame: Frame,
    private readonly loops: Loops,
  ) {}

  parameter(name: string): unknown {
    return resolveParameter(this.frame, name);
  }

  variable(name: string): unknown {
    return resolveVariable(this.frame, name);
  }

  copyIndex(loopName: string | undefined): unknown {
    if (loopName === undefined) {
      return this.loops.resource ?? new Unknown('copyIndex()', 'copyIndex() used outside a copy loop');
    }
    return this.loops.named?.get(loopName.toLowerCase()) ?? new Unknown(`copyIndex('${loopName}')`, `no copy loop named '${loopName}' is active here`);
  }

  resourceGroup(): unknown {
    return resourceGroupObject(this.frame.shared.target);
  }

  subscription(): unknown {
    return subscriptionObject(this.frame.shared.target);
  }

  tenant(): unknown {
    return tenantObject(this.frame.shared.target);
  }

  managementGroup(): unknown {
    return new Unknown('managementGroup()', 'the management group is known only at deployment');
  }

  deployment(): unknown {
    return {
      name: this.frame.deploymentName,
      location: new Unknown('deployment().location', 'known only at deployment'),
      properties: {
        templateLink: new Unknown('deployment().properties.templateLink', 'the template link is known only at deployment'),
        template: { contentVersion: '1.0.0.0' },
        mode: 'Incremental',
        provisioningState: 'Accepted',
      },
    };
  }

  environment(): unknown {
    return azureCloudEnvironment();
  }

  userFunction(namespace: string, name: string): UserFunction | undefined {
    return this.frame.functions.get(`${namespace}.${name}`.toLowerCase());
  }

  isSymbolicResource(name: string): boolean {
    return this.frame.symbolicNames.has(name);
  }

  get budget(): EvaluationBudget {
    return this.frame.shared.budget;
  }

  withLoop(name: string, index: number | Unknown): ArmScope {
    const named = new Map(this.loops.named ?? []);
    named.set(name.toLowerCase(), index);
    return new ArmScope(this.frame, { named, resource: this.loops.resource });
  }

  withResourceIndex(index: number | Unknown): ArmScope {
    return new ArmScope(this.frame, { named: this.loops.named, resource: index });
  }

  /** The same loop indexes in another frame: copyIndex() of a copied deployment stays visible in its outer-scope template. */
  rebind(frame: Frame): ArmScope {
    return new ArmScope(frame, this.loops);
  }
}

/** Expand a template document. Never throws. */
export function expandTemplate(document: SourceDocument, options: ExpandOptions = {}): ExpandedTemplate {
  const shared: Shared = {
    diagnostics: [],
    resources: [],
    target: { ...DEFAULT_TARGET, ...options.target },
    overrides: options.parameterOverrides,
    eagerTypes: options.eagerTypes,
    limitReported: false,
    budget: options.budget ?? new EvaluationBudget(),
    reportedEvaluationLimits: new Set(),
    readStack: options.trackParameterReads ? [] : undefined,
    reuse: options.reuse,
  };
  const template = document.value;
  if (!isObject(template)) {
    shared.diagnostics.push({ code: 'invalid-template', message: 'the template is not a JSON object', document, path: [] });
    return { document, resources: [], diagnostics: shared.diagnostics, parameters: [] };
  }
  const frame = new Frame(shared, document, [], shared.target.deploymentName, 0, []);
  declareFrame(frame, template, options.parameterValues);
  const parameters = describeParameters(frame, options);
  expandResourcesOf(frame, template, new ArmScope(frame, {}));
  return { document, resources: shared.resources, diagnostics: shared.diagnostics, parameters };
}

function describeParameters(frame: Frame, options: ExpandOptions): ParameterInfo[] {
  return [...frame.parameters.values()].map((slot) => ({
    name: slot.name,
    type: typeof slot.declaration.type === 'string' ? slot.declaration.type : 'unknown',
    hasDefault: 'defaultValue' in slot.declaration,
    allowedValues: Array.isArray(slot.declaration.allowedValues) ? slot.declaration.allowedValues : undefined,
    rawDefault: slot.declaration.defaultValue,
    source: options.parameterOverrides?.has(slot.name.toLowerCase())
      ? 'override'
      : slot.provided
        ? 'parameters-file'
        : 'defaultValue' in slot.declaration
          ? 'default'
          : 'none',
  }));
}

/** Register parameters, variables, functions and symbolic names of a template in a frame. */
function declareFrame(frame: Frame, template: Json, provided: Map<string, unknown> | undefined): void {
  const base = frame.templatePath;
  if (isObject(template.parameters)) {
    for (const [name, declaration] of Object.entries(template.parameters)) {
      if (!isObject(declaration)) continue;
      const key = name.toLowerCase();
      const slot: ParameterSlot = { name, declaration, path: [...base, 'parameters', name], state: 'pending', provided: false };
      if (provided?.has(key)) {
        slot.provided = true;
        slot.providedValue = provided.get(key);
      }
      frame.parameters.set(key, slot);
    }
  }
  frame.variables = new VariableTable(isObject(template.variables) ? template.variables : undefined, base);
  declareFunctions(frame, template.functions);
  if (isObject(template.resources)) {
    for (const name of Object.keys(template.resources)) frame.symbolicNames.add(name);
  }
}

function declareFunctions(frame: Frame, functions: unknown): void {
  if (!Array.isArray(functions)) return;
  for (const group of functions) {
    if (!isObject(group) || typeof group.namespace !== 'string' || !isObject(group.members)) continue;
    for (const [name, member] of Object.entries(group.members)) {
      if (!isObject(member)) continue;
      const parameterNames = Array.isArray(member.parameters)
        ? member.parameters.map((p) => (isObject(p) && typeof p.name === 'string' ? p.name : '')).filter(Boolean)
        : [];
      const output = isObject(member.output) ? member.output.value : undefined;
      frame.functions.set(`${group.namespace}.${name}`.toLowerCase(), { parameterNames, output });
    }
  }
}

function resolveParameter(frame: Frame, name: string): unknown {
  const key = name.toLowerCase();
  const slot = frame.parameters.get(key);
  if (!slot) throw new ExpressionError(`parameter '${name}' is not declared`);
  const stack = frame.shared.readStack;
  if (stack && stack.length > 0 && frame.depth === 0) {
    const top = stack[stack.length - 1];
    top.add(key);
    // A default that reads other parameters depends on them too.
    if (slot.reads) for (const read of slot.reads) top.add(read);
  }
  if (slot.state === 'done') return slot.value;
  if (slot.state === 'evaluating') return new Unknown(`parameters('${name}')`, 'the default value refers to itself');
  slot.state = 'evaluating';
  let value: unknown;
  const type = typeof slot.declaration.type === 'string' ? slot.declaration.type.toLowerCase() : '';
  if (frame.shared.overrides?.has(key) && frame.depth === 0) value = frame.shared.overrides.get(key);
  else if (type === 'securestring' || type === 'secureobject') value = new Unknown(`parameters('${name}')`, 'secure parameters are never read');
  else if (slot.provided) value = slot.providedValue;
  else if ('defaultValue' in slot.declaration) {
    stack?.push(new Set());
    value = expandValue(frame, slot.declaration.defaultValue, [...slot.path, 'defaultValue'], new ArmScope(frame, {}), 0);
    if (stack) {
      slot.reads = stack.pop();
      if (stack.length > 0 && frame.depth === 0) for (const read of slot.reads!) stack[stack.length - 1].add(read);
    }
  } else value = new Unknown(`parameters('${name}')`, `parameter '${slot.name}' has no value (no default and no parameters file)`);
  slot.value = value;
  slot.state = 'done';
  return value;
}

function resolveVariable(frame: Frame, name: string): unknown {
  const slot = frame.variables.get(name);
  if (!slot) throw new ExpressionError(`variable '${name}' is not declared`);
  const stack = frame.shared.readStack;
  if (slot.state === 'done') {
    if (stack && stack.length > 0 && slot.reads) for (const read of slot.reads) stack[stack.length - 1].add(read);
    return slot.value;
  }
  if (slot.state === 'evaluating') return new Unknown(`variables('${name}')`, 'the variable refers to itself');
  slot.state = 'evaluating';
  const scope = new ArmScope(frame, {});
  // A variable is evaluated once: remember what it read, for every later use.
  const saved = frame.shared.tracking;
  frame.shared.tracking = undefined;
  stack?.push(new Set());
  slot.value = slot.copy
    ? expandCopyArray(frame, slot.copy, slot.path, scope, 0)
    : expandValue(frame, slot.raw, slot.path, scope, 0);
  if (stack) {
    slot.reads = stack.pop();
    if (stack.length > 0) for (const read of slot.reads!) stack[stack.length - 1].add(read);
  }
  frame.shared.tracking = saved;
  slot.state = 'done';
  return slot.value;
}

/**
 * Evaluate a JSON value of the template in a scope. `anchorNested`: record the origin of every
 * nested object and array, needed for values other expressions can pick apart (variables,
 * parameter defaults: `variables('x').profile` must still point into the variable). Resource
 * bodies only anchor their top level: locating walks down from the nearest anchor, which is
 * exact as long as the shape mirrors the source (copy items are anchored separately).
 */
function expandValue(frame: Frame, raw: unknown, path: JsonPath, scope: ArmScope, depth: number, anchorNested = true): unknown {
  if (typeof raw === 'string') return raw.charCodeAt(0) === 91 ? evaluate(frame, raw, path, scope) : raw;
  if (raw === null || typeof raw !== 'object') return raw;
  // A value the reader could not express as ARM (a Bicep construct): unknown as it stands.
  if (isUnknown(raw)) return raw;
  if (depth > LIMITS.valueDepth) {
    reportLimit(frame, path, `values nested deeper than ${LIMITS.valueDepth} levels are not evaluated`);
    return new Unknown('(deeply nested value)', 'nested too deeply to evaluate');
  }
  // Every value expansion builds is paid for: copies inside copies multiply.
  if (Array.isArray(raw)) {
    if (!frame.shared.budget.tryCharge(raw.length)) return budgetSpent(frame, path);
    const out = new Array<unknown>(raw.length);
    // `path` is borrowed: extended and restored in place (no array per value); stored only as a copy.
    const borrowed = path as Array<string | number>;
    for (let i = 0; i < raw.length; i++) {
      borrowed.push(i);
      out[i] = expandValue(frame, raw[i], borrowed, scope, depth + 1, anchorNested);
      borrowed.pop();
    }
    if (anchorNested || depth === 0) setOrigin(out, { document: frame.document, path: path.slice() });
    return out;
  }
  const out: Json = {};
  const keys = Object.keys(raw);
  if (!frame.shared.budget.tryCharge(keys.length)) return budgetSpent(frame, path);
  for (const key of keys) {
    const child = (raw as Json)[key];
    if (key === 'copy' && isPropertyCopy(child)) {
      child.forEach((loop, index) => {
        const loopPath = [...path, 'copy', index];
        defineProperty(out, loop.name, expandCopyArray(frame, loop, loopPath, scope, depth + 1, anchorNested));
      });
      continue;
    }
    const borrowed = path as Array<string | number>;
    borrowed.push(key);
    defineProperty(out, key, expandValue(frame, child, borrowed, scope, depth + 1, anchorNested));
    borrowed.pop();
  }
  if (anchorNested || depth === 0) setOrigin(out, { document: frame.document, path: path.slice() });
  return out;
}

function isPropertyCopy(value: unknown): value is Array<Json & { name: string }> {
  return Array.isArray(value) && value.length > 0 && value.every((loop) => isObject(loop) && typeof loop.name === 'string' && 'input' in loop);
}

/** A `copy` element `{ name, count, input }` → the array it produces. */
function expandCopyArray(frame: Frame, loop: Json, path: JsonPath, scope: ArmScope, depth: number, anchorNested = true): unknown {
  const name = String(loop.name);
  const count = copyCount(frame, loop.count, [...path, 'count'], scope);
  if (isUnknown(count)) return new Unknown(`copy '${name}'`, `the number of '${name}' items is not known: ${count.reason}`);
  if (!frame.shared.budget.tryCharge(count)) return budgetSpent(frame, path);
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const inputPath = [...path, 'input'];
    const item = expandValue(frame, loop.input, inputPath, scope.withLoop(name, i), depth + 1, anchorNested);
    // Items come from `input`, not from an index of the array: always anchored.
    if (item !== null && typeof item === 'object' && !isUnknown(item) && !getOrigin(item)) setOrigin(item, { document: frame.document, path: inputPath });
    out.push(item);
  }
  setOrigin(out, { document: frame.document, path });
  return out;
}

function copyCount(frame: Frame, raw: unknown, path: JsonPath, scope: ArmScope): number | Unknown {
  const value = expandValue(frame, raw, path, scope, 0);
  if (isUnknown(value)) return value;
  const count = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    return new Unknown(String(raw), 'copy count is not a non-negative integer');
  }
  if (count > LIMITS.copyCount) {
    reportLimit(frame, path, `copy count ${count} is above ARM's limit of ${LIMITS.copyCount}; only the first ${LIMITS.copyCount} are expanded`);
    return LIMITS.copyCount;
  }
  return count;
}

function evaluate(frame: Frame, text: string, path: JsonPath, scope: ArmScope): unknown {
  const tracking = frame.shared.tracking;
  if (tracking) {
    const stack = frame.shared.readStack!;
    stack.push(new Set());
    try {
      return evaluateExpression(frame, text, path, scope);
    } finally {
      const reads = stack.pop()!;
      if (stack.length > 0) for (const read of reads) stack[stack.length - 1].add(read);
      if (reads.size > 0) recordReads(tracking, path, reads);
    }
  }
  return evaluateExpression(frame, text, path, scope);
}

/** Reads are kept per property path of the resource (array indexes left out), cut at 6 segments. */
function recordReads(tracking: NonNullable<Shared['tracking']>, path: JsonPath, reads: Set<string>): void {
  const base = tracking.declarationPath;
  if (path.length < base.length || !base.every((segment, index) => path[index] === segment)) return;
  const key = path
    .slice(base.length)
    .filter((segment) => typeof segment === 'string')
    .slice(0, 6)
    .join('.');
  const set = tracking.reads.get(key) ?? new Set<string>();
  for (const read of reads) set.add(read);
  tracking.reads.set(key, set);
}

function evaluateExpression(frame: Frame, text: string, path: JsonPath, scope: ArmScope): unknown {
  try {
    const value = evaluateString(text, scope);
    // A value placed in the template is paid for unfolded: copies of a shared value add up.
    if (value !== null && typeof value === 'object' && !isUnknown(value) && !frame.shared.budget.tryCharge(unfoldedSize(value))) return budgetSpent(frame, path);
    return value;
  } catch (error) {
    if (error instanceof EvaluationLimitError) {
      reportEvaluationLimit(frame, path, `${error.message}: ${abbreviate(text)} is not evaluated`);
      return new Unknown(text, error.message);
    }
    if (error instanceof ExpressionError) {
      frame.shared.diagnostics.push({ code: 'invalid-expression', message: `${error.message} in ${abbreviate(text)}`, document: frame.document, path: path.slice() });
      return new Unknown(text, error.message);
    }
    if (error instanceof RangeError) {
      frame.shared.diagnostics.push({ code: 'expansion-limit', message: `expression too complex to evaluate: ${abbreviate(text)}`, document: frame.document, path: path.slice() });
      return new Unknown(text, 'expression too complex to evaluate');
    }
    throw error;
  }
}

/**
 * The expression as shown in a message: string literals elided (they hold URLs with SAS
 * signatures, passwords split over `concat` arguments), except the names given to `parameters()`
 * and `variables()`, which say what the expression reads.
 */
function abbreviate(text: string): string {
  const shown = elideStringLiterals(text);
  return shown.length > 120 ? `${shown.slice(0, 117)}...` : shown;
}

const NAME_FUNCTION = /(?:parameters|variables)\s*\(\s*$/i;

export function elideStringLiterals(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "'") {
      out += text[i++];
      continue;
    }
    let end = i + 1;
    while (end < text.length && !(text[end] === "'" && text[end + 1] !== "'")) end += text[end] === "'" ? 2 : 1;
    const literal = text.slice(i, end + 1);
    out += NAME_FUNCTION.test(out.slice(-40)) && literal.length <= 82 ? literal : "'…'";
    i = end + 1;
  }
  return out;
}

function reportLimit(frame: Frame, path: JsonPath, message: string): void {
  frame.shared.diagnostics.push({ code: 'expansion-limit', message, document: frame.document, path: path.slice() });
}

/** A limit of limits.ts, reported once per message and place (a copy loop hits it at every index). */
function reportEvaluationLimit(frame: Frame, path: JsonPath, message: string): void {
  const shared = frame.shared;
  // Once the budget is spent every later expression fails too: one note says so.
  const key = shared.budget.exhausted ? 'budget' : `${message}\u0000${path.join('\u0000')}`;
  if (shared.reportedEvaluationLimits.has(key)) return;
  shared.reportedEvaluationLimits.add(key);
  reportLimit(frame, path, shared.budget.exhausted ? `${shared.budget.exhaustedMessage()}: values from here on are unknown (first at ${abbreviate(describePath(path))})` : message);
}

/** The value of an expansion that ran out of budget. */
function budgetSpent(frame: Frame, path: JsonPath): Unknown {
  reportEvaluationLimit(frame, path, frame.shared.budget.exhaustedMessage());
  return new Unknown('(not expanded)', frame.shared.budget.exhaustedMessage());
}

function describePath(path: JsonPath): string {
  return path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('').slice(1);
}

// ---------------------------------------------------------------------------------------------
// Resources

interface ParentInfo {
  type: string;
  name: string | Unknown;
}

/** Keys of a resource declaration that are not part of what is sent to the resource provider. */
const DECLARATION_ONLY = new Set(['resources', 'copy', 'condition', 'dependson', 'metadata', 'comments', 'existing']);

function expandResourcesOf(frame: Frame, template: Json, scope: ArmScope): void {
  const resources = template.resources;
  const base = [...frame.templatePath, 'resources'];
  if (Array.isArray(resources)) {
    resources.forEach((declaration, index) => expandDeclaration(frame, declaration, [...base, index], scope, undefined, undefined));
  } else if (isObject(resources)) {
    for (const [symbolicName, declaration] of Object.entries(resources)) {
      expandDeclaration(frame, declaration, [...base, symbolicName], scope, undefined, symbolicName);
    }
  }
}

function expandDeclaration(
  frame: Frame,
  declaration: unknown,
  path: JsonPath,
  scope: ArmScope,
  parent: ParentInfo | undefined,
  symbolicName: string | undefined,
): void {
  if (!isObject(declaration)) return;
  const copy = declaration.copy;
  if (isObject(copy) && typeof copy.name === 'string') {
    const count = copyCount(frame, copy.count, [...path, 'copy', 'count'], scope);
    if (isUnknown(count)) {
      // One representative instance: every property is checked once, copyIndex() unknown.
      expandInstance(frame, declaration, path, scope.withResourceIndex(count).withLoop(copy.name, count), parent, symbolicName, count);
      return;
    }
    for (let i = 0; i < count; i++) {
      if (!expandInstance(frame, declaration, path, scope.withResourceIndex(i).withLoop(copy.name, i), parent, symbolicName, i)) return;
    }
    return;
  }
  expandInstance(frame, declaration, path, scope, parent, symbolicName, undefined);
}

/** Expand one instance of a resource declaration; false when the resource limit was reached. */
function expandInstance(
  frame: Frame,
  declaration: Json,
  path: JsonPath,
  scope: ArmScope,
  parent: ParentInfo | undefined,
  symbolicName: string | undefined,
  copyIndex: number | Unknown | undefined,
): boolean {
  const shared = frame.shared;
  if (shared.resources.length >= LIMITS.resources) {
    if (!shared.limitReported) {
      shared.limitReported = true;
      reportLimit(frame, path, `more than ${LIMITS.resources} resources; the rest are not checked`);
    }
    return false;
  }
  let conditional = false;
  if ('condition' in declaration) {
    const condition = expandValue(frame, declaration.condition, [...path, 'condition'], scope, 0);
    if (condition === false || condition === 'false' || condition === 'False') return true;
    conditional = isUnknown(condition);
  }
  const rawType = typeof declaration.type === 'string' ? declaration.type : '';
  const type = parent && rawType && !isFullType(rawType) ? `${parent.type}/${rawType}` : rawType;
  const evaluatedName = expandValue(frame, declaration.name, [...path, 'name'], scope, 0);
  const name = fullName(parent, rawType, evaluatedName);
  const apiVersionValue = expandValue(frame, declaration.apiVersion, [...path, 'apiVersion'], scope, 0);
  const apiVersion = typeof apiVersionValue === 'string' || isUnknown(apiVersionValue) ? apiVersionValue : new Unknown(String(declaration.apiVersion), 'apiVersion is not a string');
  const isDeployment = type.toLowerCase() === 'microsoft.resources/deployments';

  const reused = shared.reuse && !isDeployment ? reusable(shared.reuse, path, copyIndex, type, name, apiVersion, conditional) : undefined;
  if (reused) {
    shared.resources.push(reused);
    expandChildren(frame, declaration, path, scope, type, name);
    return true;
  }

  const expandBody = (): Json => {
    const body: Json = {};
    for (const key of Object.keys(declaration)) {
      if (DECLARATION_ONLY.has(key.toLowerCase())) continue;
      if (key === 'name') {
        defineProperty(body, key, evaluatedName);
        continue;
      }
      if (key === 'apiVersion') {
        defineProperty(body, key, apiVersion);
        continue;
      }
      if (isDeployment && key === 'properties' && isObject(declaration.properties)) {
        defineProperty(body, key, expandDeploymentProperties(frame, declaration.properties, [...path, 'properties'], scope));
        continue;
      }
      defineProperty(body, key, expandValue(frame, declaration[key], [...path, key], scope, 0, false));
    }
    setOrigin(body, { document: frame.document, path });
    return body;
  };
  const eager = isDeployment || !shared.eagerTypes || shared.eagerTypes.has(type.toLowerCase());
  let parameterReads: Map<string, Set<string>> | undefined;
  let body: Json | undefined;
  if (eager && shared.readStack && !isDeployment) {
    parameterReads = new Map();
    const saved = shared.tracking;
    shared.tracking = { declarationPath: path.slice(), reads: parameterReads };
    body = expandBody();
    shared.tracking = saved;
  } else if (eager) body = expandBody();
  const bodyOf = (): Json => (body ??= expandBody());
  const origin: Origin = { document: frame.document, path };
  const existing = declaration.existing === true;

  shared.resources.push({
    type,
    apiVersion,
    name,
    symbolicName,
    get body() {
      return bodyOf();
    },
    parameterReads,
    metadata: isObject(declaration.metadata) ? declaration.metadata : undefined,
    document: frame.document,
    declarationPath: path,
    conditional,
    copyIndex,
    existing,
    deployments: frame.deployments,
    file: frame.document.file,
    locateInDocument: (propertyPath) => locateIn(bodyOf(), propertyPath, origin),
    locate: (propertyPath) => toSourceLocation(locateIn(bodyOf(), propertyPath, origin)),
  });

  expandChildren(frame, declaration, path, scope, type, name);
  if (isDeployment && !existing) expandNestedDeployment(frame, declaration, bodyOf(), path, scope, name);
  return true;
}

function expandChildren(frame: Frame, declaration: Json, path: JsonPath, scope: ArmScope, type: string, name: string | Unknown): void {
  if (!Array.isArray(declaration.resources)) return;
  const self: ParentInfo = { type, name };
  declaration.resources.forEach((child, index) => {
    expandDeclaration(frame, child, [...path, 'resources', index], scope, self, undefined);
  });
}

function reuseKey(path: JsonPath, copyIndex: number | Unknown | undefined): string {
  return `${path.join('\u0000')}|${typeof copyIndex === 'number' ? copyIndex : copyIndex === undefined ? '' : '?'}`;
}

function sameIdentity(a: string | Unknown, b: string | Unknown): boolean {
  return typeof a === 'string' ? a === b : typeof b !== 'string';
}

/** The earlier expansion of this instance, when nothing it read changed. */
function reusable(
  reuse: NonNullable<Shared['reuse']>,
  path: JsonPath,
  copyIndex: number | Unknown | undefined,
  type: string,
  name: string | Unknown,
  apiVersion: string | Unknown,
  conditional: boolean,
): ExpandedResource | undefined {
  const previous = reuse.index.get(reuseKey(path, copyIndex));
  if (!previous || previous.type !== type || previous.conditional !== conditional) return undefined;
  if (!sameIdentity(previous.name, name) || !sameIdentity(previous.apiVersion, apiVersion)) return undefined;
  // Bodies expanded lazily were never read by the model; eager ones say what they read.
  for (const reads of previous.parameterReads?.values() ?? []) for (const read of reads) if (reuse.varied.has(read)) return undefined;
  return previous;
}

/**
 * A child's type is full when it starts with a namespace (`Microsoft.Compute/virtualMachines/extensions`);
 * otherwise it is relative to the parent, even with a slash (`providers/configurationAssignments`).
 */
function isFullType(rawType: string): boolean {
  const namespace = rawType.split('/')[0];
  return rawType.includes('/') && namespace.includes('.');
}

function fullName(parent: ParentInfo | undefined, rawType: string, name: unknown): string | Unknown {
  const own = typeof name === 'string' || isUnknown(name) ? name : new Unknown(String(name), 'the name is not a string');
  if (!parent || isFullType(rawType)) return own;
  if (isUnknown(parent.name)) return parent.name;
  if (isUnknown(own)) return own;
  return `${parent.name}/${own}`;
}

/** A deployment's properties without the inline template (which is expanded in its own scope). */
function expandDeploymentProperties(frame: Frame, properties: Json, path: JsonPath, scope: ArmScope): unknown {
  const out: Json = {};
  for (const key of Object.keys(properties)) {
    if (key === 'template') continue;
    defineProperty(out, key, expandValue(frame, properties[key], [...path, key], scope, 0, false));
  }
  setOrigin(out, { document: frame.document, path });
  return out;
}

function expandNestedDeployment(frame: Frame, declaration: Json, body: Json, path: JsonPath, scope: ArmScope, name: string | Unknown): void {
  const properties = isObject(declaration.properties) ? declaration.properties : undefined;
  const template = properties?.template;
  if (!isObject(template)) return; // templateLink: not followed (no network)
  if (frame.depth + 1 > LIMITS.nestingDepth) {
    reportLimit(frame, path, `nested deployments deeper than ${LIMITS.nestingDepth} levels are not expanded`);
    return;
  }
  const templatePath = [...path, 'properties', 'template'];
  const expandedProperties = isObject(body.properties) ? body.properties : {};
  const options = isObject(expandedProperties.expressionEvaluationOptions) ? expandedProperties.expressionEvaluationOptions : {};
  const inner = typeof options.scope === 'string' && options.scope.toLowerCase() === 'inner';
  const deploymentName = isUnknown(name) ? '(unknown)' : name;
  const deployments = [...frame.deployments, deploymentName];
  if (inner) {
    const provided = new Map<string, unknown>();
    if (isObject(expandedProperties.parameters)) {
      for (const [key, entry] of Object.entries(expandedProperties.parameters)) {
        if (isObject(entry) && 'value' in entry) provided.set(key.toLowerCase(), entry.value);
        else provided.set(key.toLowerCase(), new Unknown(`parameters('${key}')`, isUnknown(entry) ? entry.reason : 'a reference resolved at deployment'));
      }
    } else if (isUnknown(expandedProperties.parameters)) {
      // Every parameter is unknown: mark all declared ones as provided-unknown.
      if (isObject(template.parameters)) {
        for (const key of Object.keys(template.parameters)) provided.set(key.toLowerCase(), expandedProperties.parameters);
      }
    }
    // A module written in its own file (Bicep) is located in that file, from its root.
    const ownDocument = templateDocumentOf(template);
    const child = new Frame(frame.shared, ownDocument ?? frame.document, ownDocument ? [] : templatePath, name, frame.depth + 1, deployments);
    declareFrame(child, template, provided);
    expandResourcesOf(child, template, new ArmScope(child, {}));
    return;
  }
  // Outer scope: the nested template's expressions see the parent's parameters and variables.
  const outer = new Frame(frame.shared, frame.document, templatePath, frame.deploymentName, frame.depth + 1, deployments);
  // Shared, not copied: a copy per nested deployment multiplied a large declaration.
  outer.parameters = frame.parameters;
  outer.variables = frame.variables;
  for (const [key, fn] of frame.functions) outer.functions.set(key, fn);
  declareFunctions(outer, template.functions);
  expandResourcesOf(outer, template, scope.rebind(outer));
}

// ---------------------------------------------------------------------------------------------

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnknown(value);
}

/** Own data property even for `__proto__`: template keys must never touch prototypes. */
function defineProperty(target: Json, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

