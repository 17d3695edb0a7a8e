/**
 * ARM template values and expressions → TypeScript source for a Pulumi program. A value that
 * depends on something known only at deployment (a secret, a resource id, the resource group's
 * location) is an Output and is combined with `pulumi.interpolate`; what has no translation
 * becomes `todo("[expression]")` (it throws until the value is written by hand) and is listed in a
 * `// TODO(patchwise):` comment, never dropped.
 */
import type { ExpressionAst } from '../../src/template/expression/ast.js';
import { parseExpression } from '../../src/template/expression/parser.js';

/** TypeScript source of a value; `output` when it is a `pulumi.Output` (not usable in `if` or arithmetic). */
export interface Code {
  code: string;
  output: boolean;
}

export interface ExpressionScope {
  parameter(name: string): Code | undefined;
  variable(name: string): Code | undefined;
  /** The loop variable of the copy loop being emitted. */
  copyIndex?: string;
  /** `<resource>.id` of a resource the program declares (not in a loop), by ARM type and name. */
  resourceId(type: string, names: readonly string[]): Code | undefined;
}

/** Values azure-native passes through as written (JSON for the extension, tag strings). */
const FREE_FORM_KEYS = new Set(['settings', 'protectedsettings', 'tags', 'template', 'parameters', 'customdata', 'userdata']);

/** Properties that are numbers in azure-native, which ARM templates often write as strings. */
const NUMERIC_KEYS = new Set(
  'intervalinseconds numberofprobes port frontendport backendport idletimeoutinminutes priority capacity disksizegb lun platformfaultdomaincount platformupdatedomaincount count probethreshold'.split(' '),
);

/** What could not be translated: where, and the original text. */
export interface Todo {
  where: string;
  original: string;
}

export class ValueWriter {
  readonly todos: Todo[] = [];

  constructor(private readonly scope: ExpressionScope) {}

