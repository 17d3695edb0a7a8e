/**
 * Secrets never reach an output. Two layers:
 *
 * - `redactSecrets`: patterns for secrets that announce themselves in any text (SAS signatures,
 *   also URL-encoded; connection-string keys and passwords; bearer tokens). Every byte patchwise
 *   prints or writes passes through it at the output boundary (see cli/output.ts).
 * - `redactJsonText`: template text shown as text (the `--fix-dry-run` diff, fix edits): the
 *   values of secret-looking properties and everything inside `protectedSettings`, `customData`
 *   and `userData` are replaced, whatever they look like.
 */
import { decodeJsonStringBody } from '../template/arm-json.js';

const VALUE_END = `[^&;\\s"'<>\\\\]`;
const PATTERNS: Array<[RegExp, string]> = [
  // `sig=` after `?`, `&`, `%26`, `%3F`, a quote or the start; also `sig%3D`. The value may hold `%2B`-style escapes.
  [new RegExp(`(^|[^A-Za-z]|%3F)(sig(?:=|%3D))${VALUE_END}+`, 'gi'), '$1$2REDACTED'],
  [new RegExp(`((?:AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)\\s*=\\s*)${VALUE_END}+`, 'gi'), '$1REDACTED'],
  [/(\b(?:password|passwd|pwd)\s*:\s*)[^;\s"'<>\\,]+/gi, '$1REDACTED'],
  [/(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/g, '$1REDACTED'],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

export const REDACTED = 'REDACTED';

/** Everything below these keys is secret (extension secrets, boot scripts). */
const SECRET_CONTAINERS = /^(protectedSettings|customData|userData)$/i;
/** Values of these keys are secret. */
const SECRET_KEYS = /(password|passwd|pwd|secret|token|credential|connectionString|accountKey|sharedKey|privateKey|apiKey|sasUrl|sasUri|key$)/i;
/** Keys that describe a secret without holding it (`"adminPassword": { "type": "securestring" }`). */
const DESCRIPTIVE_KEYS = /^(type|description|minLength|maxLength)$/i;

interface Level {
  /** Scalars inside are secret: all of them (a container), or all but descriptive keys (a secret-named key). */
  secret: false | 'all' | 'values';
  /** The key of the value being read at this level (objects). */
  key?: string;
  /** The key is a declaration's name (`param NAME`, `const NAME`): it holds until the line ends. */
  declared?: boolean;
  /** The declaration is `@secure()`: its value is secret whatever its name. */
  secure?: boolean;
}

/**
 * Replace secret values in JSON-like text (a whole template, or a fragment such as a fix edit).
 * Tolerant: comments, raw line breaks in strings and unbalanced brackets are fine. Keys, layout
 * and everything else are kept, so a diff of two redacted texts shows the same change.
 */
export function redactJsonText(text: string): string {
  return redactStructured(text, JSON_SYNTAX);
}

/**
 * The same for any template source the linter reads: JSON, Bicep (`key: 'value'`, single
 * quotes) and TypeScript (`key: "value"`, `'value'` or a template literal), by file name.
 */
export function redactSourceText(text: string, file: string): string {
  if (/\.bicep(param)?$/i.test(file)) return redactStructured(text, BICEP_SYNTAX);
  if (/\.[cm]?ts$/i.test(file)) return redactStructured(text, TYPESCRIPT_SYNTAX);
  return redactJsonText(text);
}

interface Syntax {
  /** Characters that open (and close) a string. */
  quotes: string;
  /** Property names may be bare identifiers (`adminPassword: …`). */
  identifierKeys: boolean;
  /** Keywords whose next name holds a value as a key does (`param adminPassword string = '…'`). */
  declarations?: ReadonlySet<string>;
}

const JSON_SYNTAX: Syntax = { quotes: '"', identifierKeys: false };
const BICEP_SYNTAX: Syntax = { quotes: "'", identifierKeys: true, declarations: new Set(['param', 'var', 'output']) };
const TYPESCRIPT_SYNTAX: Syntax = { quotes: '"\'`', identifierKeys: true, declarations: new Set(['const', 'let', 'var']) };
const IDENTIFIER_START = /[A-Za-z_$]/;
const IDENTIFIER_PART = /[\w$]/;

function redactStructured(text: string, syntax: Syntax): string {
  const out: string[] = [];
  const stack: Level[] = [{ secret: false }];
  const secretness = (key: string | undefined): Level['secret'] => {
    if (key === undefined) return false;
    if (SECRET_CONTAINERS.test(key)) return 'all';
    return SECRET_KEYS.test(key) && !DESCRIPTIVE_KEYS.test(key) ? 'values' : false;
  };
  let from = 0;
  let i = 0;
  const top = () => stack[stack.length - 1];
  let declaring = false;
  let secureNext = false;
  const secretValue = () => {
    const { secret, key } = top();
    if (secret === 'all' || top().secure) return true;
    if (secret === 'values') return key === undefined || !DESCRIPTIVE_KEYS.test(key);
    return secretness(key) !== false;
  };
  while (i < text.length) {
    const ch = text[i];
    if (syntax.quotes.includes(ch)) {
      const end = stringEnd(text, i, ch);
      if (isKey(text, end)) {
        top().key = decodeJsonStringBody(text.slice(i + 1, end - 1));
      } else if (secretValue()) {
        out.push(text.slice(from, i + 1), REDACTED, ch);
        from = end;
      }
      i = end;
    } else if (syntax.identifierKeys && IDENTIFIER_START.test(ch) && !IDENTIFIER_PART.test(text[i - 1] ?? '')) {
      // A bare name: a property name before `:`, else a reference or keyword (never itself a secret).
      let end = i + 1;
      while (end < text.length && IDENTIFIER_PART.test(text[end])) end++;
      const name = text.slice(i, end);
      if (declaring) {
        Object.assign(top(), { key: name, declared: true, secure: secureNext });
        declaring = secureNext = false;
      } else if (isKey(text, end)) top().key = name;
      else if (syntax.declarations?.has(name)) declaring = true;
      else if (name === 'secure' && text[i - 1] === '@') secureNext = true;
      i = end;
    } else if ((ch === '\n' || ch === '\r') && top().declared) {
      // A declaration ends with its line: what follows is not its value.
      Object.assign(top(), { key: undefined, declared: false, secure: false });
      i++;
    } else if (ch === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      i = commentEnd(text, i);
    } else if (ch === '{' || ch === '[') {
      const level = top();
      const own = secretness(level.key);
      stack.push({ secret: level.secret === 'all' || own === 'all' ? 'all' : level.secret || own });
      i++;
    } else if (ch === '}' || ch === ']') {
      if (stack.length > 1) stack.pop();
      i++;
    } else if ((syntax.identifierKeys ? /[-0-9]/ : /[-0-9tfn]/).test(ch) && secretValue()) {
      // A number or literal under a secret key: `"pin": 1234`.
      let end = i;
      while (end < text.length && /[-+.0-9eEtruefalsn]/.test(text[end])) end++;
      out.push(text.slice(from, i), `"${REDACTED}"`);
      from = end;
      i = end;
    } else {
      i++;
    }
  }
  out.push(text.slice(from));
  return out.join('');
}

/** Offset just past the closing quote (or the end of the text for an unterminated string). */
function stringEnd(text: string, start: number, quote = '"'): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i + 1;
  }
  return text.length;
}

function commentEnd(text: string, start: number): number {
  if (text[start + 1] === '/') {
    let i = start + 2;
    while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    return i;
  }
  const end = text.indexOf('*/', start + 2);
  return end < 0 ? text.length : end + 2;
}

/** A string followed by `:` (after white space) is a property name. */
function isKey(text: string, after: number): boolean {
  let i = after;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r' || text[i] === '\n')) i++;
  return text[i] === ':';
}
