/**
 * ARM template values and expressions → TypeScript source for a Pulumi program. A value that
 * depends on something known only at deployment (a secret, a resource id, the resource group's
 * location) is an Output and is combined with `pulumi.interpolate`; what has no translation
 * becomes `todo("[expression]")` (it throws until the value is written by hand) and is listed in a
 * `// TODO(patchwise):` comment, never dropped.
 */
import type { ExpressionAst } from '../../src/template/expression/ast.js';
import { parseBracketedExpression } from '../../src/template/expression/parser.js';
import { itemType, member, strictEnum, type ArgType } from './arg-shapes.js';
import { astNameKey, memberChain, referenceOutput, storageAccountKeys, target, type ResourceLookup } from './references.js';

/** TypeScript source of a value; `output` when it is a `pulumi.Output` (not usable in `if` or arithmetic). */
export interface Code {
  code: string;
  output: boolean;
  /** The value's primitive type, when known (to convert it to the type azure-native takes). */
  type?: Primitive;
  /** The template value a variable holds: its members are found in any case, as ARM does. */
  shape?: unknown;
  /** The shape was written as it is (free-form JSON such as settings), its keys not camel-cased. */
  freeForm?: boolean;
}

export type Primitive = 'string' | 'number' | 'boolean';

export interface ExpressionScope extends ResourceLookup {
  parameter(name: string): Code | undefined;
  variable(name: string): Code | undefined;
  /** The loop variable of the copy loop being emitted. */
  copyIndex?: string;
}

/** Values azure-native passes through as written (JSON for the extension, tag strings). */
const FREE_FORM_KEYS = new Set(['settings', 'protectedsettings', 'tags', 'template', 'parameters', 'customdata', 'userdata']);

/** Properties that are numbers in azure-native, which ARM templates often write as strings. */
const NUMERIC_KEYS = new Set(
  'intervalinseconds numberofprobes port frontendport backendport idletimeoutinminutes priority capacity disksizegb lun platformfaultdomaincount platformupdatedomaincount count probethreshold'.split(
    ' ',
  ),
);

/** What could not be translated: where, and the original text. */
export interface Todo {
  where: string;
  original: string;
}

export class ValueWriter {
  readonly todos: Todo[] = [];
  /** azure-native modules the written code names (enum types in casts). */
  readonly modules = new Set<string>();
  /** Property and variable copy loops being written: name (lower case) → the index variable. */
  private readonly loops = new Map<string, string>();

  constructor(private readonly scope: ExpressionScope) {}

