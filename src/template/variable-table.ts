/**
 * A template's `variables`, declared lazily: a slot is made for a variable when an expression
 * first names it. A template can declare a million variables and read three; making a slot (and a
 * path) for each up front took seconds and hundreds of MB. Names are case-insensitive and the last
 * declaration of a name wins, `variables.copy` loops included, as when every slot was made first.
 */
import type { JsonPath } from './json.js';

type Json = Record<string, unknown>;

export interface VariableSlot {
  name: string;
  raw: unknown;
  path: JsonPath;
  /** A variable made by `variables.copy`. */
  copy?: Json;
  state: 'pending' | 'evaluating' | 'done';
  value?: unknown;
  /** Root parameters the value depends on (when tracking). */
  reads?: ReadonlySet<string>;
}

/** Where a lower-cased name is declared: a key of `variables` (a string: no object per name), or a loop of `variables.copy`. */
type Declaration = string | { copyKey: string; index: number };

export class VariableTable {
  private readonly slots = new Map<string, VariableSlot>();
  private declarations: Map<string, Declaration> | undefined;

  constructor(
    private readonly variables: Json | undefined,
    private readonly basePath: JsonPath,
  ) {}

  get(name: string): VariableSlot | undefined {
    const key = name.toLowerCase();
    let slot = this.slots.get(key);
    if (!slot) {
      slot = this.declare(key);
      if (slot) this.slots.set(key, slot);
    }
    return slot;
  }

  private declare(key: string): VariableSlot | undefined {
    const declaration = this.index().get(key);
    if (!declaration || !this.variables) return undefined;
    if (typeof declaration === 'string') {
      return { name: declaration, raw: this.variables[declaration], path: [...this.basePath, 'variables', declaration], state: 'pending' };
    }
    const loop = (this.variables[declaration.copyKey] as Json[])[declaration.index];
    return { name: String(loop.name), raw: loop.input, copy: loop, path: [...this.basePath, 'variables', 'copy', declaration.index], state: 'pending' };
  }

  /** One pass over the declared names, on first use. */
  private index(): Map<string, Declaration> {
    if (this.declarations) return this.declarations;
    const declarations = new Map<string, Declaration>();
    for (const key of this.variables ? Object.keys(this.variables) : []) {
      const raw = this.variables![key];
      if (key.toLowerCase() === 'copy' && Array.isArray(raw)) {
        raw.forEach((loop, index) => {
          if (isObject(loop) && typeof loop.name === 'string') declarations.set(loop.name.toLowerCase(), { copyKey: key, index });
        });
      } else declarations.set(key.toLowerCase(), key);
    }
    this.declarations = declarations;
    return declarations;
  }
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
