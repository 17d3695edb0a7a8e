/**
 * Bicep declarations → an ARM `languageVersion: "2.0"` template, the same object the ARM path
 * reads, plus a source map: for every property the lowering writes, the `.bicep` span it came
 * from. Literal structure is kept (objects and arrays stay JSON, literal leaves stay values), so
 * findings point at the property in the `.bicep` file and literal values can be fixed there.
 * Loops become `copy`, `if` becomes `condition`, local modules become nested deployments whose
 * template is the lowered module file.
 */
import { Unknown } from '../model/unknown.js';
import type { JsonPath } from '../model/source.js';
import type * as Ast from './ast.js';
import { readImports, type ImportedSymbols } from './imports.js';
import { quote, resolveSymbol, toArm, Unlowerable, withLocals, type Names, type Scope, type SymbolInfo } from './lower-expression.js';

type Json = Record<string, unknown>;

/** The API version of the deployments that modules become (what current Bicep emits). */
const DEPLOYMENT_API_VERSION = '2025-04-01';
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

export interface SourceMapEntry {
  start: number;
  end: number;
}

/** A module's template as another file gives it; `note` when it could not be read (its resources are then unknown). */
export type ResolvedModule = { template: Json; notes?: readonly string[] } | { note: string };

export interface LoweringHost {
  /** A `load*Content()` path, relative to the Bicep file. */
  loadFile?(path: string): string | undefined;
  /** The template of a module reference as written (`./x.bicep`, `br/public:…`). */
  resolveModule?(reference: string): ResolvedModule;
}

export interface LoweredTemplate {
  template: Json;
  /** Property spans by document path (see pathKey). */
  spans: Map<string, SourceMapEntry>;
  /** Spans of literal scalar values written in the file: what a fix may replace. */
  literals: Map<string, SourceMapEntry>;
  /** Object literals written in the file by document path: where a fix may add a property. */
  objects: Map<string, Ast.ObjectLiteral>;
  /** Modules that could not be read. */
  notes: string[];
}

export function pathKey(path: JsonPath): string {
  return path.join('\u0000');
}

export function lowerTemplate(file: Ast.BicepFile, text: string, host: LoweringHost = {}): LoweredTemplate {
  return new TemplateLowering(file, text, host).run();
}

interface DeclaredSymbol {
  declaration: Ast.ResourceDeclaration | Ast.ModuleDeclaration;
  symbolic: string;
  info: SymbolInfo;
  /** The object holding the body's properties, through `if` and `[for]`. */
  body: Ast.ObjectLiteral;
  loop?: Ast.ForExpression;
  condition?: Ast.Expression;
  /** The parent of a nested declaration, or named by `parent:`. */
  parent?: { symbol: string; index?: Ast.Expression };
}

class TemplateLowering {
  private readonly spans = new Map<string, SourceMapEntry>();
  private readonly literals = new Map<string, SourceMapEntry>();
  private readonly objects = new Map<string, Ast.ObjectLiteral>();
  private readonly notes: string[] = [];
  private readonly declared = new Map<string, DeclaredSymbol>();
  private readonly symbols = new Map<string, SymbolInfo>();
  private readonly names: Names;
  private readonly global: Scope;
  private readonly imports: ImportedSymbols;

  constructor(
    private readonly file: Ast.BicepFile,
    private readonly text: string,
    private readonly host: LoweringHost,
  ) {
    const parameters = new Set<string>();
    const variables = new Set<string>();
    const functions = new Set<string>();
    for (const statement of file.statements) {
      if (statement.kind === 'param') parameters.add(statement.name);
      else if (statement.kind === 'var') variables.add(statement.name);
      else if (statement.kind === 'func') functions.add(statement.name);
    }
    this.imports = readImports(file.statements, host.resolveModule?.bind(host), new Set([...variables, ...functions]));
    for (const name of this.imports.variables.keys()) if (this.imports.visible.has(name)) variables.add(name);
    for (const name of this.imports.functions.keys()) if (this.imports.visible.has(name)) functions.add(name);
    this.names = { parameters, variables, functions, symbols: this.symbols, loadFile: host.loadFile?.bind(host) };
    this.global = { names: this.names, locals: new Map() };
  }