  /**
   * A template value (literal, expression string, object, array) as TypeScript. `typed`: ARM
   * accepts `"true"` and `"5"` for booleans and numbers and is case-insensitive in property names;
   * azure-native is not, so outside free-form values (settings, tags) they are written as typed.
   */
  value(value: unknown, where: string, typed = true): Code {
    if (typeof value === 'string') return typed && /^(true|false)$/i.test(value) ? { code: value.toLowerCase(), output: false } : this.string(value, where);
    if (typeof value === 'number' || typeof value === 'boolean' || value === null) return { code: JSON.stringify(value), output: false };
    if (Array.isArray(value)) {
      const items = value.map((item, index) => this.value(item, `${where}[${index}]`, typed));
      return { code: `[${items.map((item) => item.code).join(', ')}]`, output: false };
    }
    if (typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => {
        if (typed && key.toLowerCase() === 'copy' && Array.isArray(item)) {
          // A property copy loop makes the array named by each entry: that property, by hand for now.
          return item.map((loop) => {
            const name = typeof (loop as { name?: unknown })?.name === 'string' ? (loop as { name: string }).name : 'copy';
            return `${propertyKey(name)}: ${this.todo(JSON.stringify(loop), `${where}.${name} (copy loop)`).code}`;
          }).join(', ');
        }
        const free = !typed || FREE_FORM_KEYS.has(key.toLowerCase());
        const name = free ? key : key.replace(/^[A-Z](?=[a-z])/, (first) => first.toLowerCase());
        const written = !free && typeof item === 'string' && /^\d+$/.test(item) && NUMERIC_KEYS.has(key.toLowerCase()) ? { code: item, output: false } : this.value(item, `${where}.${key}`, !free);
        return `${propertyKey(name)}: ${written.code}`;
      });
      return { code: entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`, output: false };
    }
    return this.todo(String(value), where);
  }

  string(value: string, where: string): Code {
    if (!value.startsWith('[') || !value.endsWith(']')) return { code: JSON.stringify(value), output: false };
    if (value.startsWith('[[')) return { code: JSON.stringify(value.slice(1)), output: false };
    let ast: ExpressionAst;
    try {
      ast = parseExpression(value.slice(1, -1));
    } catch {
      return this.todo(value, where);
    }
    return this.expression(ast) ?? this.todo(value, where);
  }

  /** A translated expression, or undefined (the caller writes a TODO with the original). */
  expression(ast: ExpressionAst): Code | undefined {
    return new Translation(this.scope).translate(ast);
  }

  todo(original: string, where: string): Code {
    this.todos.push({ where, original });
    // A call that throws: the program fails loudly until the value is written by hand, never deploys it wrong.
    return { code: `todo(${JSON.stringify(original)})`, output: false };
  }
}

class Translation {
  constructor(private readonly scope: ExpressionScope) {}

  translate(ast: ExpressionAst): Code | undefined {
    switch (ast.kind) {
      case 'string':
        return { code: JSON.stringify(ast.value), output: false };
      case 'number':
        return { code: String(ast.value), output: false };
      case 'literal':
        return { code: String(ast.value), output: false };
      case 'member': {
        if (ast.target.kind === 'call' && ast.target.args.length === 0) {
          const special = this.deploymentValue(ast.target.name.toLowerCase(), ast.name.toLowerCase());
          if (special) return special;
        }
        const target = this.translate(ast.target);
        return target && !target.output ? { code: `${target.code}.${ast.name}`, output: false } : undefined;
      }
      case 'index': {
        const target = this.translate(ast.target);
        const index = this.translate(ast.index);
        return target && index && !target.output && !index.output ? { code: `(${target.code} as Record<string, any>)[${index.code}]`, output: false } : undefined;
      }
      case 'call':
        return ast.namespace ? undefined : this.call(ast.name.toLowerCase(), ast.args);
    }
  }

  /** `resourceGroup().location`, `subscription().subscriptionId`, … */
  private deploymentValue(func: string, member: string): Code | undefined {
    if (func === 'resourcegroup' && member === 'location') return { code: 'resourceGroupLocation', output: true };
    if (func === 'resourcegroup' && member === 'name') return { code: 'resourceGroupName', output: false };
    if (func === 'resourcegroup' && member === 'id') return { code: 'resourceGroupId', output: true };
    if (func === 'subscription' && member === 'subscriptionid') return { code: 'subscriptionId', output: true };
    if (func === 'subscription' && member === 'tenantid') return { code: 'tenantId', output: true };
    return undefined;
  }

  private call(name: string, args: ExpressionAst[]): Code | undefined {
    const literal = (index: number) => (args[index]?.kind === 'string' ? (args[index] as { value: string }).value : undefined);
    switch (name) {
      case 'parameters':
        return literal(0) !== undefined ? this.scope.parameter(literal(0)!) : undefined;
      case 'variables':
        return literal(0) !== undefined ? this.scope.variable(literal(0)!) : undefined;
      case 'copyindex': {
        if (!this.scope.copyIndex) return undefined;
        const offset = args.find((arg) => arg.kind === 'number');
        return { code: offset ? `(${this.scope.copyIndex} + ${(offset as { value: number }).value})` : this.scope.copyIndex, output: false };
      }
      case 'concat':
        return this.interpolate(args.map((arg) => ({ text: undefined, arg })));
      case 'format':
        return this.format(args);
      case 'tolower':
      case 'toupper':
        return this.method(args[0], name === 'tolower' ? 'toLowerCase' : 'toUpperCase');
      case 'string':
        return this.method(args[0], 'toString');
      case 'uniquestring':
      case 'guid':
        return this.helper(name === 'guid' ? 'guid' : 'uniqueString', args);
      case 'resourceid':
        return this.resourceId(args);
      case 'if': {
        const [condition, whenTrue, whenFalse] = args.map((arg) => this.translate(arg));
        if (!condition || !whenTrue || !whenFalse || condition.output) return undefined;
        return { code: `(${condition.code} ? ${whenTrue.code} : ${whenFalse.code})`, output: whenTrue.output || whenFalse.output };
      }
      case 'equals':
        return this.operator(args, ' === ', 2);
      case 'and':
        return this.operator(args, ' && ');
      case 'or':
        return this.operator(args, ' || ');
      case 'not': {
        const value = args.length === 1 ? this.translate(args[0]) : undefined;
        return value && !value.output ? { code: `!${value.code}`, output: false } : undefined;
      }
      case 'add':
        return this.operator(args, ' + ', 2);
      case 'sub':
        return this.operator(args, ' - ', 2);
      case 'mul':
        return this.operator(args, ' * ', 2);
      case '__pad': {
        const value = this.translate(args[0]);
        return value && !value.output ? { code: `String(${value.code}).padStart(${(args[1] as { value: number }).value}, "0")`, output: false } : undefined;
      }
      case 'bool':
      case 'int':
        return this.wrap(args, name === 'bool' ? 'Boolean' : 'Number');
      default:
        // reference(), list*(), newGuid(), utcNow(), deployment(), lambdas, …: no faithful translation.
        return undefined;
    }
  }

  private operator(args: ExpressionAst[], operator: string, arity?: number): Code | undefined {
    if (arity !== undefined && args.length !== arity) return undefined;
    const parts = args.map((arg) => this.translate(arg));
    if (parts.length === 0 || parts.some((part) => !part || part.output)) return undefined;
    return { code: `(${parts.map((part) => part!.code).join(operator)})`, output: false };
  }

  private wrap(args: ExpressionAst[], func: string): Code | undefined {
    const value = args.length === 1 ? this.translate(args[0]) : undefined;
    return value && !value.output ? { code: `${func}(${value.code})`, output: false } : undefined;
  }

  private method(arg: ExpressionAst | undefined, method: string): Code | undefined {
    const value = arg && this.translate(arg);
    if (!value) return undefined;
    return value.output ? { code: `pulumi.output(${value.code}).apply((value: unknown) => String(value).${method}())`, output: true } : { code: `${value.code}.${method}()`, output: false };
  }

  private helper(func: string, args: ExpressionAst[]): Code | undefined {
    const parts = args.map((arg) => this.translate(arg));
    if (parts.some((part) => !part)) return undefined;
    return { code: `${func}(${parts.map((part) => part!.code).join(', ')})`, output: true };
  }

  /** `format('{0}-{1}', a, b)` (placeholders without format strings) as an interpolation. */
  private format(args: ExpressionAst[]): Code | undefined {
    const [template, ...values] = args;
    if (template?.kind !== 'string') return undefined;
    const pieces: Array<{ text?: string; arg?: ExpressionAst }> = [];
    let last = 0;
    for (const match of template.value.matchAll(/\{(\d+)(?::D(\d+))?\}|\{\{|\}\}|\{[^}]*\}/g)) {
      if (match[0] === '{{' || match[0] === '}}') continue;
      if (match[1] === undefined || Number(match[1]) >= values.length) return undefined;
      const arg = values[Number(match[1])];
      // `{0:D2}`: a whole number padded with zeros.
      const padded: ExpressionAst | undefined = match[2] ? { kind: 'call', name: '__pad', args: [arg, { kind: 'number', value: Number(match[2]) }], offset: 0 } : undefined;
      pieces.push({ text: template.value.slice(last, match.index).replace(/\{\{/g, '{').replace(/\}\}/g, '}') }, { arg: padded ?? arg });
      last = match.index! + match[0].length;
    }
    pieces.push({ text: template.value.slice(last).replace(/\{\{/g, '{').replace(/\}\}/g, '}') });
    return this.interpolate(pieces);
  }

  /** Strings and translated parts joined: a template literal, or `pulumi.interpolate` when a part is an Output. */
  private interpolate(pieces: Array<{ text?: string; arg?: ExpressionAst }>): Code | undefined {
    let code = '';
    let output = false;
    for (const piece of pieces) {
      if (piece.text !== undefined) code += escapeTemplate(piece.text);
      if (!piece.arg) continue;
      if (piece.arg.kind === 'string') {
        code += escapeTemplate(piece.arg.value);
        continue;
      }
      if (piece.arg.kind === 'number') {
        code += String(piece.arg.value);
        continue;
      }
      const part = this.translate(piece.arg);
      if (!part) return undefined;
      output ||= part.output;
      code += `\${${part.code}}`;
    }
    return { code: output ? `pulumi.interpolate\`${code}\`` : `\`${code}\``, output };
  }

