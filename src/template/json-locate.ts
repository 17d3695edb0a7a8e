/**
 * Locating a path in strict JSON text (what `JSON.parse` accepted) without a syntax tree: walk the
 * characters, reading the members of the objects and the elements of the arrays on the path and
 * skipping every other value. Gives what the jsonc-parser tree gives (SourceDocument.locate): the
 * deepest written prefix of the path, of duplicate keys the last (as JSON.parse and ARM read
 * them), keys compared exactly. The containers read are kept, so the findings of one document
 * (often at the same or nearby paths) read each container once.
 */
import type { JsonPath } from '../model/source.js';

export interface JsonSpan {
  /** Offset of the target: the property's key for an object member, else the value itself. */
  offset: number;
  /** To the end of the target's value. */
  length: number;
  /** How many segments of the path are written (the path's length when all are). */
  depth: number;
}

/** One member or element (or the root): where its target starts, where its value starts and ends (-1: not read yet). */
interface Entry {
  target: number;
  value: number;
  end: number;
}

type Container = { members: Map<string, Entry> } | { elements: Entry[] };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** `text` must be strict JSON: the scan trusts its syntax (no comments, no trailing commas; a cut-off text only ends the scan). */
export class StrictJsonLocator {
  /** Containers already read, by the offset of their opening bracket. */
  private readonly containers = new Map<number, Container | undefined>();
  private root: Entry | undefined;

  constructor(private readonly text: string) {}

  locate(path: JsonPath): JsonSpan {
    let entry = this.rootEntry();
    let depth = 0;
    for (; depth < path.length; depth++) {
      const container = this.containerAt(entry.value);
      if (!container) break;
      const segment = path[depth];
      const next =
        typeof segment === 'number' ? 'elements' in container && container.elements[segment] : 'members' in container && container.members.get(segment);
      if (!next) break;
      entry = next;
    }
    // The root's end is read only when asked: it is the whole document (its members are read anyway).
    if (entry.end < 0) entry.end = skipValue(this.text, entry.value);
    return { offset: entry.target, length: entry.end - entry.target, depth };
  }

  private rootEntry(): Entry {
    if (!this.root) {
      const start = skipWhitespace(this.text, 0);
      this.root = { target: start, value: start, end: -1 };
    }
    return this.root;
  }

  private containerAt(offset: number): Container | undefined {
    if (this.containers.has(offset)) return this.containers.get(offset);
    const first = this.text.charCodeAt(offset);
    const container = first === OPEN_BRACE ? readMembers(this.text, offset) : first === OPEN_BRACKET ? readElements(this.text, offset) : undefined;
    this.containers.set(offset, container);
    return container;
  }
}

/** The members of the object opening at `at`, by key: a later duplicate replaces an earlier one, as JSON.parse reads it. */
function readMembers(text: string, at: number): Container {
  const members = new Map<string, Entry>();
  let position = skipWhitespace(text, at + 1);
  if (text.charCodeAt(position) !== QUOTE) return { members };
  for (;;) {
    const keyEnd = skipString(text, position);
    const colon = skipWhitespace(text, keyEnd);
    if (text.charCodeAt(colon) !== COLON) return { members };
    const value = skipWhitespace(text, colon + 1);
    const end = skipValue(text, value);
    members.set(keyOf(text, position, keyEnd), { target: position, value, end });
    position = skipWhitespace(text, end);
    if (text.charCodeAt(position) !== COMMA) return { members };
    position = skipWhitespace(text, position + 1);
  }
}

function readElements(text: string, at: number): Container {
  const elements: Entry[] = [];
  let position = skipWhitespace(text, at + 1);
  if (position >= text.length || text.charCodeAt(position) === CLOSE_BRACKET) return { elements };
  for (;;) {
    const end = skipValue(text, position);
    elements.push({ target: position, value: position, end });
    position = skipWhitespace(text, end);
    if (text.charCodeAt(position) !== COMMA) return { elements };
    position = skipWhitespace(text, position + 1);
  }
}

/** The key of the string literal from `start` (its opening quote) to `end` (past its closing quote), unescaped. */
function keyOf(text: string, start: number, end: number): string {
  const key = text.slice(start + 1, end - 1);
  return key.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : key;
}

/** Past the end of the value starting at `at`. */
function skipValue(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return skipString(text, at);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) return skipContainer(text, at);
  let position = at + 1;
  while (position < text.length && !endsScalar(text.charCodeAt(position))) position++;
  return position;
}

/**
 * Characters that need no attention while skipping a container, and JSON whitespace: matched by
 * sticky regular expressions, which V8 runs as native code from the first call, where a loop over
 * the characters runs in the interpreter (the locator runs a few times per lint: always cold).
 */
const PLAIN_RUN = /[^"{}[\]]+/y;
const WHITESPACE_RUN = /[ \n\r\t]+/y;

/** Past the run of `pattern` at `at` (`at` when there is none). */
function skipRun(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : at;
}

/** Past the bracket that closes the object or array opening at `at` (brackets inside strings do not count). */
function skipContainer(text: string, at: number): number {
  let open = 0;
  let position = at;
  while (position < text.length) {
    const code = text.charCodeAt(position);
    if (code === QUOTE) {
      position = skipString(text, position);
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) open++;
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (--open === 0) return position + 1;
    } else {
      position = skipRun(PLAIN_RUN, text, position);
      continue;
    }
    position++;
  }
  return text.length;
}

/** Past the closing quote of the string opening at `at`: a quote ends it after an even run of backslashes. */
function skipString(text: string, at: number): number {
  let from = at + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let before = quote - 1;
    while (text.charCodeAt(before) === BACKSLASH) before--;
    if ((quote - 1 - before) % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

function skipWhitespace(text: string, at: number): number {
  return skipRun(WHITESPACE_RUN, text, at);
}

/** A number, true, false or null ends at a separator, a closing bracket or whitespace. */
function endsScalar(code: number): boolean {
  return code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}