  run(): LoweredTemplate {
    for (const statement of this.file.statements) {
      if (statement.kind === 'resource' || statement.kind === 'module') this.declare(statement, undefined, '');
    }
    const template: Json = { $schema: SCHEMA, languageVersion: '2.0', contentVersion: '1.0.0.0' };
    const parameters: Json = {};
    const variables: Json = {};
    const members: Json = {};
    const resources: Json = {};
    for (const statement of this.file.statements) {
      switch (statement.kind) {
        case 'param':
          parameters[statement.name] = this.parameter(statement);
          break;
        case 'var':
          this.variable(statement, variables);
          break;
        case 'func':
          members[statement.name] = this.userFunction(statement);
          break;
        case 'import':
          for (const { name, alias } of statement.symbols)
            if (this.imports.visible.get(alias ?? name) === statement && this.imports.variables.has(alias ?? name))
              this.record(['variables', alias ?? name], statement);
          break;
        default:
          break;
      }
    }
    // Imported values and what they refer to, as Bicep copies them into the template.
    for (const [name, value] of this.imports.variables) if (!Object.hasOwn(variables, name)) define(variables, name, value);
    for (const [name, member] of this.imports.functions) if (!Object.hasOwn(members, name)) define(members, name, member);
    for (const [symbolic, symbol] of this.declared) {
      const path = ['resources', symbolic];
      this.record(path, symbol.declaration);
      resources[symbolic] = symbol.declaration.kind === 'module' ? this.module(symbol, path) : this.resource(symbol, path);
    }
    template.parameters = parameters;
    if (Object.keys(members).length > 0) template.functions = [{ namespace: '__bicep', members }];
    template.variables = variables;
    template.resources = resources;
    return { template, spans: this.spans, literals: this.literals, objects: this.objects, notes: this.notes };
  }

  private record(path: JsonPath, span: Ast.Span): void {
    this.spans.set(pathKey(path), { start: span.start, end: span.end });
  }

  // ---- parameters, variables, functions ------------------------------------------------------

  private parameter(declaration: Ast.ParameterDeclaration): Json {
    const path = ['parameters', declaration.name];
    this.record(path, declaration);
    const secure = declaration.decorators.some((decorator) => decorator.name === 'secure');
    const typeName = declaration.type?.name;
    const plain = typeName === 'string' || typeName === 'int' || typeName === 'bool' || typeName === 'array' || typeName === 'object' ? typeName : 'object';
    const out: Json = { type: secure ? (plain === 'string' ? 'securestring' : 'secureObject') : plain };
    const allowed = declaration.decorators.find((decorator) => decorator.name === 'allowed')?.args[0];
    if (allowed) {
      const values = this.value(allowed, this.global, [...path, 'allowedValues']);
      // Only literal lists can be varied.
      if (Array.isArray(values) && values.every((value) => value === null || typeof value !== 'object')) out.allowedValues = values;
    }
    for (const decorator of declaration.decorators) {
      const limit = { minValue: 'minValue', maxValue: 'maxValue', minLength: 'minLength', maxLength: 'maxLength' }[decorator.name];
      if (limit && decorator.args[0]?.kind === 'number') out[limit] = decorator.args[0].value;
    }
    if (declaration.value) {
      this.record([...path, 'defaultValue'], declaration.value);
      out.defaultValue = this.value(declaration.value, this.global, [...path, 'defaultValue']);
    } else if (declaration.type?.nullable) out.nullable = true;
    return out;
  }

  private variable(declaration: Ast.VariableDeclaration, variables: Json): void {
    const path = ['variables', declaration.name];
    const loop = declaration.value.kind === 'for' ? declaration.value : undefined;
    if (loop && loop.body.kind !== 'if' && declaration.name.toLowerCase() !== 'copy') {
      // A variable loop, as Bicep writes it: variables.copy[] { name, count, input }.
      const copies = (variables.copy ??= []) as Json[];
      const copyPath = ['variables', 'copy', copies.length];
      this.record(copyPath, declaration);
      copies.push(this.copyElement(declaration.name, loop, this.global, copyPath));
      return;
    }
    this.record(path, declaration);
    variables[declaration.name] = this.value(declaration.value, this.global, path);
  }

