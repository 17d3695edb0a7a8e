/**
 * A fix that adds a missing property to a `.bicep` file: `name: value` on a new line of the
 * nearest object literal written on the path, with that object's indentation (nested objects for
 * the rest of the path). Only objects written over several lines (or empty `{}`) get one; a
 * one-line object or one whose `}` shares the last item's line has no fix rather than a reformat.
 */
import type { JsonPath, TextEdit } from '../template/json.js';
import type * as Ast from './ast.js';

export interface WrittenObjects {
  /** The object literal written at a document path. */
  get(path: JsonPath): Ast.ObjectLiteral | undefined;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function insertPropertyEdit(text: string, objects: WrittenObjects, path: JsonPath, value: unknown): TextEdit | undefined {
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const object = objects.get(path.slice(0, depth));
    if (!object) continue;
    const rest = path.slice(depth);
    if (!rest.every((segment): segment is string => typeof segment === 'string')) return undefined;
    // Present but not written literally (an expression, a spread): not ours to edit.
    if (object.properties.some((item) => item.kind !== 'resource' && (item.kind === 'spread' || keyOf(item)?.toLowerCase() === rest[0].toLowerCase())))
      return undefined;
    return insertInto(text, object, rest, value);
  }
  return undefined;
}

function insertInto(text: string, object: Ast.ObjectLiteral, keys: string[], value: unknown): TextEdit | undefined {
  const close = object.end - 1;
  const openLineIndent = indentOfLine(text, object.start);
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const unit = indentUnit(text);
  const last = object.properties[object.properties.length - 1];
  if (!last) {
    // `{}` (or `{` and `}` with only blanks between): written out over three lines.
    if (/\S/.test(text.slice(object.start + 1, close))) return undefined;
    const indent = openLineIndent + unit;
    return {
      offset: object.start,
      length: object.end - object.start,
      content: `{${eol}${indent}${entry(keys, value, indent, unit, eol)}${eol}${openLineIndent}}`,
    };
  }
  const lineEnd = endOfLine(text, last.end);
  // The closing brace on the last item's line (`a: 1 }`): no fix rather than reformatting.
  if (lineEnd > close) return undefined;
  const indent = indentOfLine(text, object.properties[0].start);
  if (/\S/.test(text.slice(lineStart(text, object.properties[0].start), object.properties[0].start))) return undefined;
  return { offset: lineEnd, length: 0, content: `${eol}${indent}${entry(keys, value, indent, unit, eol)}` };
}

/** `a: { b: value }` for the keys still missing, one property a line. */
function entry(keys: string[], value: unknown, indent: string, unit: string, eol: string): string {
  const [key, ...rest] = keys;
  const inner =
    rest.length === 0 ? bicepValue(value, indent, unit, eol) : `{${eol}${indent}${unit}${entry(rest, value, indent + unit, unit, eol)}${eol}${indent}}`;
  return `${IDENTIFIER.test(key) ? key : bicepString(key)}: ${inner}`;
}

export function bicepValue(value: unknown, indent: string, unit: string, eol: string): string {
  if (typeof value === 'string') return bicepString(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${eol}${value.map((item) => `${indent}${unit}${bicepValue(item, indent + unit, unit, eol)}`).join(eol)}${eol}${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{${eol}${entries.map(([key, item]) => `${indent}${unit}${IDENTIFIER.test(key) ? key : bicepString(key)}: ${bicepValue(item, indent + unit, unit, eol)}`).join(eol)}${eol}${indent}}`;
}

export function bicepString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

function keyOf(property: Ast.Property): string | undefined {
  if (typeof property.key === 'string') return property.key;
  return property.key.kind === 'string' ? property.key.value : undefined;
}

function lineStart(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

function indentOfLine(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset)))![0];
}

function endOfLine(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/** The file's indentation step: the first indented line's, else two spaces. */
function indentUnit(text: string): string {
  const indented = /^([ \t]+)\S/m.exec(text);
  return indented ? (indented[1].startsWith('\t') ? '\t' : ' '.repeat(Math.min(indented[1].length, 8))) : '  ';
}
