/**
 * Bicep tokens. Unlike JSON, new lines are tokens (they end declarations and separate object and
 * array items). Strings with `${…}` holes are split into pieces with a mode stack, as Bicep's own
 * lexer does, so that `{`/`}` inside a hole nest correctly. Comments are trivia, except
 * `// patchwise-disable-next-line`, which is collected for suppressions.
 */
import type { CommentSpan } from '../template/json.js';

export type TokenType =
  | 'nl'
  | 'id'
  | 'num'
  /** A punctuator or operator; `value` holds it. */
  | 'p'
  /** `'…'` without holes. */
  | 'str'
  /** The piece before the first hole: `'a${`. */
  | 'strl'
  /** A piece between holes: `}b${`. */
  | 'strm'
  /** The last piece: `}c'`. */
  | 'strr'
  /** `'''…'''`, or `$'''…'''` without holes. */
  | 'mstr'
  | 'eof';

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  value: string;
}

export class LexError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const TWO_CHARACTER = new Set(['.?', '::', '=>', '==', '!=', '=~', '!~', '<=', '>=', '&&', '||', '??']);
const ONE_CHARACTER = new Set('{}[](),.:;@=<>+-*/%!?|^&');
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

export interface Lexed {
  tokens: Token[];
  comments: CommentSpan[];
}

export function lex(text: string): Lexed {
  const tokens: Token[] = [];
  const comments: CommentSpan[] = [];
  /** Open `${` holes (a number: the `$` count of a multi-line string's hole) and the `{` nested inside them. */
  const holes: Array<'hole' | '{' | number> = [];
  const n = text.length;
  let i = 0;
  const push = (type: TokenType, start: number, value = ''): void => {
    tokens.push({ type, start, end: i, value });
  };

  /**
   * Multi-line content from `i` up to the closing `'''` or the next hole: `${` after `$'''`,
   * `$${` after `$$'''` and so on (fewer dollars are text). No escapes in multi-line strings.
   */
  const scanMultiline = (start: number, dollars: number, first: boolean): void => {
    const hole = `${'$'.repeat(dollars)}{`;
    let value = '';
    while (i < n) {
      if (text.startsWith("'''", i)) {
        let end = i + 3;
        while (text[end] === "'") end++; // quotes right before the closing ''' belong to the content
        value += text.slice(i, end - 3);
        i = end;
        push(first ? 'mstr' : 'strr', start, value);
        return;
      }
      if (dollars > 0 && text.startsWith(hole, i)) {
        i += hole.length;
        push(first ? 'strl' : 'strm', start, value);
        holes.push(dollars);
        return;
      }
      value += text[i++];
    }
    throw new LexError('unterminated multi-line string', start);
  };

  /** After an opening `'''`: a new line right after it is not part of the value. */
  const skipFirstNewLine = (): void => {
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else if (text[i] === '\n' || text[i] === '\r') i++;
  };

  /** Read string content from `i` up to the closing quote or the next hole. */
  const scanString = (start: number, first: boolean): void => {
    let value = '';
    while (i < n) {
      const ch = text[i];
      if (ch === '\\') {
        const next = text[i + 1];
        if (next !== undefined && next in ESCAPES) {
          value += ESCAPES[next];
          i += 2;
          continue;
        }
        if (next === 'u' && text[i + 2] === '{') {
          const close = text.indexOf('}', i + 3);
          const code = close < 0 ? NaN : parseInt(text.slice(i + 3, close), 16);
          if (!Number.isInteger(code) || code > 0x10ffff || !/^[0-9a-fA-F]{1,6}$/.test(text.slice(i + 3, close)))
            throw new LexError('invalid unicode escape', i);
          value += String.fromCodePoint(code);
          i = close + 1;
          continue;
        }
        throw new LexError('invalid escape sequence', i);
      }
      if (ch === "'") {
        i++;
        push(first ? 'str' : 'strr', start, value);
        return;
      }
      if (ch === '$' && text[i + 1] === '{') {
        i += 2;
        push(first ? 'strl' : 'strm', start, value);
        holes.push('hole');
        return;
      }
      if (ch === '\n' || ch === '\r') throw new LexError('a string cannot span lines (use a multi-line string)', i);
      value += ch;
      i++;
    }
    throw new LexError('unterminated string', start);
  };

  while (i < n) {
    const ch = text[i];
    const start = i;
    if (ch === ' ' || ch === '\t' || ch === '\uFEFF' || ch === '\v' || ch === '\f') {
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      push('nl', start);
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      comments.push({ start, end: i, block: false });
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw new LexError('unterminated comment', i);
      i = close + 2;
      comments.push({ start, end: i, block: true });
      continue;
    }
    if (ch === '#' && /^#(disable-next-line|disable-diagnostics|restore-diagnostics)\b/.test(text.slice(i, i + 24))) {
      // Bicep's own diagnostics directives: trivia here.
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (ch === "'" && text.startsWith("'''", i)) {
      i += 3;
      skipFirstNewLine();
      scanMultiline(start, 0, true);
      continue;
    }
    if (ch === '$' && /^\$+'''/.test(text.slice(i, i + 12))) {
      const opening = i;
      while (text[i] === '$') i++;
      const dollars = i - opening;
      i += 3;
      skipFirstNewLine();
      scanMultiline(start, dollars, true);
      continue;
    }
    if (ch === "'") {
      i++;
      scanString(start, true);
      continue;
    }
    if (ch >= '0' && ch <= '9') {
      while (i < n && text[i] >= '0' && text[i] <= '9') i++;
      push('num', start, text.slice(start, i));
      continue;
    }
    if (isIdentifierStart(ch)) {
      while (i < n && isIdentifierPart(text[i])) i++;
      push('id', start, text.slice(start, i));
      continue;
    }
    const innermost = holes[holes.length - 1];
    if (ch === '}' && innermost === 'hole') {
      holes.pop();
      i++;
      scanString(start, false);
      continue;
    }
    if (ch === '}' && typeof innermost === 'number') {
      holes.pop();
      i++;
      scanMultiline(start, innermost, false);
      continue;
    }
    if (ch === '{') {
      if (holes.length > 0) holes.push('{');
      i++;
      push('p', start, '{');
      continue;
    }
    if (ch === '}') {
      if (holes.length > 0) holes.pop();
      i++;
      push('p', start, '}');
      continue;
    }
    if (text.startsWith('...', i)) {
      i += 3;
      push('p', start, '...');
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHARACTER.has(two)) {
      i += 2;
      push('p', start, two);
      continue;
    }
    if (ONE_CHARACTER.has(ch)) {
      i++;
      push('p', start, ch);
      continue;
    }
    throw new LexError('unexpected character', i);
  }
  push('eof', n);
  return { tokens, comments };
}

function isIdentifierStart(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_';
}

function isIdentifierPart(ch: string): boolean {
  return isIdentifierStart(ch) || (ch >= '0' && ch <= '9');
}