  /** `resourceId([subscription], [group], type, name…)`: the declared resource's `.id`, else the id built from its parts. */
  private resourceId(args: ExpressionAst[]): Code | undefined {
    const typeIndex = args.findIndex((arg) => arg.kind === 'string' && arg.value.includes('/'));
    if (typeIndex < 0 || typeIndex > 2) return undefined;
    const type = (args[typeIndex] as { value: string }).value;
    const names = args.slice(typeIndex + 1);
    const typeSegments = type.split('/');
    if (names.length !== typeSegments.length - 1 || names.length === 0) return undefined;
    if (typeIndex === 0 && names.every((name) => name.kind === 'string')) {
      const declared = this.scope.resourceId(type, names.map((name) => (name as { value: string }).value));
      if (declared) return declared;
    }
    const subscription = typeIndex === 2 ? args[0] : undefined;
    const group = typeIndex >= 1 ? args[typeIndex - 1] : undefined;
    const pieces: Array<{ text?: string; arg?: ExpressionAst }> = [{ text: '/subscriptions/' }];
    pieces.push(subscription ? { arg: subscription } : { arg: { kind: 'member', target: { kind: 'call', name: 'subscription', args: [], offset: 0 }, name: 'subscriptionId' } });
    pieces.push({ text: '/resourceGroups/' });
    pieces.push(group ? { arg: group } : { arg: { kind: 'member', target: { kind: 'call', name: 'resourceGroup', args: [], offset: 0 }, name: 'name' } });
    pieces.push({ text: `/providers/${typeSegments[0]}` });
    names.forEach((name, index) => pieces.push({ text: `/${typeSegments[index + 1]}/` }, { arg: name }));
    return this.interpolate(pieces);
  }
}

function escapeTemplate(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** An object key as TypeScript: bare when it is an identifier. */
export function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

/** The expression text of a template value, for TODO comments and notes. */
export function originalText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

