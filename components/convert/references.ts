/**
 * `reference()` and `listKeys()` of resources the program declares: a resource's outputs and the
 * azure-native invoke that lists a storage account's keys. What points elsewhere (another
 * template, a resource in a loop, a `list*` of another type) has no translation here: the caller
 * writes a TODO with the original expression.
 */
import { printAst, type ExpressionAst } from '../../src/template/expression/ast.js';
import { parseBracketedExpression } from '../../src/template/expression/parser.js';
import { outputProperty } from './arg-shapes.js';
import type { Code } from './expressions.js';

/** A resource of the program: its id, the azure-native object that has its outputs, and that object's class. */
export interface ProgramResource {
  id: Code;
  /** `nic`, or `vm.virtualMachine` for a component. */
  object: string;
  module: string;
  className: string;
}

export interface ResourceLookup {
  /** By ARM type and name key (see nameKey); without a type, by symbolic name or else a name only one resource has. */
  resource(type: string | undefined, name: string): ProgramResource | undefined;
}

/** A step of a member chain: `.name` or `[index]`. */
export type Segment = { name: string } | { index: ExpressionAst };

/** A resource name as a lookup key: a literal in lower case, an expression as printed. */
export function nameKey(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  if (!name.startsWith('[') || name.startsWith('[[')) return name.toLowerCase();
  try {
    return astNameKey(parseBracketedExpression(name));
  } catch {
    return undefined;
  }
}

export function astNameKey(ast: ExpressionAst): string {
  return ast.kind === 'string' ? ast.value.toLowerCase() : printAst(ast).toLowerCase();
}

/** `reference(x).a[0].b` → the call and its steps. */
export function memberChain(ast: ExpressionAst): { root: ExpressionAst; segments: Segment[] } {
  const segments: Segment[] = [];
  let node = ast;
  while (node.kind === 'member' || node.kind === 'index') {
    segments.unshift(node.kind === 'member' ? { name: node.name } : { index: node.index });
    node = node.target;
  }
  return { root: node, segments };
}

/**
 * What `reference(arg)` / `listKeys(arg, …)` points at: the declared resource (symbolic name,
 * `resourceId(type, names…)` or `concat('Provider/type/', name)`), and the ARM type and names.
 */
export function target(arg: ExpressionAst | undefined, lookup: ResourceLookup): { resource?: ProgramResource; type?: string; names?: ExpressionAst[] } {
  if (!arg) return {};
  if (arg.kind === 'string' && !arg.value.includes('/')) return { resource: lookup.resource(undefined, arg.value.toLowerCase()) };
  if (arg.kind !== 'call' || arg.namespace) return {};
  const name = arg.name.toLowerCase();
  if (name === 'resourceid' && arg.args[0]?.kind === 'string' && arg.args[0].value.includes('/')) {
    const type = arg.args[0].value;
    const names = arg.args.slice(1);
    if (names.length !== type.split('/').length - 1) return {};
    return { type, names, resource: lookup.resource(type, names.map(astNameKey).join('/')) };
  }
  // concat('Microsoft.Storage/storageAccounts/', name): the older spelling of a resource id.
  const [head, tail, ...rest] = arg.args;
  if (name === 'concat' && head?.kind === 'string' && /^[\w.]+\/\w+\/$/.test(head.value) && tail && rest.length === 0) {
    const type = head.value.slice(0, -1);
    return { type, names: [tail], resource: lookup.resource(type, astNameKey(tail)) };
  }
  return {};
}

/**
 * `reference(…).a.b` of a declared resource: its output `a` (an Output), the rest read inside
 * `apply`. `reference(…, api, 'Full').properties.a` reads the same output.
 */
export function referenceOutput(
  resource: ProgramResource,
  full: boolean,
  segments: readonly Segment[],
  index: (ast: ExpressionAst) => Code | undefined,
): Code | undefined {
  let path = segments;
  const first = path[0];
  if (full && first && 'name' in first && first.name.toLowerCase() === 'properties') path = path.slice(1);
  const head = path[0];
  if (!head || !('name' in head)) return undefined;
  const output = outputProperty(resource.module, resource.className, head.name);
  if (!output) return undefined;
  const rest = steps(path.slice(1), index);
  if (rest === undefined) return undefined;
  const code = `${resource.object}.${output}`;
  return { code: rest === '' ? code : `${code}.apply((value) => value${rest})`, output: true };
}

/** `listKeys(<storage account>, api).keys[0].value` (and `.key1`, `.key2` of API 2015-06-15) → the azure-native invoke. */
export function storageAccountKeys(accountName: Code, segments: readonly Segment[], index: (ast: ExpressionAst) => Code | undefined): Code | undefined {
  const [first, ...rest] = segments;
  if (!first || !('name' in first)) return undefined;
  const legacy = /^key([12])$/i.exec(first.name);
  const path = legacy ? `.keys[${Number(legacy[1]) - 1}].value` : first.name.toLowerCase() === 'keys' ? steps(rest, index, '.keys') : undefined;
  if (path === undefined || (legacy && rest.length > 0)) return undefined;
  return {
    code: `storage.listStorageAccountKeysOutput({ resourceGroupName, accountName: ${accountName.code} }).apply((result) => result${path})`,
    output: true,
    type: 'string',
  };
}

/** Steps as optional chaining; undefined when an index has no translation. */
function steps(segments: readonly Segment[], index: (ast: ExpressionAst) => Code | undefined, prefix = ''): string | undefined {
  let code = prefix;
  for (const segment of segments) {
    if ('name' in segment) {
      code += `?.${segment.name.replace(/^[A-Z](?=[a-z])/, (letter) => letter.toLowerCase())}`;
      continue;
    }
    const value = index(segment.index);
    if (!value || value.output) return undefined;
    code += `?.[${value.code}]`;
  }
  return code;
}
