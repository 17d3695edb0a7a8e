/**
 * `.bicepparam` files: `using './main.bicep'` and `param name = value`. Literal values are read;
 * anything computed (`readEnvironmentVariable()`, `getSecret()`, references to other values) is
 * unknown: the linter runs where the deployment does not, so it cannot know them.
 */
import { Unknown } from '../model/unknown.js';
import type { ParseFailure } from '../template/json.js';
import { SourceDocument } from '../template/json.js';
import type * as Ast from './ast.js';
import { parseBicep } from './parser.js';

export type BicepParametersResult = { ok: true; values: Map<string, unknown>; using?: string } | { ok: false; error: ParseFailure };

export function readBicepParameters(file: string, rawText: string): BicepParametersResult {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const parsed = parseBicep(text, { params: true });
  if (parsed.errors.length > 0) {
    const position = new SourceDocument(file, text, undefined).positionAt(parsed.errors[0].offset);
    return { ok: false, error: { message: parsed.errors[0].message, ...position } };
  }
  const values = new Map<string, unknown>();
  let using: string | undefined;
  for (const statement of parsed.statements) {
    if (statement.kind === 'using') using = statement.path;
    if (statement.kind === 'param' && statement.value) values.set(statement.name.toLowerCase(), literalValue(statement.value, text));
  }
  return using === undefined ? { ok: true, values } : { ok: true, values, using };
}

function literalValue(expression: Ast.Expression, text: string): unknown {
  switch (expression.kind) {
    case 'string':
      return expression.value;
    case 'number':
    case 'literal':
      return expression.value;
    case 'unary':
      return expression.op === '-' && expression.operand.kind === 'number' ? -expression.operand.value : unknown(expression, text);
    case 'paren':
      return literalValue(expression.inner, text);
    case 'array':
      if (expression.items.some((item) => item.kind === 'spread')) return unknown(expression, text);
      return (expression.items as Ast.Expression[]).map((item) => literalValue(item, text));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const item of expression.properties) {
        if (item.kind !== 'property') return unknown(expression, text);
        const key = typeof item.key === 'string' ? item.key : item.key.kind === 'string' ? item.key.value : undefined;
        if (key === undefined) return unknown(expression, text);
        Object.defineProperty(out, key, { value: literalValue(item.value, text), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default:
      return unknown(expression, text);
  }
}

function unknown(span: Ast.Span, text: string): Unknown {
  return new Unknown(
    text.slice(span.start, Math.min(span.end, span.start + 80)),
    'computed in the parameters file (environment variables, secrets and expressions are not read)',
  );
}