  /**
   * A template value (literal, expression string, object, array) as TypeScript. `typed`: ARM
   * accepts `"true"` and `"5"` for booleans and numbers and is case-insensitive in property names;
   * azure-native is not, so outside free-form values (settings, tags) they are written as typed.
   */
  value(value: unknown, where: string, typed = true, type?: ArgType): Code {
    if (type !== undefined && typed && type !== 'a') return this.shaped(value, where, type);
    if (typeof value === 'string')
      return typed && /^(true|false)$/i.test(value) ? { code: value.toLowerCase(), output: false, type: 'boolean' } : this.string(value, where);
    if (typeof value === 'number' || typeof value === 'boolean' || value === null)
      return { code: JSON.stringify(value), output: false, type: primitiveOf(value) };
    if (Array.isArray(value)) {
      const items = value.map((item, index) => this.value(item, `${where}[${index}]`, typed));
      return { code: `[${items.map((item) => item.code).join(', ')}]`, output: false };
    }
    if (typeof value === 'object') {
      const entries: ObjectEntry[] = [];
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (typed && key.toLowerCase() === 'copy' && Array.isArray(item)) {
          entries.push(...this.copyLoops(item, where));
          continue;
        }
        const free = !typed || FREE_FORM_KEYS.has(key.toLowerCase());
        const name = free ? key : camelKey(key);
        const written =
          !free && typeof item === 'string' && /^\d+$/.test(item) && NUMERIC_KEYS.has(key.toLowerCase())
            ? { code: item, output: false }
            : this.value(item, `${where}.${key}`, !free);
        entries.push({ key: name, code: written.code });
      }
      return objectCode(entries);
    }
    return this.todo(String(value), where);
  }

  /**
   * Property copy loops (`"copy": [{ name, count, input }]`): each makes the array `name`, written
   * as `Array.from` with `copyIndex('name')` as the callback's index.
   */
  copyLoops(loops: unknown[], where: string, type?: ArgType): ObjectEntry[] {
    return loops.map((loop, index) => {
      const { name, count, input } = (loop && typeof loop === 'object' ? loop : {}) as { name?: unknown; count?: unknown; input?: unknown };
      const target = typeof name === 'string' && type !== undefined ? member(type, name) : undefined;
      const length = count === undefined ? undefined : this.convert(this.value(count, `${where}.copy[${index}].count`), 'n', `${where}.copy[${index}].count`);
      if (typeof name !== 'string' || input === undefined || !length || length.output || length.code.startsWith('todo(') || (type !== undefined && !target)) {
        const why =
          type !== undefined && typeof name === 'string' && !target
            ? 'not an azure-native argument here'
            : 'a copy loop whose count is known only at deployment';
        this.todos.push({ where: `${where}.copy[${index}]`, original: `${why}: ${originalText(loop)}` });
        return { comment: `TODO(patchwise): ${why}: ${originalText(loop)}` };
      }
      const variable = `${name.replace(/[^A-Za-z0-9]+/g, '').replace(/^[A-Z]/, (first) => first.toLowerCase()) || 'copy'}Index`;
      this.loops.set(name.toLowerCase(), variable);
      try {
        const item = target ? this.shaped(input, `${where}.${name}[]`, itemType(target.type) ?? 'a') : this.value(input, `${where}.${name}[]`);
        return { key: target?.name ?? name, code: `Array.from({ length: ${length.code} }, (_, ${variable}) => (${item.code}))` };
      } finally {
        this.loops.delete(name.toLowerCase());
      }
    });
  }

  /**
   * A value written as azure-native types it (see arg-shapes.ts): member names in its spelling,
   * strings converted to numbers and booleans, enum values in their casing; a member azure-native
   * does not take is left out with a TODO comment, never silently.
   */
  private shaped(value: unknown, where: string, type: ArgType): Code {
    if (type === 'm') return this.value(value, where, false);
    const items = itemType(type);
    if (items !== undefined && Array.isArray(value)) {
      const written = value.map((item, index) => this.shaped(item, `${where}[${index}]`, items));
      return { code: `[${written.map((item) => item.code).join(', ')}]`, output: false };
    }
    if (value && typeof value === 'object' && !Array.isArray(value) && type.startsWith('o:'))
      return this.shapedObject(value as Record<string, unknown>, where, type);
    if (typeof value === 'string' && /^(true|false)$/i.test(value) && type === 'b') return { code: value.toLowerCase(), output: false, type: 'boolean' };
    return this.convert(this.value(value, where), type, where);
  }

  private shapedObject(value: Record<string, unknown>, where: string, type: ArgType): Code {
    const entries: ObjectEntry[] = [];
    for (const [key, item] of Object.entries(value)) {
      if (key.toLowerCase() === 'copy' && Array.isArray(item)) {
        entries.push(...this.copyLoops(item, where, type));
        continue;
      }
      const target = member(type, key);
      if (!target) {
        entries.push({ comment: this.notAnArgument(`${where}.${key}`, item) });
        continue;
      }
      entries.push({ key: target.name, code: this.shaped(item, `${where}.${key}`, target.type).code });
    }
    return objectCode(entries);
  }

  /** A template property azure-native has no argument for: listed with its value, left out of the program. */
  notAnArgument(where: string, value: unknown): string {
    const key = where.split('.').pop() ?? where;
    const text = originalText((redactForComment({ [key]: value }) as Record<string, unknown>)[key]).replace(/\s+/g, ' ');
    this.todos.push({ where, original: `not an azure-native argument: ${text}` });
    return `TODO(patchwise): ${key} is not an azure-native argument here: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
  }

  /** A translated scalar as the primitive or enum azure-native takes. */
  private convert(code: Code, type: ArgType, where: string): Code {
    if (code.code.startsWith('todo(')) return code;
    const apply = (func: string, result: Primitive): Code =>
      code.output
        ? { code: `pulumi.output(${code.code}).apply(${func})`, output: true, type: result }
        : { code: `${func}(${code.code})`, output: false, type: result };
    if (type === 'n' && code.type !== 'number') {
      const literal = /^"(-?\d+(?:\.\d+)?)"$/.exec(code.code);
      return literal ? { code: literal[1], output: false, type: 'number' } : apply('Number', 'number');
    }
    if (type === 'b' && code.type === 'string')
      return code.output
        ? { code: `pulumi.output(${code.code}).apply((value) => value.toLowerCase() === "true")`, output: true, type: 'boolean' }
        : { code: `(${code.code}.toLowerCase() === "true")`, output: false, type: 'boolean' };
    if (type === 's' && (code.type === 'number' || code.type === 'boolean')) return apply('String', 'string');
    const enumType = strictEnum(type);
    if (!enumType) return code;
    const literal = /^"([^"\\]*)"$/.exec(code.code);
    if (literal) {
      const value = enumType.values.find((candidate) => candidate.toLowerCase() === literal[1].toLowerCase());
      return value !== undefined
        ? { code: JSON.stringify(value), output: false, type: 'string' }
        : this.todo(`"${literal[1]}" (azure-native takes ${enumType.values.join(', ')})`, where);
    }
    // A string known only at deployment: azure-native checks the value against the enum then.
    this.modules.add(enumType.module);
    return code.output
      ? { code: `pulumi.output(${code.code}).apply((value) => value as ${enumType.name})`, output: true }
      : { code: `(${code.code} as ${enumType.name})`, output: false };
  }

  string(value: string, where: string): Code {
    if (!value.startsWith('[') || !value.endsWith(']')) return { code: JSON.stringify(value), output: false, type: 'string' };
    if (value.startsWith('[[')) return { code: JSON.stringify(value.slice(1)), output: false, type: 'string' };
    let ast: ExpressionAst;
    try {
      ast = parseBracketedExpression(value);
    } catch {
      return this.todo(value, where);
    }
    return this.expression(ast) ?? this.todo(value, where);
  }

  /** A translated expression, or undefined (the caller writes a TODO with the original). */
  expression(ast: ExpressionAst): Code | undefined {
    return new Translation(this.scope, this.loops, this.modules).translate(ast);
  }

  todo(original: string, where: string): Code {
    this.todos.push({ where, original });
    // A call that throws: the program fails loudly until the value is written by hand, never deploys it wrong.
    return { code: `todo(${JSON.stringify(original)})`, output: false };
  }
}

class Translation {
  constructor(
    private readonly scope: ExpressionScope,
    private readonly loops: ReadonlyMap<string, string>,
    private readonly modules: Set<string>,
  ) {}

  translate(ast: ExpressionAst): Code | undefined {
    switch (ast.kind) {
      case 'string':
        return { code: JSON.stringify(ast.value), output: false, type: 'string' };
      case 'number':
        return { code: String(ast.value), output: false, type: 'number' };
      case 'literal':
        return { code: String(ast.value), output: false, type: primitiveOf(ast.value) };
      case 'member': {
        const resourceValue = this.resourceValue(ast);
        if (resourceValue) return resourceValue;
        if (ast.target.kind === 'call' && ast.target.args.length === 0) {
          const special = this.deploymentValue(ast.target.name.toLowerCase(), ast.name.toLowerCase());
          if (special) return special;
        }
        const target = this.translate(ast.target);
        if (!target || target.output) return undefined;
        const shape = target.shape && typeof target.shape === 'object' && !Array.isArray(target.shape) ? (target.shape as Record<string, unknown>) : undefined;
        const key = shape ? (Object.keys(shape).find((candidate) => candidate.toLowerCase() === ast.name.toLowerCase()) ?? ast.name) : ast.name;
        const inner = shape?.[key];
        // The key as the variable's object literal spells it (see value()).
        const written = shape && !target.freeForm ? camelKey(key) : key;
        const freeForm = target.freeForm || FREE_FORM_KEYS.has(key.toLowerCase());
        const type = typeof inner === 'string' && inner.startsWith('[') ? undefined : primitiveOf(inner);
        return {
          code: /^[A-Za-z_$][\w$]*$/.test(written) ? `${target.code}.${written}` : `${target.code}[${JSON.stringify(written)}]`,
          output: false,
          type,
          shape: inner,
          freeForm,
        };
      }
      case 'index': {
        const resourceValue = this.resourceValue(ast);
        if (resourceValue) return resourceValue;
        const target = this.translate(ast.target);
        const index = this.translate(ast.index);
        return target && index && !target.output && !index.output
          ? { code: `(${target.code} as Record<string, any>)[${index.code}]`, output: false }
          : undefined;
      }
      case 'call':
        return ast.namespace ? undefined : this.call(ast.name.toLowerCase(), ast.args);
    }
  }

  /** `reference(x).a.b` and `listKeys(x, api).keys[0].value` of a resource the program declares. */
  private resourceValue(ast: ExpressionAst): Code | undefined {
    const { root, segments } = memberChain(ast);
    if (root.kind !== 'call' || root.namespace) return undefined;
    const func = root.name.toLowerCase();
    if (func !== 'reference' && func !== 'listkeys') return undefined;
    const found = target(root.args[0], this.scope);
    const index = (node: ExpressionAst) => this.translate(node);
    if (func === 'reference') {
      const full = root.args[2]?.kind === 'string' && root.args[2].value.toLowerCase() === 'full';
      return found.resource ? referenceOutput(found.resource, full, segments, index) : undefined;
    }
    const storage = found.resource
      ? found.resource.module === 'storage' && found.resource.className === 'StorageAccount'
      : found.type?.toLowerCase() === 'microsoft.storage/storageaccounts';
    if (!storage) return undefined;
    const accountName = found.resource ? { code: `${found.resource.object}.name`, output: true } : found.names?.[0] && this.translate(found.names[0]);
    if (!accountName) return undefined;
    const code = storageAccountKeys(accountName, segments, index);
    if (code) this.modules.add('storage');
    return code;
  }

  /** `resourceGroup().location`, `subscription().subscriptionId`, … */
  private deploymentValue(func: string, member: string): Code | undefined {
    if (func === 'resourcegroup' && member === 'location') return { code: 'resourceGroupLocation', output: true, type: 'string' };
    if (func === 'resourcegroup' && member === 'name') return { code: 'resourceGroupName', output: false, type: 'string' };
    if (func === 'resourcegroup' && member === 'id') return { code: 'resourceGroupId', output: true, type: 'string' };
    if (func === 'subscription' && member === 'subscriptionid') return { code: 'subscriptionId', output: true, type: 'string' };
    if (func === 'subscription' && member === 'tenantid') return { code: 'tenantId', output: true, type: 'string' };
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
        // copyIndex('loop') names a property or variable copy loop; without a name it is the resource's.
        const variable = literal(0) !== undefined ? this.loops.get(literal(0)!.toLowerCase()) : this.scope.copyIndex;
        if (!variable) return undefined;
        const offset = args.find((arg) => arg.kind === 'number');
        return { code: offset ? `(${variable} + ${(offset as { value: number }).value})` : variable, output: false, type: 'number' };
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
        return {
          code: `(${condition.code} ? ${whenTrue.code} : ${whenFalse.code})`,
          output: whenTrue.output || whenFalse.output,
          type: whenTrue.type === whenFalse.type ? whenTrue.type : undefined,
        };
      }
      case 'equals':
        return this.operator(args, ' === ', 'boolean', 2);
      case 'and':
        return this.operator(args, ' && ', 'boolean');
      case 'or':
        return this.operator(args, ' || ', 'boolean');
      case 'not': {
        const value = args.length === 1 ? this.translate(args[0]) : undefined;
        return value && !value.output ? { code: `!${value.code}`, output: false, type: 'boolean' } : undefined;
      }
      case 'add':
        return this.operator(args, ' + ', 'number', 2);
      case 'sub':
        return this.operator(args, ' - ', 'number', 2);
      case 'mul':
        return this.operator(args, ' * ', 'number', 2);
      case '__pad': {
        const value = this.translate(args[0]);
        return value && !value.output
          ? { code: `String(${value.code}).padStart(${(args[1] as { value: number }).value}, "0")`, output: false, type: 'string' }
          : undefined;
      }
      case 'bool':
        return this.wrap(args, 'Boolean', 'boolean');
      case 'int':
        return this.wrap(args, 'Number', 'number');
      case 'mod':
        return this.operator(args, ' % ', 'number', 2);
      case 'div':
        return this.known(args, 2, 2, ([a, b]) => `Math.trunc(${a} / ${b})`, 'number');
      case 'min':
      case 'max':
        return this.known(args, 1, 32, (parts) => `Math.${name}(${parts.join(', ')})`, 'number');
      case 'coalesce':
        return this.known(args, 1, 32, (parts) => `(${parts.join(' ?? ')})`);
      case 'createarray':
        return this.known(args, 0, 64, (parts) => `[${parts.join(', ')}]`);
      case 'length':
        return this.known(args, 1, 1, ([value]) => `${value}.length`, 'number');
      case 'split':
        return this.known(args, 2, 2, ([value, separator]) => `${value}.split(${separator})`);
      case 'replace':
        return this.known(args, 3, 3, ([value, from, to]) => `${value}.replaceAll(${from}, ${to})`, 'string');
      case 'substring':
        return this.known(
          args,
          2,
          3,
          ([value, start, length]) => (length === undefined ? `${value}.substring(${start})` : `${value}.substring(${start}, ${start} + ${length})`),
          'string',
        );
      case 'trim':
        return this.known(args, 1, 1, ([value]) => `${value}.trim()`, 'string');
      case 'startswith':
      case 'endswith':
        return this.known(args, 2, 2, ([value, part]) => `${value}.${name === 'startswith' ? 'startsWith' : 'endsWith'}(${part})`, 'boolean');
      case 'padleft':
        return this.known(args, 2, 3, ([value, width, fill]) => `String(${value}).padStart(${width}${fill === undefined ? '' : `, ${fill}`})`, 'string');
      case 'subscriptionresourceid':
        return this.subscriptionResourceId(args);
      default:
        // reference(), list*(), newGuid(), utcNow(), deployment(), lambdas, …: no faithful translation.
        return undefined;
    }
  }

  private operator(args: ExpressionAst[], operator: string, type: Primitive, arity?: number): Code | undefined {
    if (arity !== undefined && args.length !== arity) return undefined;
    const parts = args.map((arg) => this.translate(arg));
    if (parts.length === 0 || parts.some((part) => !part || part.output)) return undefined;
    return { code: `(${parts.map((part) => part!.code).join(operator)})`, output: false, type };
  }

  /** A function of values known before deployment (none an Output), `min`…`max` arguments. */
  private known(args: ExpressionAst[], min: number, max: number, write: (parts: string[]) => string, type?: Primitive): Code | undefined {
    if (args.length < min || args.length > max) return undefined;
    const parts = args.map((arg) => this.translate(arg));
    if (parts.some((part) => !part || part.output)) return undefined;
    return { code: write(parts.map((part) => part!.code)), output: false, type };
  }

  /** `subscriptionResourceId([subscription], type, name…)`: a resource id outside any resource group. */
  private subscriptionResourceId(args: ExpressionAst[]): Code | undefined {
    const typeIndex = args.findIndex((arg) => arg.kind === 'string' && arg.value.includes('/'));
    if (typeIndex < 0 || typeIndex > 1) return undefined;
    const typeSegments = (args[typeIndex] as { value: string }).value.split('/');
    const names = args.slice(typeIndex + 1);
    if (names.length !== typeSegments.length - 1 || names.length === 0) return undefined;
    const pieces: Array<{ text?: string; arg?: ExpressionAst }> = [{ text: '/subscriptions/' }];
    pieces.push(
      typeIndex === 1
        ? { arg: args[0] }
        : { arg: { kind: 'member', target: { kind: 'call', name: 'subscription', key: 'subscription', args: [], offset: 0 }, name: 'subscriptionId' } },
    );
    pieces.push({ text: `/providers/${typeSegments[0]}` });
    names.forEach((name, index) => pieces.push({ text: `/${typeSegments[index + 1]}/` }, { arg: name }));
    return this.interpolate(pieces);
  }

  private wrap(args: ExpressionAst[], func: string, type: Primitive): Code | undefined {
    const value = args.length === 1 ? this.translate(args[0]) : undefined;
    return value && !value.output ? { code: `${func}(${value.code})`, output: false, type } : undefined;
  }

  private method(arg: ExpressionAst | undefined, method: string): Code | undefined {
    const value = arg && this.translate(arg);
    if (!value) return undefined;
    return value.output
      ? { code: `pulumi.output(${value.code}).apply((value: unknown) => String(value).${method}())`, output: true, type: 'string' }
      : { code: `${value.code}.${method}()`, output: false, type: 'string' };
  }

  private helper(func: string, args: ExpressionAst[]): Code | undefined {
    const parts = args.map((arg) => this.translate(arg));
    if (parts.some((part) => !part)) return undefined;
    return { code: `${func}(${parts.map((part) => part!.code).join(', ')})`, output: true, type: 'string' };
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
      const padded: ExpressionAst | undefined = match[2]
        ? { kind: 'call', name: '__pad', key: '__pad', args: [arg, { kind: 'number', value: Number(match[2]) }], offset: 0 }
        : undefined;
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
    return { code: output ? `pulumi.interpolate\`${code}\`` : `\`${code}\``, output, type: 'string' };
  }

  /** `resourceId([subscription], [group], type, name…)`: the declared resource's `.id`, else the id built from its parts. */
  private resourceId(args: ExpressionAst[]): Code | undefined {
    const typeIndex = args.findIndex((arg) => arg.kind === 'string' && arg.value.includes('/'));
    if (typeIndex < 0 || typeIndex > 2) return undefined;
    const type = (args[typeIndex] as { value: string }).value;
    const names = args.slice(typeIndex + 1);
    const typeSegments = type.split('/');
    if (names.length !== typeSegments.length - 1 || names.length === 0) return undefined;
    const declared = typeIndex === 0 ? this.scope.resource(type, names.map(astNameKey).join('/')) : undefined;
    if (declared) return declared.id;
    const subscription = typeIndex === 2 ? args[0] : undefined;
    const group = typeIndex >= 1 ? args[typeIndex - 1] : undefined;
    const pieces: Array<{ text?: string; arg?: ExpressionAst }> = [{ text: '/subscriptions/' }];
    pieces.push(
      subscription
        ? { arg: subscription }
        : { arg: { kind: 'member', target: { kind: 'call', name: 'subscription', key: 'subscription', args: [], offset: 0 }, name: 'subscriptionId' } },
    );
    pieces.push({ text: '/resourceGroups/' });
    pieces.push(
      group
        ? { arg: group }
        : { arg: { kind: 'member', target: { kind: 'call', name: 'resourceGroup', key: 'resourcegroup', args: [], offset: 0 }, name: 'name' } },
    );
    pieces.push({ text: `/providers/${typeSegments[0]}` });
    names.forEach((name, index) => pieces.push({ text: `/${typeSegments[index + 1]}/` }, { arg: name }));
    return this.interpolate(pieces);
  }
}

