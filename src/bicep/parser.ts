/**
 * Recursive-descent parser for Bicep (`.bicep` and `.bicepparam`), following the rules of Bicep's
 * own parser rather than its published grammar: new lines end declarations and separate object
 * and array items; call arguments and parentheses allow new lines only at item boundaries; `?`
 * and `:` of a ternary and `|` of a union type may start the next line. A declaration that does
 * not parse is reported and skipped; the following declarations are still read. Never throws.
 */
import type * as Ast from './ast.js';
import { lex, LexError, type Token } from './lexer.js';

/** Deeper nesting is reported as a syntax error instead of overflowing the stack. */
export const MAX_NESTING = 200;

const BINARY_PRECEDENCE: Record<string, number> = {
  '%': 100,
  '*': 100,
  '/': 100,
  '+': 90,
  '-': 90,
  '>': 80,
  '>=': 80,
  '<': 80,
  '<=': 80,
  '==': 70,
  '!=': 70,
  '=~': 70,
  '!~': 70,
  '&&': 50,
  '||': 40,
  '??': 30,
};
const DECLARATION_KEYWORDS = new Set([
  'targetScope',
  'metadata',
  'param',
  'var',
  'type',
  'func',
  'resource',
  'module',
  'output',
  'import',
  'extension',
  'provider',
  'using',
  'extends',
  'test',
  'assert',
]);

class ParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export interface ParseOptions {
  /** `.bicepparam`: `param x = value` assignments. */
  params?: boolean;
}

export function parseBicep(text: string, options: ParseOptions = {}): Ast.BicepFile {
  let lexed;
  try {
    lexed = lex(text);
  } catch (error) {
    if (error instanceof LexError) return { statements: [], errors: [{ message: error.message, offset: error.offset }], comments: [] };
    throw error;
  }
  const parser = new Parser(lexed.tokens, options.params ?? false);
  const statements: Ast.Statement[] = [];
  const errors: Ast.SyntaxError[] = [];
  for (;;) {
    parser.skipNewLines();
    if (parser.peek().type === 'eof') break;
    const start = parser.position;
    try {
      statements.push(parser.statement());
      const after = parser.peek();
      if (after.type !== 'nl' && after.type !== 'eof') parser.fail('expected a new line after the declaration');
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      errors.push({ message: error.message, offset: error.offset });
      parser.recover(start);
    }
  }
  return { statements, errors, comments: lexed.comments };
}