  private userFunction(declaration: Ast.FunctionDeclaration): Json {
    const bindings: Record<string, string> = {};
    for (const name of declaration.parameters) bindings[name] = `parameters(${quote(name)})`;
    const value = this.expression(declaration.body, withLocals(this.global, bindings));
    return {
      parameters: declaration.parameters.map((name) => ({ name, type: 'any' })),
      output: { type: 'any', value },
    };
  }

  // ---- values --------------------------------------------------------------------------------

  /** A value with its literal structure kept; the caller has recorded `path`'s span. */
  private value(expression: Ast.Expression, scope: Scope, path: JsonPath): unknown {
    switch (expression.kind) {
      case 'string':
        this.literals.set(pathKey(path), expression);
        // A literal starting with '[' would read as an expression in ARM: escape it.
        return expression.value.startsWith('[') ? `[${expression.value}` : expression.value;
      case 'number':
      case 'literal':
        this.literals.set(pathKey(path), expression);
        return expression.value;
      case 'paren':
        return this.value(expression.inner, scope, path);
      case 'object':
        if (expression.properties.every((item) => item.kind === 'resource' || (item.kind === 'property' && this.staticKey(item) !== undefined)))
          return this.object(expression, scope, path);
        break;
      case 'array':
        if (expression.items.every((item) => item.kind !== 'spread')) {
          return (expression.items as Ast.Expression[]).map((item, index) => {
            const itemPath = [...path, index];
            this.record(itemPath, item);
            return this.value(item, scope, itemPath);
          });
        }
        break;
      default:
        break;
    }
    return this.expression(expression, scope);
  }

  private staticKey(property: Ast.Property): string | undefined {
    if (typeof property.key === 'string') return property.key;
    return property.key.kind === 'string' ? property.key.value : undefined;
  }

  private object(expression: Ast.ObjectLiteral, scope: Scope, path: JsonPath): Json {
    this.objects.set(pathKey(path), expression);
    const out: Json = {};
    for (const item of expression.properties) {
      if (item.kind !== 'property') continue;
      const key = this.staticKey(item)!;
      const itemPath = [...path, key];
      this.record(itemPath, item);
      const loop = item.value.kind === 'for' ? item.value : undefined;
      if (loop && loop.body.kind !== 'if' && !expression.properties.some((other) => other.kind === 'property' && this.staticKey(other) === 'copy')) {
        // A property loop, as Bicep writes it: copy[] { name, count, input } beside the other keys.
        const copies = (out.copy ??= []) as Json[];
        const copyPath = [...path, 'copy', copies.length];
        this.record(copyPath, item);
        copies.push(this.copyElement(key, loop, scope, copyPath));
        continue;
      }
      define(out, key, this.value(item.value, scope, itemPath));
    }
    return out;
  }

  /** `{ name, count, input }` for a loop whose item and index read `source[copyIndex(name)]`. */
  private copyElement(name: string, loop: Ast.ForExpression, scope: Scope, path: JsonPath): Json {
    const source = this.arm(loop.source, scope);
    if (source instanceof Unknown) return { name, count: source, input: null };
    const index = `copyIndex(${quote(name)})`;
    const inner = withLocals(scope, loopBindings(loop, source, index));
    const inputPath = [...path, 'input'];
    this.record(inputPath, loop.body);
    return { name, count: `[length(${source})]`, input: this.value(loop.body as Ast.Expression, inner, inputPath) };
  }

  /** An ARM expression string `[…]`, or an Unknown when the expression cannot be lowered. */
  private expression(expression: Ast.Expression, scope: Scope): string | Unknown {
    const text = this.arm(expression, scope);
    return text instanceof Unknown ? text : `[${text}]`;
  }

