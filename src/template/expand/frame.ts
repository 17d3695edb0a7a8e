/** One deployment's declarations: the root template, or an inner-scope nested template. */
import type { UserFunction } from '../expression/scope.js';
import type { JsonPath, SourceDocument } from '../json.js';
import type { Unknown } from '../unknown.js';
import { VariableTable } from '../variable-table.js';
import type { NameScope } from '../model-free.js';
import { isObject, type Expansion, type Json } from './context.js';

export interface ParameterSlot {
  name: string;
  declaration: Json;
  /** The path of the template that declares it (its own path is made only when the default is evaluated). */
  templatePath: JsonPath;
  state: 'pending' | 'evaluating' | 'done';
  value?: unknown;
  provided: boolean;
  providedValue?: unknown;
  /** Parameters the default value reads (when tracking). */
  reads?: ReadonlySet<string>;
}

export class Frame {
  parameters = new Map<string, ParameterSlot>();
  variables = new VariableTable(undefined, []);
  readonly functions = new Map<string, UserFunction>();
  readonly symbolicNames = new Set<string>();
  /** The template whose parameters and variables this frame uses (an outer-scope frame: its parent's). */
  declaredBy: Json = {};
  private names?: NameScope;

  constructor(
    readonly expansion: Expansion,
    readonly document: SourceDocument,
    readonly templatePath: JsonPath,
    readonly deploymentName: string | Unknown,
    readonly depth: number,
    readonly deployments: string[],
  ) {}

  /** The names this frame's expressions can use, for model-free.ts (made once its declarations are in). */
  nameScope(): NameScope {
    return (this.names ??= { template: this.declaredBy, variables: this.variables, hasFunctions: this.functions.size > 0 });
  }
}

/** Register parameters, variables, functions and symbolic names of a template in a frame. */
export function declareFrame(frame: Frame, template: Json, provided: Map<string, unknown> | undefined): void {
  const base = frame.templatePath;
  frame.declaredBy = template;
  if (isObject(template.parameters)) {
    for (const [name, declaration] of Object.entries(template.parameters)) {
      if (!isObject(declaration)) continue;
      const key = name.toLowerCase();
      const slot: ParameterSlot = { name, declaration, templatePath: base, state: 'pending', provided: false };
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

export function declareFunctions(frame: Frame, functions: unknown): void {
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
