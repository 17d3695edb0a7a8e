/** The syntax tree of an ARM template expression (the text between `[` and `]`). */

export type ExpressionAst =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  /** `key`: the name in lower case (function names are case-insensitive; computed once per parse, not per evaluation). */
  | { kind: 'call'; name: string; key: string; namespace?: string; args: ExpressionAst[]; offset: number }
  | { kind: 'member'; target: ExpressionAst; name: string }
  | { kind: 'index'; target: ExpressionAst; index: ExpressionAst }
  | { kind: 'literal'; value: boolean | null };

/** Print an AST back as expression text (used by property tests and in messages). */
export function printAst(ast: ExpressionAst): string {
  switch (ast.kind) {
    case 'string':
      return `'${ast.value.replace(/'/g, "''")}'`;
    case 'number':
      return String(ast.value);
    case 'literal':
      return String(ast.value);
    case 'call':
      return `${ast.namespace ? `${ast.namespace}.` : ''}${ast.name}(${ast.args.map(printAst).join(', ')})`;
    case 'member':
      return `${printAst(ast.target)}.${ast.name}`;
    case 'index':
      return `${printAst(ast.target)}[${printAst(ast.index)}]`;
  }
}
