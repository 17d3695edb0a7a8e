/**
 * The JSON dialect Azure Resource Manager accepts: JSON plus `//` and block comments, trailing
 * commas, and raw line breaks or other control characters inside strings (multi-line
 * `scriptContent`, `commandToExecute`). Strict JSON goes through `JSON.parse`; this reader is the
 * fallback for everything else.
 *
 * It is iterative (an explicit stack, no recursion), so nesting depth is limited by memory, not by
 * the call stack, exactly like `JSON.parse`. Error messages never quote the text they stop at: a
 * broken string is often a password in a parameters file.
 */

export interface ArmJsonSuccess {
  ok: true;
  value: unknown;
  /**
   * Offsets of raw control characters inside strings. jsonc-parser (used for positions and
   * fix edits) ends a string at a raw line break, so it is given a copy with these replaced by
   * spaces: same length, same offsets.
   */
  rawControlOffsets: number[];
}

export interface ArmJsonFailure {
  ok: false;
  /** 0-based offset of the first error. */
  offset: number;
  message: string;
}

export type ArmJsonResult = ArmJsonSuccess | ArmJsonFailure;

class SyntaxFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

type Container = { kind: 'object'; value: Record<string, unknown>; key: string | undefined } | { kind: 'array'; value: unknown[] };

/** Parse ARM-flavoured JSON. Never throws. */
export function parseArmJson(text: string): ArmJsonResult {
  try {
    return new Reader(text).read();
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, offset: error.offset, message: error.message };
    throw error;
  }
}

