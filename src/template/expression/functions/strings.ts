/** String functions. */
import { Unknown } from '../../unknown.js';
import { arr, checkedString, fail, int, isPlainObject, str, type FunctionImpl } from '../runtime.js';
import { deterministicGuid, uniqueString } from './hash.js';

function strict(min: number, max: number, call: (args: unknown[]) => unknown): FunctionImpl {
  return { min, max, call: (args) => call(args) };
}

/** .NET composite formatting for the cases templates use: {0}, {0:D3}, {0:N0}, {0:X}, {{ }}. */
export function formatString(format: string, values: unknown[]): string {
  return format.replace(/\{\{|\}\}|\{(\d+)(?:,(-?\d+))?(?::([^}]*))?\}/g, (match, index?: string, align?: string, spec?: string) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    const position = Number(index);
    if (position >= values.length) fail(`format: no argument {${position}}`);
    let text = formatValue(values[position], spec);
    if (align) {
      const width = Number(align);
      text = width < 0 ? text.padEnd(-width) : text.padStart(width);
    }
    return text;
  });
}

function formatValue(value: unknown, spec: string | undefined): string {
  if (typeof value === 'number' && spec) {
    const kind = spec[0].toUpperCase();
    const digits = spec.length > 1 ? Number(spec.slice(1)) : undefined;
    if (kind === 'D') return (value < 0 ? '-' : '') + String(Math.abs(Math.trunc(value))).padStart(digits ?? 0, '0');
    if (kind === 'N') return value.toLocaleString('en-US', { minimumFractionDigits: digits ?? 2, maximumFractionDigits: digits ?? 2 });
    if (kind === 'X') {
      const hex = Math.trunc(value).toString(16).padStart(digits ?? 0, '0');
      return spec[0] === 'X' ? hex.toUpperCase() : hex;
    }
    if (/^0+$/.test(spec)) return String(Math.trunc(value)).padStart(spec.length, '0');
  }
  return toText(value);
}

/** `string()` semantics: strings as they are, everything else as compact JSON. */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

function ensureKnownDeep(value: unknown, name: string): void {
  if (value instanceof Unknown) fail(`${name} of a value that contains unknown parts`);
  if (Array.isArray(value)) value.forEach((item) => ensureKnownDeep(item, name));
  else if (isPlainObject(value)) Object.values(value).forEach((item) => ensureKnownDeep(item, name));
}

export const STRING_FUNCTIONS: Record<string, FunctionImpl> = {
  format: strict(1, 64, ([format, ...values]) => {
    try {
      return checkedString(formatString(str(format, 'format'), values));
    } catch (error) {
      // Absurd widths or precisions ({0:N101}, {0,2000000000}) are the template's error, not ours.
      if (error instanceof RangeError) return fail(`format: ${error.message}`);
      throw error;
    }
  }),
  string: strict(1, 1, ([value]) => {
    ensureKnownDeep(value, 'string');
    return checkedString(toText(value));
  }),
  tolower: strict(1, 1, ([value]) => str(value, 'toLower').toLowerCase()),
  toupper: strict(1, 1, ([value]) => str(value, 'toUpper').toUpperCase()),
  trim: strict(1, 1, ([value]) => str(value, 'trim').trim()),
  replace: strict(3, 3, ([text, from, to]) => {
    const source = str(text, 'replace');
    const search = str(from, 'replace');
    return search === '' ? source : checkedString(source.split(search).join(str(to, 'replace')));
  }),
  split: strict(2, 2, ([text, delimiter]) => {
    const source = str(text, 'split');
    const delimiters = Array.isArray(delimiter) ? delimiter.map((d) => str(d, 'split')) : [str(delimiter, 'split')];
    let parts = [source];
    for (const d of delimiters.filter(Boolean)) parts = parts.flatMap((part) => part.split(d));
    return parts;
  }),
  substring: strict(1, 3, ([text, start, length]) => {
    const source = str(text, 'substring');
    const from = start === undefined ? 0 : int(start, 'substring');
    const count = length === undefined ? source.length - from : int(length, 'substring');
    if (from < 0 || count < 0 || from + count > source.length) fail('substring: index out of range');
    return source.substr(from, count);
  }),
  startswith: strict(2, 2, ([text, prefix]) => str(text, 'startsWith').toLowerCase().startsWith(str(prefix, 'startsWith').toLowerCase())),
  endswith: strict(2, 2, ([text, suffix]) => str(text, 'endsWith').toLowerCase().endsWith(str(suffix, 'endsWith').toLowerCase())),
  indexof: strict(2, 2, ([text, search]) => {
    if (Array.isArray(text)) return text.findIndex((item) => item === search);
    return str(text, 'indexOf').toLowerCase().indexOf(str(search, 'indexOf').toLowerCase());
  }),
  lastindexof: strict(2, 2, ([text, search]) => {
    if (Array.isArray(text)) return text.map((item) => item === search).lastIndexOf(true);
    return str(text, 'lastIndexOf').toLowerCase().lastIndexOf(str(search, 'lastIndexOf').toLowerCase());
  }),
  padleft: strict(2, 3, ([value, width, pad]) => {
    const text = typeof value === 'number' ? String(value) : str(value, 'padLeft');
    const padding = pad === undefined ? ' ' : str(pad, 'padLeft');
    const size = int(width, 'padLeft');
    if (size > 16 * 1024) fail('padLeft: width too large');
    return padding ? text.padStart(size, padding[0]) : text;
  }),
  uniquestring: strict(1, 64, (args) => uniqueString(args.map((arg) => str(arg, 'uniqueString')))),
  guid: strict(1, 64, (args) => deterministicGuid(args.map((arg) => str(arg, 'guid')))),
  base64: strict(1, 1, ([value]) => Buffer.from(str(value, 'base64'), 'utf8').toString('base64')),
  base64tostring: strict(1, 1, ([value]) => Buffer.from(str(value, 'base64ToString'), 'base64').toString('utf8')),
  base64tojson: strict(1, 1, ([value]) => parseJson(Buffer.from(str(value, 'base64ToJson'), 'base64').toString('utf8'))),
  uricomponent: strict(1, 1, ([value]) => encodeURIComponent(str(value, 'uriComponent'))),
  uricomponenttostring: strict(1, 1, ([value]) => {
    try {
      return decodeURIComponent(str(value, 'uriComponentToString'));
    } catch {
      return fail('uriComponentToString: malformed URI component');
    }
  }),
  uri: strict(2, 2, ([base, relative]) => {
    try {
      return new URL(str(relative, 'uri'), str(base, 'uri')).toString();
    } catch {
      return fail('uri: not a valid absolute URI');
    }
  }),
  datauri: strict(1, 1, ([value]) => `data:text/plain;charset=utf8;base64,${Buffer.from(toText(value), 'utf8').toString('base64')}`),
  datauritostring: strict(1, 1, ([value]) => {
    const match = /^data:[^,]*;base64,(.*)$/s.exec(str(value, 'dataUriToString'));
    if (!match) fail('dataUriToString: not a base64 data URI');
    return Buffer.from(match[1], 'base64').toString('utf8');
  }),
  json: strict(1, 1, ([value]) => parseJson(str(value, 'json'))),
  join: strict(2, 2, ([items, delimiter]) => checkedString(arr(items, 'join').map((item) => toText(item)).join(str(delimiter, 'join')))),
};

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text, (key, value) => value) as unknown;
  } catch {
    return fail('json: not valid JSON');
  }
}