/** A member of an object literal, or a comment in its place. */
export type ObjectEntry = { key: string; code: string } | { comment: string };

/** `{ a: 1, /* TODO … *\/ b: 2 }`: comments sit before the next member, never between commas. */
function objectCode(entries: readonly ObjectEntry[]): Code {
  let code = '';
  let separator = '';
  for (const entry of entries) {
    if ('comment' in entry) {
      code += `${separator}/* ${entry.comment.replace(/\*\//g, '* /').replace(/\s+/g, ' ')} */ `;
      separator = '';
      continue;
    }
    code += `${separator}${propertyKey(entry.key)}: ${entry.code}`;
    separator = ', ';
  }
  return { code: code === '' ? '{}' : `{ ${code.trimEnd()} }`, output: false };
}

/** ARM's `Name` as azure-native spells its arguments: `name` (not `SKU` or `vCPUs`). */
function camelKey(key: string): string {
  return key.replace(/^[A-Z](?=[a-z])/, (first) => first.toLowerCase());
}

function primitiveOf(value: unknown): Primitive | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? (typeof value as Primitive) : undefined;
}

function escapeTemplate(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** An object key as TypeScript: bare when it is an identifier. */
export function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

/** Secrets never go into comments: values of secret-looking keys are replaced. */
export function redactForComment(value: unknown, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactForComment(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      /password|secret|key|token|protectedSettings|customData|userData/i.test(key) && typeof item !== 'object' ? 'REDACTED' : redactForComment(item, depth + 1),
    ]),
  );
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