/** Replace the given offsets by spaces (see ArmJsonSuccess.rawControlOffsets). */
export function blankOffsets(text: string, offsets: readonly number[]): string {
  if (offsets.length === 0) return text;
  const parts: string[] = [];
  let from = 0;
  for (const offset of offsets) {
    parts.push(text.slice(from, offset), ' ');
    from = offset + 1;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** The text between a JSON string's quotes, decoded; as it is when it holds a broken escape. */
export function decodeJsonStringBody(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

const WORDS: ReadonlyArray<[string, unknown]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];

class Reader {
  private position = 0;
  private readonly rawControlOffsets: number[] = [];

  constructor(private readonly text: string) {}

  read(): ArmJsonSuccess {
    const stack: Container[] = [];
    let result: unknown;
    let done = false;
    // After a value inside a container we expect ',' or the closing bracket.
    let afterValue = false;
    this.skipTrivia();
    if (this.position >= this.text.length) throw new SyntaxFailure('invalid JSON: the file is empty', 0);
    for (;;) {
      const top = stack[stack.length - 1];
      if (afterValue) {
        this.skipTrivia();
        const ch = this.text[this.position];
        const close = top.kind === 'object' ? '}' : ']';
        if (ch === ',') {
          this.position++;
          this.skipTrivia();
          // A trailing comma before the closing bracket is accepted.
          if (this.text[this.position] === close) continue;
          afterValue = false;
        } else if (ch === close) {
          // handled below
        } else {
          throw this.unexpected(`',' or '${close}'`);
        }
      }
      this.skipTrivia();
      const ch = this.text[this.position];
      if (top && (ch === '}' || ch === ']')) {
        const expected = top.kind === 'object' ? '}' : ']';
        if (ch !== expected || (top.kind === 'object' && top.key !== undefined))
          throw this.unexpected(top.kind === 'object' && top.key !== undefined ? 'a value' : `'${expected}'`);
        this.position++;
        stack.pop();
        const finished = top.value;
        if (stack.length === 0) {
          result = finished;
          done = true;
        } else {
          this.store(stack[stack.length - 1], finished);
          afterValue = true;
        }
        if (done) break;
        continue;
      }
      if (top?.kind === 'object' && top.key === undefined) {
        if (ch !== '"') throw this.unexpected(afterValue ? "',' or '}'" : "a property name in double quotes or '}'");
        top.key = this.readString();
        this.skipTrivia();
        if (this.text[this.position] !== ':') throw this.unexpected("':' after the property name");
        this.position++;
        continue;
      }
      // A value.
      if (ch === '{' || ch === '[') {
        this.position++;
        stack.push(ch === '{' ? { kind: 'object', value: {}, key: undefined } : { kind: 'array', value: [] });
        afterValue = false;
        continue;
      }
      const value = this.readScalar();
      if (!top) {
        result = value;
        break;
      }
      this.store(top, value);
      afterValue = true;
    }
    this.skipTrivia();
    if (this.position < this.text.length) throw this.unexpected('the end of the file');
    return { ok: true, value: result, rawControlOffsets: this.rawControlOffsets };
  }

  private store(container: Container, value: unknown): void {
    if (container.kind === 'array') {
      container.value.push(value);
      return;
    }
    const key = container.key!;
    container.key = undefined;
    // A `__proto__` key stays an own property, as with JSON.parse; the last duplicate wins, as in ARM.
    if (key === '__proto__') Object.defineProperty(container.value, key, { value, enumerable: true, writable: true, configurable: true });
    else container.value[key] = value;
  }

  private readScalar(): unknown {
    const ch = this.text[this.position];
    if (ch === '"') return this.readString();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.readNumber();
    for (const [word, value] of WORDS) {
      if (this.text.startsWith(word, this.position)) {
        this.position += word.length;
        return value;
      }
    }
    throw this.unexpected('a value');
  }

  private readString(): string {
    const start = this.position;
    const text = this.text;
    let i = start + 1;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= text.length) throw new SyntaxFailure('invalid JSON: unterminated string', start);
      const code = text.charCodeAt(i);
      if (code === 0x22) break;
      if (code === 0x5c) {
        out += text.slice(chunk, i);
        const escape = text[i + 1];
        const simple = ESCAPES[escape];
        if (simple !== undefined) {
          out += simple;
          i += 2;
        } else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          throw new SyntaxFailure('invalid JSON: invalid escape sequence in a string', i);
        }
        chunk = i;
        continue;
      }
      if (code < 0x20) this.rawControlOffsets.push(i);
      i++;
    }
    out += text.slice(chunk, i);
    this.position = i + 1;
    return out;
  }

  private readNumber(): number {
    const match = NUMBER.exec(this.text.slice(this.position, this.position + 400));
    if (!match) throw this.unexpected('a number');
    this.position += match[0].length;
    return Number(match[0]);
  }

  private skipTrivia(): void {
    const text = this.text;
    for (;;) {
      const code = text.charCodeAt(this.position);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xfeff) {
        this.position++;
      } else if (code === 0x2f && text[this.position + 1] === '/') {
        let end = this.position + 2;
        while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
        this.position = end;
      } else if (code === 0x2f && text[this.position + 1] === '*') {
        const end = text.indexOf('*/', this.position + 2);
        if (end < 0) throw new SyntaxFailure('invalid JSON: unterminated comment', this.position);
        this.position = end + 2;
      } else {
        return;
      }
    }
  }

  private unexpected(expected: string): SyntaxFailure {
    if (this.position >= this.text.length) return new SyntaxFailure(`invalid JSON: expected ${expected} but the file ends`, this.text.length);
    return new SyntaxFailure(`invalid JSON: expected ${expected} but found ${describeAt(this.text, this.position)}`, this.position);
  }
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;

/** What stands at an offset, without quoting template text (it may be a secret). */
function describeAt(text: string, offset: number): string {
  const ch = text[offset];
  if (ch === '"') return 'a string';
  if ('{}[],:'.includes(ch)) return `'${ch}'`;
  if (ch === '-' || (ch >= '0' && ch <= '9')) return 'a number';
  if (/[A-Za-z_]/.test(ch)) return 'a word';
  return 'an unexpected character';
}
