/** Find SAS tokens in extension settings and read their expiry (`se=`), without ever keeping the signature. */
import type { JsonPath } from '../source.js';
import { isUnknown } from '../unknown.js';

export interface SasToken {
  /** Path of the string that holds the URI. */
  path: JsonPath;
  /** The expiry, UTC. */
  expiry: Date;
  /** The expiry as written, decoded (a date or a date-time: never the signature). */
  expiryText: string;
}

const URL_PATTERN = /https?:\/\/[^\s"'<>`]+/gi;

/** Every URI with a SAS signature (`sig=`) and a readable expiry (`se=`) in the strings below `value`. */
export function findSasTokens(value: unknown, path: JsonPath, out: SasToken[] = []): SasToken[] {
  collectSasTokens(value, [...path], out, 0);
  return out;
}

/** `path` is borrowed (extended and restored in place): a token's path is copied, the walk allocates none per value. */
function collectSasTokens(value: unknown, path: Array<string | number>, out: SasToken[], depth: number): void {
  if (depth > 64 || value === null || value === undefined || isUnknown(value)) return;
  if (typeof value === 'string') {
    // A SAS token lives in a query string: most strings have none, and need no pattern run.
    if (!value.includes('?')) return;
    for (const match of value.matchAll(URL_PATTERN)) {
      const token = readToken(match[0]);
      if (token) out.push({ path: [...path], ...token });
    }
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      collectSasTokens(value[index], path, out, depth + 1);
      path.pop();
    }
  } else if (typeof value === 'object') {
    for (const key of Object.keys(value)) {
      path.push(key);
      collectSasTokens((value as Record<string, unknown>)[key], path, out, depth + 1);
      path.pop();
    }
  }
}

function readToken(uri: string): { expiry: Date; expiryText: string } | undefined {
  const query = uri.indexOf('?');
  if (query < 0) return undefined;
  let signed = false;
  let expiryText: string | undefined;
  for (const part of uri.slice(query + 1).split(/[&#]/)) {
    const cut = part.indexOf('=');
    const key = (cut < 0 ? part : part.slice(0, cut)).toLowerCase();
    if (key === 'sig' && cut > 0 && part.length > cut + 1) signed = true;
    else if (key === 'se' && cut > 0) expiryText = safeDecode(part.slice(cut + 1));
  }
  if (!signed || expiryText === undefined) return undefined;
  const expiry = parseSasTime(expiryText);
  return expiry ? { expiry, expiryText } : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** SAS times are UTC ISO 8601: `YYYY-MM-DD`, `YYYY-MM-DDThh:mmZ`, `YYYY-MM-DDThh:mm:ssZ` (fractions allowed). */
export function parseSasTime(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z)?$/.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return undefined;
  return Number.isNaN(date.getTime()) ? undefined : date;
}
