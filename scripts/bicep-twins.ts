/**
 * Writes a `.bicep` twin of each ARM rule fixture: `fixtures/arm/rules/<rule>/<kind>/<case>.json`
 * → `fixtures/bicep/rules/<rule>/<kind>/<case>.bicep` (a tree of its own, so folder scans of the
 * ARM fixtures do not read them). The twin is the Bicep a user would write for the same template
 * (what `bicep decompile` gives for such small files), so `test/bicep/twins.test.ts` can check
 * that both give the same findings.
 * Re-run after changing an ARM fixture (`npx tsx scripts/bicep-twins.ts`), then review the diff:
 * the twins are committed fixtures, not build output. Handles what the fixtures use: parameters
 * (`@allowed`, `@secure`), variables, resources (array or symbolic form, child `resources`,
 * `copy`, `condition`), expressions of parameters, variables, copyIndex() and plain functions.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseExpression } from '../src/template/expression/parser.js';
import type { ExpressionAst } from '../src/template/expression/ast.js';

type Json = Record<string, unknown>;
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const ARM_RULES = join(FIXTURES, 'arm', 'rules');
const BICEP_RULES = join(FIXTURES, 'bicep', 'rules');
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

class TwinWriter {
  private readonly lines: string[] = [];
  private loopIndex: string | undefined;
  /** Symbols of the resources declared with a literal name, by `type|name`: Bicep scopes name them. */
  private readonly byId = new Map<string, string>();

  constructor(private readonly template: Json) {}

  write(): string {
    for (const [name, declaration] of Object.entries(isObject(this.template.parameters) ? this.template.parameters : {}))
      this.parameter(name, declaration as Json);
    for (const [name, value] of Object.entries(isObject(this.template.variables) ? this.template.variables : {}))
      this.lines.push(`var ${name} = ${this.value(value, '')}`, '');
    const resources = this.template.resources;
    const entries: Array<[string | undefined, Json]> = Array.isArray(resources)
      ? resources.map((resource) => [undefined, resource as Json])
      : Object.entries(resources as Json).map(([name, resource]) => [name, resource as Json]);
    const used = new Set<string>();
    const named = entries.map(([symbolic, resource]) => [symbolic ?? this.symbolFor(resource, used), resource] as const);
    for (const [symbolic, resource] of named)
      if (typeof resource.name === 'string' && !resource.name.startsWith('['))
        this.byId.set(`${String(resource.type)}|${resource.name}`.toLowerCase(), symbolic);
    for (const [symbolic, resource] of named) this.resource(resource, symbolic, '');
    return `${this.lines.join('\n').trimEnd()}\n`;
  }

  private parameter(name: string, declaration: Json): void {
    if (Array.isArray(declaration.allowedValues)) this.lines.push(`@allowed(${this.value(declaration.allowedValues, '')})`);
    const type = String(declaration.type).toLowerCase();
    if (type === 'securestring' || type === 'secureobject') this.lines.push('@secure()');
    const bicepType = { securestring: 'string', secureobject: 'object' }[type] ?? type;
    const value = 'defaultValue' in declaration ? ` = ${this.value(declaration.defaultValue, '')}` : '';
    this.lines.push(`param ${name} ${bicepType}${value}`, '');
  }

  private symbolFor(resource: Json, used: Set<string>): string {
    const base = String(resource.type)
      .split('/')
      .pop()!
      .replace(/[^A-Za-z0-9]/g, '');
    let name = base.charAt(0).toLowerCase() + base.slice(1);
    for (let i = 2; used.has(name); i++) name = `${base.charAt(0).toLowerCase() + base.slice(1)}${i}`;
    used.add(name);
    return name;
  }

  private resource(resource: Json, symbolic: string, indent: string): void {
    // A child in `resources` keeps its type as written (relative to the parent, as Bicep's nested form wants).
    const header = `${indent}resource ${symbolic} '${String(resource.type)}@${String(resource.apiVersion)}'${resource.existing === true ? ' existing' : ''} = `;
    const copy = isObject(resource.copy) ? resource.copy : undefined;
    const condition = 'condition' in resource ? `if (${this.expression(resource.condition)}) ` : '';
    this.loopIndex = copy ? 'i' : undefined;
    const body = this.body(resource, indent);
    if (copy) this.lines.push(`${header}[for i in range(0, ${this.expression(copy.count)}): ${condition}${body}]`);
    else this.lines.push(`${header}${condition}${body}`);
    this.loopIndex = undefined;
    this.lines.push('');
  }

  /** A resource body: every key but the ones Bicep writes in the declaration (or infers: dependsOn). */
  private body(resource: Json, indent: string): string {
    const inner = `${indent}  `;
    const out = ['{'];
    for (const [key, value] of Object.entries(resource)) {
      if (['type', 'apiVersion', 'copy', 'condition', 'dependsOn', 'existing', 'resources'].includes(key)) continue;
      // A symbolic scope (languageVersion 2.0) is a reference to that resource in Bicep.
      if (key === 'scope' && typeof value === 'string' && IDENTIFIER.test(value) && this.isSymbolic(value)) {
        out.push(`${inner}scope: ${value}`);
        continue;
      }
      // A scope naming a resource declared here (`resourceId(type, 'name')`, `'type/name'`): Bicep takes the resource itself.
      const scoped = key === 'scope' ? this.scopedSymbol(value) : undefined;
      if (scoped) {
        out.push(`${inner}scope: ${scoped}`);
        continue;
      }
      out.push(`${inner}${this.key(key)}: ${this.value(value, inner)}`);
    }
    const children = Array.isArray(resource.resources) ? resource.resources : [];
    const used = new Set<string>();
    for (const child of children as Json[]) {
      const saved = this.lines.length;
      this.resource(child, this.symbolFor(child, used), inner);
      out.push(...this.lines.splice(saved).filter((line) => line !== ''));
    }
    out.push(`${indent}}`);
    return out.join('\n');
  }

  private scopedSymbol(value: unknown): string | undefined {
    if (typeof value !== 'string') return undefined;
    const byResourceId = /^\[resourceId\('([^']+)', '([^']+)'\)\]$/.exec(value);
    const byFormat = /^\[format\('([^'{}]+)\/\{0\}', '([^']+)'\)\]$/.exec(value);
    const [, type, name] = byResourceId ?? byFormat ?? [];
    return type === undefined ? undefined : this.byId.get(`${type}|${name}`.toLowerCase());
  }

  private isSymbolic(name: string): boolean {
    return isObject(this.template.resources) && name in this.template.resources;
  }

  private key(key: string): string {
    return IDENTIFIER.test(key) ? key : this.string(key);
  }

  private value(value: unknown, indent: string): string {
    if (typeof value === 'string')
      return value.startsWith('[') && !value.startsWith('[[') ? this.expression(value) : this.string(value.startsWith('[[') ? value.slice(1) : value);
    if (value === null || typeof value !== 'object') return String(value);
    const inner = `${indent}  `;
    if (Array.isArray(value)) return value.length === 0 ? '[]' : `[\n${value.map((item) => `${inner}${this.value(item, inner)}`).join('\n')}\n${indent}]`;
    const entries = Object.entries(value);
    return entries.length === 0 ? '{}' : `{\n${entries.map(([key, item]) => `${inner}${this.key(key)}: ${this.value(item, inner)}`).join('\n')}\n${indent}}`;
  }

  private string(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${').replace(/\n/g, '\\n')}'`;
  }

  private expression(value: unknown): string {
    if (typeof value !== 'string') return this.value(value, '');
    return this.print(parseExpression(value.slice(1, -1)));
  }

  private print(ast: ExpressionAst): string {
    switch (ast.kind) {
      case 'string':
        return this.string(ast.value);
      case 'number':
        return String(ast.value);
      case 'literal':
        return String(ast.value);
      case 'member':
        return `${this.print(ast.target)}.${ast.name}`;
      case 'index':
        return `${this.print(ast.target)}[${this.print(ast.index)}]`;
      case 'call': {
        const name = ast.name.toLowerCase();
        const [first] = ast.args;
        if ((name === 'parameters' || name === 'variables') && first?.kind === 'string') return first.value;
        if (name === 'copyindex' && this.loopIndex) return ast.args.length === 0 ? this.loopIndex : `(${this.loopIndex} + ${this.print(first)})`;
        return `${ast.namespace ? `${ast.namespace}.` : ''}${ast.name}(${ast.args.map((arg) => this.print(arg)).join(', ')})`;
      }
    }
  }
}

function fixtures(folder: string, out: string[] = []): string[] {
  for (const entry of readdirSync(folder).sort()) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) fixtures(path, out);
    else if (entry.endsWith('.json') && !/\.(parameters|inventory)\.json$/.test(entry)) out.push(path);
  }
  return out;
}

for (const path of fixtures(ARM_RULES)) {
  const template = JSON.parse(readFileSync(path, 'utf8')) as Json;
  const twin = join(BICEP_RULES, relative(ARM_RULES, path)).replace(/\.json$/, '.bicep');
  mkdirSync(dirname(twin), { recursive: true });
  writeFileSync(twin, new TwinWriter(template).write());
}