  private arm(expression: Ast.Expression, scope: Scope): string | Unknown {
    try {
      return toArm(expression, scope);
    } catch (error) {
      if (!(error instanceof Unlowerable)) throw error;
      return new Unknown(this.excerpt(expression), `not evaluated: ${error.message}`);
    }
  }

  private excerpt(span: Ast.Span): string {
    const text = this.text.slice(span.start, span.end).replace(/\s+/g, ' ');
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  }

  // ---- resources and modules -----------------------------------------------------------------

  /** Register a resource or module (and its nested resources) under its symbolic name. */
  private declare(declaration: Ast.ResourceDeclaration | Ast.ModuleDeclaration, enclosing: string | undefined, prefix: string): void {
    const symbolic = `${prefix}${declaration.name}`;
    const { body, loop, condition } = unwrapBody(declaration.body);
    const parentProperty = propertyNamed(body, 'parent')?.value;
    let parent: DeclaredSymbol['parent'];
    if (enclosing) parent = { symbol: enclosing };
    else if (parentProperty) {
      const target = parentProperty.kind === 'index' ? parentProperty.target : parentProperty;
      const name = target.kind === 'ref' ? target.name : target.kind === 'nested' ? nestedName(target) : undefined;
      if (name) parent = { symbol: name, index: parentProperty.kind === 'index' ? parentProperty.index : undefined };
    }
    const entry: DeclaredSymbol = { declaration, symbolic, body, loop, condition, parent, info: this.symbolInfo(declaration, body, loop, symbolic) };
    entry.parent = parent;
    this.declared.set(symbolic, entry);
    this.symbols.set(symbolic, entry.info);
    if (declaration.kind === 'resource') {
      for (const item of body.properties) if (item.kind === 'resource') this.declare(item, symbolic, `${symbolic}::`);
    }
  }

  private symbolInfo(
    declaration: Ast.ResourceDeclaration | Ast.ModuleDeclaration,
    body: Ast.ObjectLiteral,
    loop: Ast.ForExpression | undefined,
    symbolic: string,
  ): SymbolInfo {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const lowering = this;
    const typeOf = (): { type: string; apiVersion: string } => this.typeOf(symbolic);
    const nameProperty = propertyNamed(body, 'name')?.value;
    const scopeAt = (index: string | undefined): Scope => {
      if (!loop) return this.global;
      const source = toArm(loop.source, this.global);
      const at = index ?? 'copyIndex()';
      return withLocals(this.global, loopBindings(loop, source, at));
    };
    const ownNameAt = (index: string | undefined): string => {
      if (!nameProperty) return declaration.kind === 'module' ? defaultModuleName(symbolic, loop ? (index ?? 'copyIndex()') : undefined) : quote(symbolic);
      return toArm(nameProperty, scopeAt(index));
    };
    const parentAt = (index: string | undefined): { symbol: SymbolInfo; index?: string } | undefined => {
      const parent = this.declared.get(symbolic)?.parent;
      if (!parent) return undefined;
      const symbol = this.symbols.get(parent.symbol);
      if (!symbol) throw new Unlowerable(`parent '${parent.symbol}' is not declared here`);
      return { symbol, index: parent.index ? toArm(parent.index, scopeAt(index)) : undefined };
    };
    const segmentsAt = (index: string | undefined): string[] => {
      const parent = parentAt(index);
      const own = ownNameAt(index);
      if (parent) {
        const parentDeclared = this.declared.get(this.declared.get(symbolic)!.parent!.symbol);
        if (!parentDeclared) throw new Unlowerable('parent not declared');
        return [...lowering.segmentsOf(parentDeclared.symbolic, parent.index), own];
      }
      const depth = typeOf().type.split('/').length - 1;
      if (depth <= 1) return [own];
      return Array.from({ length: depth }, (_, i) => `split(${own}, '/')[${i}]`);
    };
    const info: SymbolInfo & { segmentsAt(index?: string): string[] } = {
      kind: declaration.kind,
      get type() {
        return typeOf().type;
      },
      get apiVersion() {
        return typeOf().apiVersion;
      },
      nameAt(index) {
        if (declaration.kind === 'module') return ownNameAt(index);
        const parent = parentAt(index);
        const own = ownNameAt(index);
        return parent ? `format('{0}/{1}', ${parent.symbol.nameAt(parent.index)}, ${own})` : own;
      },
      idAt(index) {
        if (declaration.kind === 'module') throw new Unlowerable('the id of a module deployment');
        const scopeProperty = propertyNamed(body, 'scope')?.value;
        const segments = segmentsAt(index).join(', ');
        const type = quote(typeOf().type);
        if (scopeProperty?.kind === 'call' && !scopeProperty.target) return scopedResourceId(scopeProperty, scopeAt(index), type, segments);
        if (scopeProperty) {
          const scoped = resolveSymbol(scopeProperty, scopeAt(index));
          if (!scoped || scoped.symbol.kind !== 'resource') throw new Unlowerable('a resource in another scope');
          return `extensionResourceId(${scoped.symbol.idAt(scoped.index)}, ${type}, ${segments})`;
        }
        return `resourceId(${type}, ${segments})`;
      },
      segmentsAt,
    };
    return info;
  }