class Parser {
  position = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly params: boolean,
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (this.position < this.tokens.length - 1) this.position++;
    return token;
  }

  private is(value: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.type === 'p' && token.value === value;
  }

  private isWord(value?: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.type === 'id' && (value === undefined || token.value === value);
  }

  private isString(ahead = 0): boolean {
    const type = this.peek(ahead).type;
    return type === 'str' || type === 'strl' || type === 'mstr';
  }

  private expect(value: string): Token {
    if (!this.is(value)) this.fail(`expected '${value}'`);
    return this.next();
  }

  private expectWord(value?: string): Token {
    if (!this.isWord(value)) this.fail(value ? `expected '${value}'` : 'expected a name');
    return this.next();
  }

  skipNewLines(): void {
    while (this.peek().type === 'nl') this.position++;
  }

  /** The next token that is not a new line, without consuming anything. */
  private peekPastNewLines(): Token {
    let k = this.position;
    while (this.tokens[k].type === 'nl') k++;
    return this.tokens[k];
  }

  fail(message: string): never {
    throw new ParseError(message, this.peek().start);
  }

  /** The span from the token at `start` to the last token consumed. */
  private span(start: number): Ast.Span {
    const last = this.tokens[Math.max(this.position - 1, start)];
    return { start: this.tokens[start].start, end: last.end };
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) this.fail(`nested deeper than ${MAX_NESTING} levels`);
  }

  private leave(): void {
    this.depth--;
  }

  /**
   * Skip to the next line after the failed declaration's start that begins with a declaration
   * keyword (not a property of that name) or a decorator: an unclosed bracket must not swallow
   * the declarations after it.
   */
  recover(start: number): void {
    this.depth = 0;
    let k = start + 1;
    for (; k < this.tokens.length - 1; k++) {
      if (this.tokens[k].type !== 'nl') continue;
      const next = this.tokens[k + 1];
      const after = this.tokens[Math.min(k + 2, this.tokens.length - 1)];
      if (next.type === 'id' && DECLARATION_KEYWORDS.has(next.value) && !(after.type === 'p' && after.value === ':')) break;
      if (next.type === 'p' && next.value === '@') break;
    }
    this.position = Math.min(k, this.tokens.length - 1);
  }

  // ---- declarations --------------------------------------------------------------------------

  private decorators(): Ast.Decorator[] {
    const out: Ast.Decorator[] = [];
    while (this.is('@')) {
      const start = this.position;
      this.next();
      let name = this.expectWord().value;
      if (this.is('.')) {
        this.next(); // `sys.description`: the namespace is dropped
        name = this.expectWord().value;
      }
      const args = this.is('(') ? this.argumentList() : [];
      out.push({ name, args, ...this.span(start) });
      if (this.peek().type !== 'nl') this.fail('expected a new line after a decorator');
      this.skipNewLines();
    }
    return out;
  }

  statement(): Ast.Statement {
    const start = this.position;
    const decorators = this.decorators();
    const keyword = this.peek();
    if (keyword.type !== 'id') this.fail('expected a declaration');
    switch (keyword.value) {
      case 'param':
        return this.parameter(start, decorators);
      case 'var': {
        this.next();
        const name = this.expectWord();
        if (!this.is('=')) this.typeExpression();
        this.expect('=');
        const value = this.expression();
        return { kind: 'var', decorators, name: name.value, nameSpan: name, value, ...this.span(start) };
      }
      case 'resource':
        return this.resource(start, decorators);
      case 'module': {
        this.next();
        const name = this.expectWord();
        const path = this.stringLiteral();
        this.expect('=');
        const body = this.declarationBody();
        return { kind: 'module', decorators, name: name.value, nameSpan: name, path, body, ...this.span(start) };
      }
      case 'output': {
        this.next();
        const name = this.expectWord();
        if (this.isWord('resource') && this.isString(1)) {
          this.next();
          this.stringLiteral();
        } else this.typeExpression();
        this.expect('=');
        const value = this.expression();
        return { kind: 'output', decorators, name: name.value, nameSpan: name, value, ...this.span(start) };
      }
      case 'func':
        return this.functionDeclaration(start, decorators);
      case 'import':
        return this.importDeclaration(start, decorators);
      case 'using': {
        this.next();
        const path = this.isWord('none') ? (this.next(), undefined) : this.stringLiteral();
        if (this.isWord('with')) {
          this.next();
          this.object();
        }
        return { kind: 'using', decorators, path: path?.kind === 'string' ? path.value : undefined, ...this.span(start) };
      }
      case 'type': {
        this.next();
        const name = this.expectWord().value;
        this.expect('=');
        this.typeExpression();
        return { kind: 'other', keyword: 'type', decorators, name, ...this.span(start) };
      }
      case 'targetScope':
      case 'metadata':
      case 'assert': {
        this.next();
        const name = keyword.value === 'targetScope' ? undefined : this.expectWord().value;
        this.expect('=');
        const value = this.expression();
        return { kind: 'other', keyword: keyword.value, decorators, name, value, ...this.span(start) };
      }
      case 'extension':
      case 'provider': {
        this.next();
        if (this.isString()) this.stringLiteral();
        else this.expectWord();
        this.importOptions();
        return { kind: 'other', keyword: keyword.value, decorators, ...this.span(start) };
      }
      case 'extends': {
        this.next();
        this.stringLiteral();
        return { kind: 'other', keyword: 'extends', decorators, ...this.span(start) };
      }
      case 'test': {
        this.next();
        const name = this.expectWord().value;
        this.stringLiteral();
        this.expect('=');
        this.object();
        return { kind: 'other', keyword: 'test', decorators, name, ...this.span(start) };
      }
      default:
        return this.fail(`unknown declaration '${keyword.value}'`);
    }
  }

  private parameter(start: number, decorators: Ast.Decorator[]): Ast.ParameterDeclaration {
    this.next();
    const name = this.expectWord();
    const common = { kind: 'param' as const, decorators, name: name.value, nameSpan: { start: name.start, end: name.end } };
    if (this.params || this.is('=')) {
      this.expect('=');
      const value = this.expression();
      return { ...common, value, ...this.span(start) };
    }
    let type: Ast.TypeExpression;
    if (this.isWord('resource') && this.isString(1)) {
      const typeStart = this.position;
      this.next();
      this.stringLiteral();
      type = { kind: 'type', name: 'string', nullable: false, ...this.span(typeStart) };
    } else type = this.typeExpression();
    const value = this.is('=') ? (this.next(), this.expression()) : undefined;
    return { ...common, type, value, ...this.span(start) };
  }

  resource(start: number, decorators: Ast.Decorator[]): Ast.ResourceDeclaration {
    this.expectWord('resource');
    const name = this.expectWord();
    const type = this.stringLiteral();
    const existing = this.isWord('existing') ? (this.next(), true) : false;
    this.expect('=');
    const body = this.declarationBody();
    return { kind: 'resource', decorators, name: name.value, nameSpan: { start: name.start, end: name.end }, type, existing, body, ...this.span(start) };
  }

  private functionDeclaration(start: number, decorators: Ast.Decorator[]): Ast.FunctionDeclaration {
    this.next();
    const name = this.expectWord();
    this.expect('(');
    this.skipNewLines();
    const parameters: string[] = [];
    while (!this.is(')')) {
      parameters.push(this.expectWord().value);
      this.typeExpression();
      this.skipNewLines();
      if (!this.is(',')) break;
      this.next();
      this.skipNewLines();
    }
    this.expect(')');
    this.typeExpression();
    this.expect('=>');
    this.skipNewLines();
    const body = this.expression();
    return { kind: 'func', decorators, name: name.value, nameSpan: { start: name.start, end: name.end }, parameters, body, ...this.span(start) };
  }

  private importDeclaration(start: number, decorators: Ast.Decorator[]): Ast.ImportDeclaration {
    this.next();
    if (this.is('{')) {
      this.next();
      this.skipNewLines();
      const symbols: Array<{ name: string; alias?: string }> = [];
      while (!this.is('}')) {
        const name = this.expectWord().value;
        const alias = this.isWord('as') ? (this.next(), this.expectWord().value) : undefined;
        symbols.push(alias ? { name, alias } : { name });
        // Names are separated by commas, new lines or both.
        const newLine = this.peek().type === 'nl';
        this.skipNewLines();
        if (this.is(',')) {
          this.next();
          this.skipNewLines();
        } else if (!newLine) break;
      }
      this.expect('}');
      this.expectWord('from');
      const from = this.stringLiteral();
      return { kind: 'import', decorators, symbols, from: from.kind === 'string' ? from.value : undefined, ...this.span(start) };
    }
    if (this.is('*')) {
      this.next();
      this.expectWord('as');
      const wildcard = this.expectWord().value;
      this.expectWord('from');
      const from = this.stringLiteral();
      return { kind: 'import', decorators, symbols: [], wildcard, from: from.kind === 'string' ? from.value : undefined, ...this.span(start) };
    }
    // The older provider form: `import 'az@1.0.0' [with {…}] [as name]`.
    this.stringLiteral();
    this.importOptions();
    return { kind: 'import', decorators, symbols: [], ...this.span(start) };
  }

  private importOptions(): void {
    if (this.isWord('with')) {
      this.next();
      this.object();
    }
    if (this.isWord('as')) {
      this.next();
      this.expectWord();
    }
  }

  private declarationBody(): Ast.DeclarationBody {
    if (this.isWord('if')) return this.ifBody();
    if (this.is('{')) return this.object();
    if (this.is('[')) return this.forExpression();
    return this.fail("expected '{', 'if' or '[for'");
  }

  private ifBody(): Ast.IfBody {
    const start = this.position;
    this.expectWord('if');
    const condition = this.parenthesized();
    const body = this.object();
    return { kind: 'if', condition, body, ...this.span(start) };
  }

  private forExpression(): Ast.ForExpression {
    const start = this.position;
    this.enter();
    this.expect('[');
    this.skipNewLines();
    this.expectWord('for');
    let item: string | undefined;
    let index: string | undefined;
    if (this.is('(')) {
      this.next();
      item = this.expectWord().value;
      this.expect(',');
      index = this.expectWord().value;
      this.expect(')');
    } else item = this.expectWord().value;
    this.expectWord('in');
    const source = this.expression();
    this.expect(':');
    const body = this.isWord('if') ? this.ifBody() : this.expression();
    this.skipNewLines();
    this.expect(']');
    this.leave();
    return { kind: 'for', item, index, source, body, ...this.span(start) };
  }

  // ---- expressions ---------------------------------------------------------------------------

  expression(): Ast.Expression {
    const start = this.position;
    this.enter();
    const condition = this.binary(0);
    const question = this.peekPastNewLines();
    if (question.type !== 'p' || question.value !== '?') {
      this.leave();
      return condition;
    }
    this.skipNewLines();
    this.next();
    this.skipNewLines();
    const whenTrue = this.expression();
    const colon = this.peekPastNewLines();
    if (colon.type === 'p' && colon.value === ':') this.skipNewLines();
    this.expect(':');
    this.skipNewLines();
    const whenFalse = this.expression();
    this.leave();
    return { kind: 'ternary', condition, whenTrue, whenFalse, ...this.span(start) };
  }

  private binary(precedence: number): Ast.Expression {
    const start = this.position;
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      const own = token.type === 'p' ? BINARY_PRECEDENCE[token.value] : undefined;
      if (own === undefined || own <= precedence) return left;
      this.next();
      this.skipNewLines();
      this.enter();
      const right = this.binary(own);
      this.leave();
      left = { kind: 'binary', op: token.value, left, right, ...this.span(start) };
    }
  }

  private unary(): Ast.Expression {
    const start = this.position;
    if (this.is('!') || this.is('-') || this.is('+')) {
      const op = this.next().value as '!' | '-' | '+';
      this.enter();
      const operand = this.unary();
      this.leave();
      return { kind: 'unary', op, operand, ...this.span(start) };
    }
    return this.postfix(this.primary(), start);
  }

  private postfix(target: Ast.Expression, start: number): Ast.Expression {
    for (;;) {
      if (this.is('[')) {
        this.next();
        const safe = this.is('?') ? (this.next(), true) : false;
        const fromEnd = this.is('^') ? (this.next(), true) : false;
        const index = this.expression();
        this.expect(']');
        target = { kind: 'index', target, index, safe, fromEnd, ...this.span(start) };
      } else if (this.is('.') || this.is('.?')) {
        const safe = this.next().value === '.?';
        const name = this.expectWord().value;
        if (this.is('(')) target = { kind: 'call', name, target, args: this.argumentList(), ...this.span(start) };
        else target = { kind: 'member', target, name, safe, ...this.span(start) };
      } else if (this.is('::')) {
        this.next();
        target = { kind: 'nested', target, name: this.expectWord().value, ...this.span(start) };
      } else if (this.is('!')) {
        this.next();
        target = { kind: 'nonNull', target, ...this.span(start) };
      } else return target;
    }
  }

  /** `( item, item … )`, new lines allowed around items. */
  private argumentList(): Ast.Expression[] {
    this.expect('(');
    this.skipNewLines();
    const out: Ast.Expression[] = [];
    while (!this.is(')')) {
      out.push(this.expression());
      this.skipNewLines();
      if (!this.is(',')) break;
      this.next();
      this.skipNewLines();
    }
    this.expect(')');
    return out;
  }

  private parenthesized(): Ast.Expression {
    this.expect('(');
    this.skipNewLines();
    const inner = this.expression();
    this.skipNewLines();
    this.expect(')');
    return inner;
  }

  private primary(): Ast.Expression {
    const start = this.position;
    const token = this.peek();
    if (token.type === 'num') {
      this.next();
      return { kind: 'number', value: Number(token.value), ...this.span(start) };
    }
    if (token.type === 'str' || token.type === 'strl' || token.type === 'mstr') return this.stringNode();
    if (token.type === 'id') {
      this.next();
      if (token.value === 'true' || token.value === 'false') return { kind: 'literal', value: token.value === 'true', ...this.span(start) };
      if (token.value === 'null') return { kind: 'literal', value: null, ...this.span(start) };
      if (this.is('(')) return { kind: 'call', name: token.value, args: this.argumentList(), ...this.span(start) };
      if (this.is('=>')) {
        this.next();
        this.skipNewLines();
        const body = this.expression();
        return { kind: 'lambda', parameters: [token.value], body, ...this.span(start) };
      }
      return { kind: 'ref', name: token.value, ...this.span(start) };
    }
    if (this.is('{')) return this.object();
    if (this.is('[')) {
      let k = this.position + 1;
      while (this.tokens[k].type === 'nl') k++;
      const after = this.tokens[k];
      return after.type === 'id' && after.value === 'for' ? this.forExpression() : this.array();
    }
    if (this.is('(')) return this.parenthesizedOrLambda(start);
    return this.fail('expected an expression');
  }

  private parenthesizedOrLambda(start: number): Ast.Expression {
    // `(a, b) => …` and `(x)` share the form of an argument list.
    const items = this.argumentList();
    if (this.is('=>')) {
      this.next();
      this.skipNewLines();
      const parameters = items.map((item) => (item.kind === 'ref' ? item.name : this.fail('lambda parameters must be names')));
      const body = this.expression();
      return { kind: 'lambda', parameters, body, ...this.span(start) };
    }
    if (items.length !== 1) this.fail('expected one expression in parentheses');
    return { kind: 'paren', inner: items[0], ...this.span(start) };
  }

  object(): Ast.ObjectLiteral {
    const start = this.position;
    this.enter();
    this.expect('{');
    const properties: Ast.ObjectItem[] = [];
    this.elements('}', () => {
      const itemStart = this.position;
      if (this.is('@') || (this.isWord('resource') && this.isWord(undefined, 1))) {
        const decorators = this.decorators();
        properties.push(this.resource(itemStart, decorators));
        return;
      }
      if (this.is('...')) {
        properties.push(this.spread());
        return;
      }
      let key: string | Ast.Expression;
      const keyToken = this.peek();
      if (keyToken.type === 'id') key = this.next().value;
      else if (this.isString()) key = this.stringNode();
      else this.fail('expected a property name');
      const keySpan = this.span(itemStart);
      this.expect(':');
      this.skipNewLines();
      const value = this.expression();
      properties.push({ kind: 'property', key, keySpan, value, ...this.span(itemStart) });
    });
    this.expect('}');
    this.leave();
    return { kind: 'object', properties, ...this.span(start) };
  }

  private array(): Ast.ArrayLiteral {
    const start = this.position;
    this.enter();
    this.expect('[');
    const items: Ast.ArrayItem[] = [];
    this.elements(']', () => {
      items.push(this.is('...') ? this.spread() : this.expression());
    });
    this.expect(']');
    this.leave();
    return { kind: 'array', items, ...this.span(start) };
  }

  /** `...value` in an object or an array. */
  private spread(): Ast.Spread {
    const start = this.position;
    this.expect('...');
    const value = this.expression();
    return { kind: 'spread', value, ...this.span(start) };
  }

  /** Items separated by new lines or commas. */
  private elements(close: string, parseItem: () => void): void {
    this.skipNewLines();
    while (!this.is(close)) {
      if (this.peek().type === 'eof') this.fail(`expected '${close}'`);
      parseItem();
      if (this.peek().type === 'nl') this.skipNewLines();
      else if (this.is(',')) {
        this.next();
        this.skipNewLines();
      } else if (!this.is(close)) this.fail(`expected a new line, ',' or '${close}'`);
    }
  }

  private stringLiteral(): Ast.StringLiteral | Ast.Interpolation {
    if (!this.isString()) this.fail('expected a string');
    return this.stringNode();
  }

  private stringNode(): Ast.StringLiteral | Ast.Interpolation {
    const start = this.position;
    const first = this.next();
    if (first.type === 'str' || first.type === 'mstr') {
      return { kind: 'string', value: first.value, ...this.span(start) };
    }
    const segments = [first.value];
    const expressions: Ast.Expression[] = [];
    for (;;) {
      expressions.push(this.expression());
      const piece = this.peek();
      if (piece.type === 'strm' || piece.type === 'strr') {
        this.next();
        segments.push(piece.value);
        if (piece.type === 'strr') break;
        continue;
      }
      this.fail("expected '}' closing the interpolation");
    }
    return { kind: 'interpolation', segments, expressions, ...this.span(start) };
  }

  // ---- types (read to be skipped) -------------------------------------------------------------

  private typeExpression(): Ast.TypeExpression {
    const start = this.position;
    this.enter();
    if (this.peek().type === 'nl' && this.isUnionBar(this.peekPastNewLines())) this.skipNewLines();
    if (this.is('|')) {
      this.next();
      this.skipNewLines();
    }
    let single = this.singularType();
    for (;;) {
      if (this.is('|')) {
        this.next();
        this.skipNewLines();
        this.singularType();
        single = undefined;
        continue;
      }
      if (this.peek().type === 'nl' && this.isUnionBar(this.peekPastNewLines())) {
        this.skipNewLines();
        continue;
      }
      break;
    }
    this.leave();
    return { kind: 'type', name: single?.name, nullable: single?.nullable ?? false, ...this.span(start) };
  }

  private isUnionBar(token: Token): boolean {
    return token.type === 'p' && token.value === '|';
  }

  private singularType(): { name?: string; nullable: boolean } | undefined {
    let name = this.primaryType();
    let nullable = false;
    for (;;) {
      if (this.is('[') && this.is(']', 1)) {
        this.next();
        this.next();
        name = 'array';
        continue;
      }
      if (this.is('?')) {
        this.next();
        nullable = true;
        continue;
      }
      return { name, nullable };
    }
  }

  /** The type's name when it is a plain name or a literal's kind. */
  private primaryType(): string | undefined {
    const token = this.peek();
    if (this.is('(')) {
      this.next();
      this.skipNewLines();
      const inner = this.typeExpression();
      this.skipNewLines();
      this.expect(')');
      return inner.name;
    }
    if (this.is('{')) {
      this.objectType();
      return 'object';
    }
    if (this.is('[')) {
      this.tupleType();
      return 'array';
    }
    if (this.isString()) {
      this.stringNode();
      return 'string';
    }
    if (token.type === 'num') {
      this.next();
      return 'int';
    }
    if (this.is('-') || this.is('!')) {
      this.next();
      return this.primaryType();
    }
    if (token.type === 'id') {
      this.next();
      let name: string | undefined = token.value;
      if ((token.value === 'resourceInput' || token.value === 'resourceOutput' || token.value === 'resource') && this.is('<')) {
        this.next();
        this.stringLiteral();
        this.expect('>');
        name = 'object';
      }
      for (;;) {
        if (this.is('.') && this.is('*', 1)) {
          this.next();
          this.next();
          name = undefined;
          continue;
        }
        if (this.is('.')) {
          this.next();
          this.expectWord();
          name = undefined;
          continue;
        }
        if (this.is('[') && !this.is(']', 1)) {
          this.next();
          if (this.is('*') || this.peek().type === 'num') this.next();
          else this.fail('expected an index or *');
          this.expect(']');
          name = undefined;
          continue;
        }
        return name;
      }
    }
    return this.fail('expected a type');
  }

  private objectType(): void {
    this.enter();
    this.expect('{');
    this.elements('}', () => {
      this.decorators();
      if (this.is('*') || this.peek().type === 'id') this.next();
      else if (this.isString()) this.stringNode();
      else this.fail('expected a property name');
      this.expect(':');
      this.typeExpression();
    });
    this.expect('}');
    this.leave();
  }

  private tupleType(): void {
    this.enter();
    this.expect('[');
    this.elements(']', () => {
      this.decorators();
      this.typeExpression();
    });
    this.expect(']');
    this.leave();
  }
}
