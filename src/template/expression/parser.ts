/** Tokenizer and recursive-descent parser for ARM expressions. */
import type { ExpressionAst } from './ast.js';
import { ExpressionError } from './scope.js';

const MAX_DEPTH = 100;
const MAX_LENGTH = 100_000;

type Token =
  | { type: 'string'; value: string; offset: number }
  | { type: 'number'; value: number; offset: number }
  | { type: 'identifier'; value: string; offset: number }
  | { type: 'punct'; value: '(' | ')' | '[' | ']' | ',' | '.'; offset: number }
  | { type: 'end'; offset: number };

/**
 * The rest of a token from its first character, matched by sticky regular expressions: V8 runs
 * them as native code, where a character loop in JavaScript runs in the interpreter for most of a
 * lint (the tokenizer is cold for the first few thousand expressions). `test` builds no match.
 * A string literal ends at a quote that is not doubled; a doubled quote is one quote of the value.
 */
const STRING_LITERAL = /'(?:[^']|'')*'(?!')/y;
const NUMBER_LITERAL = /-?[0-9][0-9.]*/y;
const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const DOUBLED_QUOTES = /''/g;

/** Match `pattern` at `start`; the end of the match, or -1. */
function matchAt(pattern: RegExp, text: string, start: number): number {
  pattern.lastIndex = start;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

export function tokenize(text: string): Token[] {
  if (text.length > MAX_LENGTH) throw new ExpressionError(`expression longer than ${MAX_LENGTH} characters`, 0);
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13) {
      i++;
    } else if (code === 39) {
      const end = matchAt(STRING_LITERAL, text, i);
      if (end < 0) throw new ExpressionError('unterminated string literal', i);
      const raw = text.slice(i + 1, end - 1);
      tokens.push({ type: 'string', value: raw.includes("''") ? raw.replace(DOUBLED_QUOTES, "'") : raw, offset: i });
      i = end;
    } else if (isDigit(code) || (code === 45 && isDigit(text.charCodeAt(i + 1)))) {
      const end = matchAt(NUMBER_LITERAL, text, i);
      const value = Number(text.slice(i, end));
      if (!Number.isFinite(value)) throw new ExpressionError(`invalid number '${text.slice(i, end)}'`, i);
      tokens.push({ type: 'number', value, offset: i });
      i = end;
    } else if (isIdentifierStart(code)) {
      const end = matchAt(IDENTIFIER, text, i);
      tokens.push({ type: 'identifier', value: text.slice(i, end), offset: i });
      i = end;
    } else if (code === 40 || code === 41 || code === 91 || code === 93 || code === 44 || code === 46) {
      tokens.push({ type: 'punct', value: text[i] as '(' | ')' | '[' | ']' | ',' | '.', offset: i });
      i++;
    } else {
      throw new ExpressionError(`unexpected character '${text[i]}'`, i);
    }
  }
  tokens.push({ type: 'end', offset: text.length });
  return tokens;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `[A-Za-z_$]`; with digits, `[\w$]`. */
function isIdentifierStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): ExpressionAst {
    const ast = this.expression(0);
    const next = this.peek();
    if (next.type !== 'end') throw new ExpressionError(`unexpected ${describe(next)} after the expression`, next.offset);
    return ast;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    return this.tokens[this.position++];
  }

  private expect(value: string): Token {
    const token = this.next();
    if (token.type !== 'punct' || token.value !== value) throw new ExpressionError(`expected '${value}' but found ${describe(token)}`, token.offset);
    return token;
  }

  private expression(depth: number): ExpressionAst {
    if (depth > MAX_DEPTH) throw new ExpressionError(`expression nested deeper than ${MAX_DEPTH} levels`, this.peek().offset);
    let ast = this.primary(depth);
    for (;;) {
      const token = this.peek();
      if (token.type === 'punct' && token.value === '.') {
        this.next();
        const name = this.next();
        if (name.type !== 'identifier') throw new ExpressionError(`expected a property name after '.' but found ${describe(name)}`, name.offset);
        ast = { kind: 'member', target: ast, name: name.value };
      } else if (token.type === 'punct' && token.value === '[') {
        this.next();
        const index = this.expression(depth + 1);
        this.expect(']');
        ast = { kind: 'index', target: ast, index };
      } else {
        return ast;
      }
    }
  }

  private primary(depth: number): ExpressionAst {
    const token = this.next();
    if (token.type === 'string') return { kind: 'string', value: token.value };
    if (token.type === 'number') return { kind: 'number', value: token.value };
    if (token.type !== 'identifier') throw new ExpressionError(`unexpected ${describe(token)}`, token.offset);
    const after = this.peek();
    // namespace.function(...) of a user-defined function
    if (after.type === 'punct' && after.value === '.' && this.peek(1).type === 'identifier' && isOpen(this.peek(2))) {
      this.next();
      const name = this.next() as Token & { value: string };
      return { kind: 'call', namespace: token.value, name: name.value, key: name.value.toLowerCase(), args: this.args(depth), offset: token.offset };
    }
    if (isOpen(after)) return { kind: 'call', name: token.value, key: token.value.toLowerCase(), args: this.args(depth), offset: token.offset };
    const lower = token.value.toLowerCase();
    if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true' };
    if (lower === 'null') return { kind: 'literal', value: null };
    throw new ExpressionError(`'${token.value}' is not a function call (missing '(')`, token.offset);
  }

  private args(depth: number): ExpressionAst[] {
    this.expect('(');
    const args: ExpressionAst[] = [];
    if (isClose(this.peek())) {
      this.next();
      return args;
    }
    for (;;) {
      args.push(this.expression(depth + 1));
      const token = this.next();
      if (token.type === 'punct' && token.value === ',') continue;
      if (token.type === 'punct' && token.value === ')') return args;
      throw new ExpressionError(`expected ',' or ')' but found ${describe(token)}`, token.offset);
    }
  }
}

function isOpen(token: Token): boolean {
  return token.type === 'punct' && token.value === '(';
}

function isClose(token: Token): boolean {
  return token.type === 'punct' && token.value === ')';
}

function describe(token: Token): string {
  if (token.type === 'end') return 'the end of the expression';
  // Never the literal itself: it may be a secret.
  if (token.type === 'string') return 'a string literal';
  return `'${token.value}'`;
}

const cache = new Map<string, ExpressionAst>();
const bracketedCache = new Map<string, ExpressionAst>();
const CACHE_LIMIT = 20_000;

/**
 * Parse a whole template expression string (`[...]`, as isExpressionText accepts it). Cached by
 * that string: a string read from JSON keeps its hash, while the slice between the brackets would
 * be a new string hashed again on every call (expressions are evaluated again for copy-loop
 * instances and allowedValues variants).
 */
export function parseBracketedExpression(text: string): ExpressionAst {
  let ast = bracketedCache.get(text);
  if (!ast) {
    ast = new Parser(tokenize(text.slice(1, -1))).parse();
    if (bracketedCache.size >= CACHE_LIMIT) bracketedCache.clear();
    bracketedCache.set(text, ast);
  }
  return ast;
}

/** Parse the text between the outer brackets without keeping the tree (a check that never evaluates it). */
export function parseExpressionUncached(text: string): ExpressionAst {
  return new Parser(tokenize(text)).parse();
}

/** Parse the text between the outer brackets. Throws ExpressionError on a syntax error. */
export function parseExpression(text: string): ExpressionAst {
  let ast = cache.get(text);
  if (!ast) {
    ast = new Parser(tokenize(text)).parse();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, ast);
  }
  return ast;
}