  private segmentsOf(symbolic: string, index: string | undefined): string[] {
    const info = this.symbols.get(symbolic) as (SymbolInfo & { segmentsAt?(index?: string): string[] }) | undefined;
    if (!info?.segmentsAt) throw new Unlowerable(`'${symbolic}' has no resource id`);
    return info.segmentsAt(index);
  }

  /** Full type and API version: a nested or `parent:` child's type is relative to its parent's. */
  private typeOf(symbolic: string, depth = 0): { type: string; apiVersion: string } {
    const symbol = this.declared.get(symbolic);
    if (!symbol || depth > 32) return { type: '', apiVersion: '' };
    if (symbol.declaration.kind === 'module') return { type: 'Microsoft.Resources/deployments', apiVersion: DEPLOYMENT_API_VERSION };
    const written = symbol.declaration.type.kind === 'string' ? symbol.declaration.type.value : '';
    const at = written.lastIndexOf('@');
    let type = at >= 0 ? written.slice(0, at) : written;
    let apiVersion = at >= 0 ? written.slice(at + 1) : '';
    const isFull = type.includes('/') && type.split('/')[0].includes('.');
    if (symbol.parent && !isFull) {
      const parent = this.typeOf(symbol.parent.symbol, depth + 1);
      type = `${parent.type}/${type}`;
      if (!apiVersion) apiVersion = parent.apiVersion;
    }
    return { type, apiVersion };
  }

  /** Loop and condition keys shared by resources and modules; returns the scope of the body. */
  private instanceKeys(symbol: DeclaredSymbol, out: Json, path: JsonPath): Scope {
    let scope = this.global;
    if (symbol.loop) {
      this.record([...path, 'copy'], symbol.loop);
      const source = this.arm(symbol.loop.source, this.global);
      out.copy = { name: symbol.symbolic, count: source instanceof Unknown ? source : `[length(${source})]` };
      if (!(source instanceof Unknown)) scope = withLocals(this.global, loopBindings(symbol.loop, source, 'copyIndex()'));
    }
    if (symbol.condition) {
      this.record([...path, 'condition'], symbol.condition);
      out.condition = this.expression(symbol.condition, scope);
    }
    return scope;
  }

  private resource(symbol: DeclaredSymbol, path: JsonPath): Json {
    const declaration = symbol.declaration as Ast.ResourceDeclaration;
    const out: Json = {};
    const scope = this.instanceKeys(symbol, out, path);
    if (declaration.existing) out.existing = true;
    const { type, apiVersion } = this.typeOf(symbol.symbolic);
    out.type = type;
    out.apiVersion = apiVersion;
    this.record([...path, 'type'], declaration.type);
    this.record([...path, 'apiVersion'], declaration.type);
    this.objects.set(pathKey(path), symbol.body);
    for (const item of symbol.body.properties) {
      if (item.kind !== 'property') continue;
      const key = this.staticKey(item);
      if (key === undefined || key === 'parent' || key === 'dependsOn') continue;
      const keyPath = [...path, key];
      this.record(keyPath, item);
      if (key === 'scope') {
        if (item.value.kind === 'call' && !item.value.target) Object.assign(out, this.scopeFields(item.value, scope));
        else out.scope = this.scopeId(item.value, scope);
        continue;
      }
      if (key === 'name' && symbol.parent) {
        out.name = this.arm(item.value, scope) instanceof Unknown ? this.arm(item.value, scope) : this.nameExpression(symbol);
        continue;
      }
      define(out, key, this.value(item.value, scope, keyPath));
    }
    return out;
  }

