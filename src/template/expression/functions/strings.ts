/** String functions. */
import { checkStringLength, reserveCharacters, reserveItems } from '../limits.js';
import { arr, checkedString, fail, int, str, type EvalContext, type FunctionImpl } from '../runtime.js';
import { deterministicGuid, uniqueString } from './hash.js';
import { formatString, parseJson, toText } from './text.js';

function strict(min: number, max: number, call: (args: unknown[], context: EvalContext) => unknown): FunctionImpl {
  return { min, max, call };
}

/** `source` with every `search` replaced: the length is known before the string is built. */
function replaceAll(source: string, search: string, replacement: string, context: EvalContext): string {
  if (search === '') return source;
  let count = 0;
  for (let at = source.indexOf(search); at >= 0; at = source.indexOf(search, at + search.length)) count++;
  reserveCharacters(context.budget, source.length + count * (replacement.length - search.length), 'replace');
  return source.split(search).join(replacement);
}

/** Items joined with a delimiter: the length is checked as the items are turned into text. */
function joinItems(items: unknown[], delimiter: string, context: EvalContext): string {
  reserveItems(context.budget, items.length, 'join');
  let length = 0;
  const parts = items.map((item) => {
    const text = toText(item, context.budget, 'join');
    length += text.length + delimiter.length;
    checkStringLength(length, 'join');
    return text;
  });
  reserveCharacters(context.budget, length, 'join');
  return parts.join(delimiter);
}

/** A search through an array or a string costs its length (called in a loop, it adds up). */
function searchCost(container: unknown): number {
  if (Array.isArray(container)) return container.length;
  return typeof container === 'string' ? Math.ceil(container.length / 16) : 1;
}

function base64Length(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 3) * 4;
}

export const STRING_FUNCTIONS: Record<string, FunctionImpl> = {
  format: strict(1, 64, ([format, ...values], context) => {
    try {
      return checkedString(formatString(str(format, 'format'), values, context.budget), context, 'format');
    } catch (error) {
      // Absurd widths or precisions ({0:N101}, {0,2000000000}) are the template's error, not ours.
      if (error instanceof RangeError) return fail(`format: ${error.message}`);
      throw error;
    }
  }),
  string: strict(1, 1, ([value], context) => toText(value, context.budget)),
  tolower: strict(1, 1, ([value], context) => checkedString(str(value, 'toLower').toLowerCase(), context, 'toLower')),
  toupper: strict(1, 1, ([value], context) => checkedString(str(value, 'toUpper').toUpperCase(), context, 'toUpper')),
  trim: strict(1, 1, ([value]) => str(value, 'trim').trim()),
  replace: strict(3, 3, ([text, from, to], context) => replaceAll(str(text, 'replace'), str(from, 'replace'), str(to, 'replace'), context)),
  split: strict(2, 2, ([text, delimiter], context) => {
    const source = str(text, 'split');
    const delimiters = Array.isArray(delimiter) ? delimiter.map((d) => str(d, 'split')) : [str(delimiter, 'split')];
    let parts = [source];
    for (const d of delimiters.filter(Boolean)) parts = parts.flatMap((part) => part.split(d));
    reserveItems(context.budget, parts.length, 'split');
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
  indexof: strict(2, 2, ([text, search], { budget }) => {
    budget.charge(searchCost(text));
    if (Array.isArray(text)) return text.findIndex((item) => item === search);
    return str(text, 'indexOf').toLowerCase().indexOf(str(search, 'indexOf').toLowerCase());
  }),
  lastindexof: strict(2, 2, ([text, search], { budget }) => {
    budget.charge(searchCost(text));
    if (Array.isArray(text)) return text.lastIndexOf(search);
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
  base64: strict(1, 1, ([value], context) => {
    const text = str(value, 'base64');
    reserveCharacters(context.budget, base64Length(text), 'base64');
    return Buffer.from(text, 'utf8').toString('base64');
  }),
  base64tostring: strict(1, 1, ([value]) => Buffer.from(str(value, 'base64ToString'), 'base64').toString('utf8')),
  base64tojson: strict(1, 1, ([value], context) => parseJson(Buffer.from(str(value, 'base64ToJson'), 'base64').toString('utf8'), context.budget)),
  uricomponent: strict(1, 1, ([value], context) => checkedString(encodeURIComponent(str(value, 'uriComponent')), context, 'uriComponent')),
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
  datauri: strict(1, 1, ([value], context) => {
    const text = toText(value, context.budget, 'dataUri');
    reserveCharacters(context.budget, base64Length(text), 'dataUri');
    return `data:text/plain;charset=utf8;base64,${Buffer.from(text, 'utf8').toString('base64')}`;
  }),
  datauritostring: strict(1, 1, ([value]) => {
    const match = /^data:[^,]*;base64,(.*)$/s.exec(str(value, 'dataUriToString'));
    if (!match) fail('dataUriToString: not a base64 data URI');
    return Buffer.from(match[1], 'base64').toString('utf8');
  }),
  json: strict(1, 1, ([value], context) => parseJson(str(value, 'json'), context.budget)),
  join: strict(2, 2, ([items, delimiter], context) => joinItems(arr(items, 'join'), str(delimiter, 'join'), context)),
};
