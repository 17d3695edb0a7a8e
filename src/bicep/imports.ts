/**
 * Compile-time imports: `import { x, f as g } from './shared.bicep'`. Bicep copies the exported
 * variables and functions into the importing template; so does this, from the imported file's
 * lowered template. What they refer to in their own file (other variables, functions) comes
 * along under its own name; when such a name is already taken here, the imported value is
 * unknown rather than read through the wrong declaration. Registry imports (`br:`), wildcard
 * imports (`import * as ns`) and types are not read: their values stay unknown.
 */
import { Unknown } from '../model/unknown.js';
import type * as Ast from './ast.js';
import type { ResolvedModule } from './lower-template.js';

type Json = Record<string, unknown>;

export interface ImportedSymbols {
  /** Variables by their local name: imported ones and what they depend on. */
  variables: Map<string, unknown>;
  /** `__bicep` functions by their local name, likewise. */
  functions: Map<string, Json>;
  /** The names the importing file may use (aliases), with the import that declared them. */
  visible: Map<string, Ast.ImportDeclaration>;
}

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

export function readImports(
  statements: readonly Ast.Statement[],
  resolve: ((reference: string) => ResolvedModule) | undefined,
  declared: ReadonlySet<string>,
): ImportedSymbols {
  const out: ImportedSymbols = { variables: new Map(), functions: new Map(), visible: new Map() };
  if (!resolve) return out;
  for (const statement of statements) {
    if (statement.kind !== 'import' || !statement.from || /^(br|ts)[:/]/.test(statement.from) || statement.symbols.length === 0) continue;
    const resolved = resolve(statement.from);
    if (!('template' in resolved)) continue;
    const source = new SourceTemplate(resolved.template);
    for (const { name, alias } of statement.symbols) {
      const local = alias ?? name;
      if (declared.has(local) || out.visible.has(local)) continue;
      const isFunction = source.functions.has(name);
      if (!isFunction && !Object.hasOwn(source.variables, name)) continue; // a type
      const value = isFunction ? source.functions.get(name)! : source.variables[name];
      const dependencies = source.dependenciesOf(value);
      // A name this file gives to something else: the value would be read through it.
      const taken = (dependency: string, imported: Map<string, unknown>, own: unknown): boolean =>
        declared.has(dependency) || dependency === local || (imported.has(dependency) ? imported.get(dependency) !== own : out.visible.has(dependency));
      const clash =
        [...dependencies.variables].some((dependency) => taken(dependency, out.variables, source.variables[dependency])) ||
        [...dependencies.functions].some(
          (dependency) => !(isFunction && dependency === name) && taken(dependency, out.functions, source.functions.get(dependency)),
        );
      out.visible.set(local, statement);
      if (clash) {
        if (isFunction) out.visible.delete(local);
        else out.variables.set(local, new Unknown(local, `imported from ${statement.from}: what it refers to has another meaning here`));
        continue;
      }
      if (isFunction) out.functions.set(local, value as Json);
      else out.variables.set(local, value);
      for (const dependency of dependencies.variables) out.variables.set(dependency, source.variables[dependency]);
      for (const dependency of dependencies.functions)
        if (!(isFunction && dependency === name)) out.functions.set(dependency, source.functions.get(dependency)!);
    }
  }
  return out;
}

/** The imported file's template: its variables, its functions and what each refers to. */
class SourceTemplate {
  readonly variables: Json;
  readonly functions = new Map<string, Json>();

  constructor(template: Json) {
    this.variables = isObject(template.variables) ? template.variables : {};
    const namespaces = Array.isArray(template.functions) ? template.functions : [];
    for (const namespace of namespaces) {
      if (!isObject(namespace) || namespace.namespace !== '__bicep' || !isObject(namespace.members)) continue;
      for (const [name, member] of Object.entries(namespace.members)) if (isObject(member)) this.functions.set(name, member);
    }
  }

  /** Variables and functions `value` refers to, transitively (read from its ARM text). */
  dependenciesOf(value: unknown): { variables: Set<string>; functions: Set<string> } {
    const variables = new Set<string>();
    const functions = new Set<string>();
    const pending = [value];
    while (pending.length > 0) {
      const text = JSON.stringify(pending.pop()) ?? '';
      for (const match of text.matchAll(/variables\('((?:[^']|'')*)'\)/g)) {
        const name = match[1].replace(/''/g, "'");
        if (variables.has(name) || !Object.hasOwn(this.variables, name)) continue;
        variables.add(name);
        pending.push(this.variables[name]);
      }
      for (const match of text.matchAll(/__bicep\.([A-Za-z_][A-Za-z0-9_]*)\(/g)) {
        const name = match[1];
        if (functions.has(name) || !this.functions.has(name)) continue;
        functions.add(name);
        pending.push(this.functions.get(name));
      }
    }
    return { variables, functions };
  }
}