  private nameExpression(symbol: DeclaredSymbol): string | Unknown {
    try {
      return `[${symbol.info.nameAt(symbol.loop ? 'copyIndex()' : undefined)}]`;
    } catch (error) {
      if (!(error instanceof Unlowerable)) throw error;
      return new Unknown(symbol.symbolic, `the name is not evaluated: ${error.message}`);
    }
  }

  private scopeId(value: Ast.Expression, scope: Scope): string | Unknown {
    try {
      const resolved = resolveSymbol(value, scope);
      if (resolved?.symbol.kind === 'resource') return `[${resolved.symbol.idAt(resolved.index)}]`;
    } catch (error) {
      if (!(error instanceof Unlowerable)) throw error;
    }
    return new Unknown(this.excerpt(value), 'the scope is not evaluated');
  }

  /**
   * `scope: resourceGroup(…)` and the like on a module or resource, as the declaration's own
   * fields (`subscriptionId`, `resourceGroup`, `scope`), the way Bicep writes them. The expander
   * checks everything against one target, so these keep the template faithful; a scope we cannot
   * read is unknown.
   */
  private scopeFields(value: Ast.Expression, scope: Scope): Json {
    const call = value.kind === 'call' && !value.target ? value : undefined;
    const name = call?.name.toLowerCase();
    const args = (call?.args ?? []).map((arg) => this.expression(arg, scope));
    if (name === 'resourcegroup' && args.length === 1) return { resourceGroup: args[0] };
    if (name === 'resourcegroup' && args.length === 2) return { subscriptionId: args[0], resourceGroup: args[1] };
    if (name === 'subscription' && args.length === 1) return { subscriptionId: args[0] };
    if ((name === 'resourcegroup' || name === 'subscription') && args.length === 0) return {};
    if (name === 'tenant' && args.length === 0) return { scope: '/' };
    if (name === 'managementgroup' && args.length === 1) {
      const group = this.arm(call!.args[0], scope);
      return { scope: group instanceof Unknown ? group : `[tenantResourceId('Microsoft.Management/managementGroups', ${group})]` };
    }
    return { scope: new Unknown(this.excerpt(value), 'the scope is not evaluated') };
  }

  private module(symbol: DeclaredSymbol, path: JsonPath): Json {
    const declaration = symbol.declaration as Ast.ModuleDeclaration;
    const out: Json = {};
    const scope = this.instanceKeys(symbol, out, path);
    out.type = 'Microsoft.Resources/deployments';
    out.apiVersion = DEPLOYMENT_API_VERSION;
    const nameProperty = propertyNamed(symbol.body, 'name');
    if (nameProperty) this.record([...path, 'name'], nameProperty);
    out.name = nameProperty
      ? this.value(nameProperty.value, scope, [...path, 'name'])
      : `[${defaultModuleName(symbol.symbolic, symbol.loop ? 'copyIndex()' : undefined)}]`;
    const scopeProperty = propertyNamed(symbol.body, 'scope');
    if (scopeProperty) {
      this.record([...path, 'scope'], scopeProperty);
      Object.assign(out, this.scopeFields(scopeProperty.value, scope));
    }
    const propertiesPath = [...path, 'properties'];
    const parameters: Json = {};
    const params = propertyNamed(symbol.body, 'params');
    if (params) {
      this.record([...propertiesPath, 'parameters'], params);
      if (params.value.kind === 'object') {
        for (const item of params.value.properties) {
          if (item.kind !== 'property' || this.staticKey(item) === undefined) continue;
          const key = this.staticKey(item)!;
          const valuePath = [...propertiesPath, 'parameters', key, 'value'];
          this.record([...propertiesPath, 'parameters', key], item);
          this.record(valuePath, item);
          define(parameters, key, { value: this.value(item.value, scope, valuePath) });
        }
      }
    }
    const properties: Json = { expressionEvaluationOptions: { scope: 'inner' }, mode: 'Incremental', parameters };
    const reference = declaration.path.kind === 'string' ? declaration.path.value : undefined;
    const resolved: ResolvedModule =
      reference === undefined
        ? { note: 'a module path that is not a literal' }
        : (this.host.resolveModule?.(reference) ?? { note: `${reference}: modules are not read here` });
    if ('template' in resolved) {
      properties.template = resolved.template;
      for (const note of resolved.notes ?? []) if (!this.notes.includes(note)) this.notes.push(note);
    } else if (!this.notes.includes(resolved.note)) this.notes.push(resolved.note);
    out.properties = properties;
    return out;
  }
}

