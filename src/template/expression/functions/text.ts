/**
 * Values as text, within the string cap: `string()` semantics, .NET composite formatting for
 * `format()`, and JSON read back by `json()`. Each is linear in what it reads and writes, and stops
 * as soon as the result would pass the cap (an array of a thousand 1 MB strings is never joined).
 */
import { EVALUATION_LIMITS, EvaluationLimitError, checkStringLength, reserveCharacters, type EvaluationBudget } from '../limits.js';
import { fail, isPlainObject } from '../runtime.js';
import { isUnknown } from '../../unknown.js';

/** Collects text and fails once it is longer than the string cap. */
class BoundedText {
  private readonly parts: string[] = [];
  private length = 0;

  constructor(private readonly what: string) {}

  write(text: string): void {
    this.length += text.length;
    checkStringLength(this.length, this.what);
    this.parts.push(text);
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** `string()` semantics: strings as they are, booleans as True/False, everything else as compact JSON. */
export function toText(value: unknown, budget: EvaluationBudget, what = 'string'): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (value === null || value === undefined) return '';
  const out = new BoundedText(what);
  writeJson(value, out, budget, what, 0);
  const text = out.toString();
  reserveCharacters(budget, text.length, what);
  return text;
}

/** JSON.stringify, written piece by piece; a value with unknown parts has no text. */
function writeJson(value: unknown, out: BoundedText, budget: EvaluationBudget, what: string, depth: number): void {
  budget.charge(1);
  if (depth > 256) throw new EvaluationLimitError(`${what} of a value nested deeper than 256 levels`);
  if (isUnknown(value)) fail(`${what} of a value that contains unknown parts`);
  if (Array.isArray(value)) {
    out.write('[');
    value.forEach((item, index) => {
      if (index > 0) out.write(',');
      writeJson(item, out, budget, what, depth + 1);
    });
    out.write(']');
  } else if (isPlainObject(value)) {
    out.write('{');
    let first = true;
    for (const key of Object.keys(value)) {
      if (value[key] === undefined) continue;
      if (!first) out.write(',');
      first = false;
      out.write(JSON.stringify(key));
      out.write(':');
      writeJson(value[key], out, budget, what, depth + 1);
    }
    out.write('}');
  } else if (value === undefined) {
    out.write('null');
  } else if (typeof value === 'object') {
    fail(`${what} of a value that is not JSON`);
  } else {
    out.write(JSON.stringify(value));
  }
}

/**
 * .NET composite formatting for the cases templates use: {0}, {0,5}, {0:D3}, {0:N0}, {0:X}, {{ }}.
 * A scanner rather than a regular expression: `{0:` repeated without a closing brace made the
 * regular expression rescan to the end from every `{` (quadratic).
 */
export function formatString(format: string, values: unknown[], budget: EvaluationBudget): string {
  const out = new BoundedText('format');
  let literalStart = 0;
  let closeAt = -2; // index of the next '}' at or after the scan position; -1 when there is none
  const nextClose = (from: number): number => {
    if (closeAt !== -1 && closeAt < from) closeAt = format.indexOf('}', from);
    return closeAt;
  };
  let i = 0;
  while (i < format.length) {
    const ch = format.charCodeAt(i);
    if ((ch === OPEN || ch === CLOSE) && format.charCodeAt(i + 1) === ch) {
      out.write(format.slice(literalStart, i + 1));
      i += 2;
      literalStart = i;
      continue;
    }
    const item = ch === OPEN ? readFormatItem(format, i, nextClose) : undefined;
    if (!item) {
      i += 1;
      continue;
    }
    out.write(format.slice(literalStart, i));
    if (item.index >= values.length) fail(`format: no argument {${item.index}}`);
    let text = formatValue(values[item.index], item.spec, budget);
    if (item.align !== undefined) {
      if (Math.abs(item.align) > EVALUATION_LIMITS.stringLength) throw new EvaluationLimitError(`format: alignment ${item.align} is wider than the string cap`);
      text = item.align < 0 ? text.padEnd(-item.align) : text.padStart(item.align);
    }
    out.write(text);
    i = item.end;
    literalStart = i;
  }
  out.write(format.slice(literalStart));
  return out.toString();
}

const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function digitsEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** `{index[,align][:spec]}` starting at `start`, or undefined when the text there is not one (it stays literal). */
function readFormatItem(
  format: string,
  start: number,
  nextClose: (from: number) => number,
): { index: number; align?: number; spec?: string; end: number } | undefined {
  let i = digitsEnd(format, start + 1);
  if (i === start + 1) return undefined;
  const index = Number(format.slice(start + 1, i));
  let align: number | undefined;
  if (format.charCodeAt(i) === COMMA) {
    const signed = format.charCodeAt(i + 1) === MINUS ? i + 2 : i + 1;
    const end = digitsEnd(format, signed);
    if (end === signed) return undefined;
    align = Number(format.slice(i + 1, end));
    i = end;
  }
  let spec: string | undefined;
  if (format.charCodeAt(i) === COLON) {
    const close = nextClose(i + 1);
    if (close < 0) return undefined;
    spec = format.slice(i + 1, close);
    i = close;
  }
  if (format.charCodeAt(i) !== CLOSE) return undefined;
  return { index, align, spec, end: i + 1 };
}

function formatValue(value: unknown, spec: string | undefined, budget: EvaluationBudget): string {
  if (typeof value === 'number' && spec) {
    const kind = spec[0].toUpperCase();
    const digits = spec.length > 1 ? Number(spec.slice(1)) : undefined;
    if (kind === 'D') return (value < 0 ? '-' : '') + String(Math.abs(Math.trunc(value))).padStart(digits ?? 0, '0');
    if (kind === 'N') return value.toLocaleString('en-US', { minimumFractionDigits: digits ?? 2, maximumFractionDigits: digits ?? 2 });
    if (kind === 'X') {
      const hex = Math.trunc(value)
        .toString(16)
        .padStart(digits ?? 0, '0');
      return spec[0] === 'X' ? hex.toUpperCase() : hex;
    }
    if (isAllZeros(spec)) return String(Math.trunc(value)).padStart(spec.length, '0');
  }
  return toText(value, budget, 'format');
}

function isAllZeros(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== 0x30) return false;
  return text.length > 0;
}

/** JSON text as a value; values nested deeper or larger than what templates hold are a limit. */
export function parseJson(text: string, budget: EvaluationBudget): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return fail('json: not valid JSON');
  }
  measureParsed(value, budget);
  return value;
}

/** Pay for every value parsed, and refuse nesting no template needs (walkers of values recurse). */
function measureParsed(root: unknown, budget: EvaluationBudget): void {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    budget.charge(1);
    if (value === null || typeof value !== 'object') continue;
    if (depth > 128) throw new EvaluationLimitError('json: a value nested deeper than 128 levels');
    const children = Array.isArray(value) ? value : Object.values(value);
    if (children.length > EVALUATION_LIMITS.collectionSize)
      throw new EvaluationLimitError(`json: more than ${EVALUATION_LIMITS.collectionSize.toLocaleString('en-US')} items`);
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
}