/** The id of a resource declared in another scope: `scope: resourceGroup(sub, rg)` and the like. */
function scopedResourceId(call: Ast.Call, scope: Scope, type: string, segments: string): string {
  const args = call.args.map((arg) => toArm(arg, scope));
  const name = call.name.toLowerCase();
  if (name === 'resourcegroup' && args.length <= 2) return `resourceId(${[...args, type, segments].join(', ')})`;
  if (name === 'subscription' && args.length <= 1) return `subscriptionResourceId(${[...args, type, segments].join(', ')})`;
  if (name === 'tenant' && args.length === 0) return `tenantResourceId(${type}, ${segments})`;
  if (name === 'managementgroup' && args.length === 1)
    return `extensionResourceId(tenantResourceId('Microsoft.Management/managementGroups', ${args[0]}), ${type}, ${segments})`;
  throw new Unlowerable(`a resource in the scope ${call.name}()`);
}

/** The name Bicep gives a module deployment written without one (ARM text). */
function defaultModuleName(symbolic: string, index: string | undefined): string {
  const unique = `uniqueString(${quote(symbolic)}, deployment().name)`;
  return index === undefined ? `format(${quote(`${symbolic}-{0}`)}, ${unique})` : `format(${quote(`${symbolic}-{0}-{1}`)}, ${index}, ${unique})`;
}

function unwrapBody(body: Ast.DeclarationBody): { body: Ast.ObjectLiteral; loop?: Ast.ForExpression; condition?: Ast.Expression } {
  if (body.kind === 'object') return { body };
  if (body.kind === 'if') return { body: body.body, condition: body.condition };
  const inner = body.body;
  if (inner.kind === 'if') return { body: inner.body, loop: body, condition: inner.condition };
  if (inner.kind === 'object') return { body: inner, loop: body };
  // `[for … : someVariable]` is not valid Bicep for a resource; keep an empty body.
  return { body: { kind: 'object', properties: [], start: inner.start, end: inner.end }, loop: body };
}

function propertyNamed(body: Ast.ObjectLiteral, name: string): Ast.Property | undefined {
  for (const item of body.properties) {
    if (item.kind === 'property' && (item.key === name || (typeof item.key !== 'string' && item.key.kind === 'string' && item.key.value === name))) return item;
  }
  return undefined;
}

function nestedName(expression: Ast.NestedResourceAccess): string | undefined {
  const target = expression.target;
  const prefix = target.kind === 'ref' ? target.name : target.kind === 'nested' ? nestedName(target) : undefined;
  return prefix === undefined ? undefined : `${prefix}::${expression.name}`;
}

function loopBindings(loop: Ast.ForExpression, source: string, index: string): Record<string, string> {
  const bindings: Record<string, string> = {};
  if (loop.item) bindings[loop.item] = `${source}[${index}]`;
  if (loop.index) bindings[loop.index] = index;
  return bindings;
}

/** Own data property even for `__proto__`. */
function define(target: Json, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
