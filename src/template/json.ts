/**
 * Reading JSON documents with source positions.
 *
 * Fast path: `JSON.parse` (native, several times faster than a JS scanner). Files with comments,
 * trailing commas or raw line breaks in strings (which ARM accepts) are read by arm-json.ts.
 * Positions are only needed when a finding is reported: strict JSON is located by scanning its
 * text (json-locate.ts); other documents get a jsonc-parser syntax tree, built lazily, once per
 * document, the first time a location is asked for (fixes use that tree for all documents).
 */
import { createScanner, parseTree, SyntaxKind, type FormattingOptions, type Node } from 'jsonc-parser';
import { blankOffsets, parseArmJson } from './arm-json.js';
import { StrictJsonLocator } from './json-locate.js';
import { editsAtPath } from './json-edit.js';

export type { JsonPath } from '../model/source.js';
import type { JsonPath } from '../model/source.js';

export interface Position {
  /** 1-based line and column (UTF-16 code units). */
  line: number;
  column: number;
}

export interface SourceRange extends Position {
  endLine: number;
  endColumn: number;
  /** 0-based offset and length in the document text (after any byte-order mark). */
  offset: number;
  length: number;
}

/** A replacement of `length` characters at `offset` (0-based, in `text`). */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

/** A syntax error that still left a document to lint (Bicep reads on after a bad declaration). */
export interface SyntaxProblem {
  message: string;
  offset: number;
}

export interface CommentSpan {
  /** Offsets in the text: from the comment's opening slash to its line end, or past a block comment's close. */
  start: number;
  end: number;
  block: boolean;
}

export interface ParseFailure {
  message: string;
  line: number;
  column: number;
}

/** Largest file we read: ARM itself rejects templates over 4 MB; leave room for generated ones. */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

export class SourceDocument {
  private tree: Node | undefined | null = null;
  private lineStarts: number[] | undefined;
  private locator: StrictJsonLocator | undefined;

  constructor(
    /** The path as the user gave it (or relative to the working directory). */
    readonly file: string,
    /** The text without a leading byte-order mark. */
    readonly text: string,
    /** The parsed value. */
    readonly value: unknown,
    /** Length of a stripped byte-order mark (0 or 1), to map offsets back to the file for fixes. */
    readonly bomLength = 0,
    /**
     * The text jsonc-parser reads for positions and fix edits: `text` with raw control characters
     * inside strings blanked (same length, same offsets), since jsonc-parser ends a string there.
     */
    readonly treeText = text,
    /** Parsed by JSON.parse: it has no comments (directives need no scan of the text). */
    private readonly strictJson = false,
  ) {}

  /** 1-based line/column of a 0-based offset. */
  positionAt(offset: number): Position {
    const starts = this.getLineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  }

  rangeOf(offset: number, length: number): SourceRange {
    const start = this.positionAt(offset);
    const end = this.positionAt(offset + length);
    return { ...start, endLine: end.line, endColumn: end.column, offset, length };
  }

  /** The syntax-tree node of the value at `path`, or undefined when the path does not exist. */
  nodeAt(path: JsonPath): Node | undefined {
    const root = this.getTree();
    if (!root) return undefined;
    return followPath(root, path).node;
  }

  /** True when an object on the way to `path` has the next key twice (jsonc-parser edits would pick the wrong one). */
  hasDuplicateKeyOnPath(path: JsonPath): boolean {
    const root = this.getTree();
    return root ? followPath(root, path).duplicate : false;
  }

  /**
   * Where the value at `path` was written: for an object property, the range of the property
   * (key and value); for an array element, the element. When the path does not exist in the
   * document (a default value, a property the user omitted), the deepest existing ancestor is
   * returned with `exact: false`.
   */
  locate(path: JsonPath): { range: SourceRange; exact: boolean } {
    if (this.strictJson) {
      // Strict JSON needs no tree: a scan of the text to the path (json-locate.ts) answers the same.
      this.locator ??= new StrictJsonLocator(this.text);
      const span = this.locator.locate(path);
      return { range: this.rangeOf(span.offset, span.length), exact: span.depth === path.length };
    }
    if (this.getTree() === undefined && this.treeFailed) return this.locateByScanning(path);
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.nodeAt(path.slice(0, depth));
      if (!node) continue;
      const target = node.parent?.type === 'property' ? node.parent : node;
      return { range: this.rangeOf(target.offset, target.length), exact: depth === path.length };
    }
    return { range: this.rangeOf(0, 0), exact: false };
  }

  /** Syntax errors of a document that was still read (none for JSON: a JSON syntax error leaves no document). */
  readonly syntaxErrors: readonly SyntaxProblem[] = [];

  /**
   * Edits that set the value at `path` (an existing property, or one added to the nearest written
   * object), keeping comments, key order, indentation and line ends. Undefined when it cannot.
   */
  editValue(path: JsonPath, value: unknown): TextEdit[] | undefined {
    const text = this.treeText;
    const written = value !== undefined && isScalar(value) ? this.nodeAt(path) : undefined;
    if (written && written.type !== 'object' && written.type !== 'array') {
      // A written scalar replaced by a scalar: one edit at the node (the last of duplicate keys, as ARM reads it).
      return [{ offset: written.offset, length: written.length, content: JSON.stringify(value) }];
    }
    // The edit walks to the first of duplicate keys: no fix rather than a fix of the copy ARM ignores.
    if (this.hasDuplicateKeyOnPath(path)) return undefined;
    // A template too deeply nested for jsonc-parser's tree has no node: no fix, never a crash.
    this.formatting ??= formattingOf(text);
    return editsAtPath(this, path, value, this.formatting);
  }

  private formatting: FormattingOptions | undefined;

  /** Where the comments are, when the reader knows (Bicep); undefined: found by scanning the JSON text (engine/directives.ts). */
  commentSpans(): readonly CommentSpan[] | undefined {
    return this.strictJson ? [] : undefined;
  }

  private treeFailed = false;

  private getTree(): Node | undefined {
    if (this.tree === null) {
      try {
        this.tree = parseTree(this.treeText, [], { allowTrailingComma: true, disallowComments: false }) ?? undefined;
      } catch (error) {
        // The tree builder recurses: a hostile nesting depth overflows the stack. Locate by scanning instead.
        if (!(error instanceof RangeError)) throw error;
        this.tree = undefined;
        this.treeFailed = true;
      }
    }
    return this.tree;
  }

  /**
   * Without a tree: walk the tokens iteratively, keeping the path of the current value, and
   * return the start of the deepest written prefix of `path` (the property key, or the element).
   */
  private locateByScanning(path: JsonPath): { range: SourceRange; exact: boolean } {
    type Frame = { object: boolean; key?: string; keyOffset?: number; index: number; expectKey: boolean };
    const scanner = createScanner(this.treeText, false);
    const stack: Frame[] = [];
    let best = { depth: 0, offset: 0, length: 0 };
    const valueStart = (offset: number, length: number): void => {
      const depth = stack.length;
      if (depth === 0 || depth > path.length || depth <= best.depth) return;
      for (let i = 0; i < depth; i++) {
        const frame = stack[i];
        if ((frame.object ? frame.key : frame.index) !== path[i]) return;
      }
      const top = stack[depth - 1];
      best = top.object ? { depth, offset: top.keyOffset ?? offset, length: offset + length - (top.keyOffset ?? offset) } : { depth, offset, length };
    };
    for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
      const offset = scanner.getTokenOffset();
      const length = scanner.getTokenLength();
      const top = stack[stack.length - 1];
      switch (token) {
        case SyntaxKind.OpenBraceToken:
        case SyntaxKind.OpenBracketToken:
          valueStart(offset, 1);
          stack.push({ object: token === SyntaxKind.OpenBraceToken, index: 0, expectKey: true });
          break;
        case SyntaxKind.CloseBraceToken:
        case SyntaxKind.CloseBracketToken:
          stack.pop();
          break;
        case SyntaxKind.CommaToken:
          if (top?.object) top.expectKey = true;
          else if (top) top.index += 1;
          break;
        case SyntaxKind.ColonToken:
          if (top) top.expectKey = false;
          break;
        case SyntaxKind.StringLiteral:
          if (top?.object && top.expectKey) {
            top.key = scanner.getTokenValue();
            top.keyOffset = offset;
            break;
          }
          valueStart(offset, length);
          break;
        case SyntaxKind.NumericLiteral:
        case SyntaxKind.TrueKeyword:
        case SyntaxKind.FalseKeyword:
        case SyntaxKind.NullKeyword:
          valueStart(offset, length);
          break;
        default:
          break;
      }
      if (best.depth === path.length && path.length > 0) break;
    }
    return { range: this.rangeOf(best.offset, best.length), exact: best.depth === path.length };
  }

  private getLineStarts(): number[] {
    this.lineStarts ??= lineStartsOf(this.text);
    return this.lineStarts;
  }
}

/**
 * Offsets where lines start: after each LF, CRLF or lone CR. Found by indexOf, which runs native
 * from the first call, where a loop over the characters needs warming up (the CLI runs cold).
 */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf !== -1 || cr !== -1) {
    if (cr === -1 || (lf !== -1 && lf < cr)) {
      starts.push(lf + 1);
      lf = text.indexOf('\n', lf + 1);
      continue;
    }
    // A CR ends a line, with the LF after it if there is one.
    const next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    starts.push(next);
    if (next === cr + 2) lf = text.indexOf('\n', next);
    cr = text.indexOf('\r', next);
  }
  return starts;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Indentation and line ends as the file already uses them. */
export function formattingOf(text: string): FormattingOptions {
  // Lone CR line ends (classic Mac) are kept too.
  const eol = text.includes('\r\n') ? '\r\n' : text.includes('\r') && !text.includes('\n') ? '\r' : '\n';
  const indented = /[\r\n]([ \t]+)\S/.exec(text);
  if (indented?.[1].startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indented ? Math.min(indented[1].length, 8) : 2, eol };
}

export type ReadResult = { ok: true; document: SourceDocument } | { ok: false; error: ParseFailure };

/** Parse a JSON document in the dialect ARM accepts (see arm-json.ts). Never throws. */
export function readJsonDocument(file: string, rawText: string): ReadResult {
  const bomLength = rawText.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = bomLength ? rawText.slice(1) : rawText;
  if (text.length > MAX_DOCUMENT_BYTES) {
    return { ok: false, error: { message: `file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`, line: 1, column: 1 } };
  }
  try {
    return { ok: true, document: new SourceDocument(file, text, JSON.parse(text), bomLength, text, true) };
  } catch {
    // Not strict JSON: comments, trailing commas, raw line breaks in strings, or a real syntax error.
  }
  const read = parseArmJson(text);
  if (!read.ok) {
    const position = new SourceDocument(file, text, undefined, bomLength).positionAt(read.offset);
    return { ok: false, error: { message: read.message, ...position } };
  }
  return { ok: true, document: new SourceDocument(file, text, read.value, bomLength, blankOffsets(text, read.rawControlOffsets)) };
}

/**
 * jsonc-parser's findNodeAtLocation takes the first of duplicate keys; JSON.parse and ARM take
 * the last, so positions and fixes must too. `duplicate`: some object on the way had the key twice.
 */
function followPath(root: Node, path: JsonPath): { node: Node | undefined; duplicate: boolean } {
  let node: Node | undefined = root;
  let duplicate = false;
  for (const segment of path) {
    if (!node) break;
    if (typeof segment === 'number') {
      node = node.type === 'array' ? node.children?.[segment] : undefined;
      continue;
    }
    if (node.type !== 'object') return { node: undefined, duplicate };
    let found: Node | undefined;
    let count = 0;
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key?.value === segment && value) {
        found = value;
        count += 1;
      }
    }
    duplicate ||= count > 1;
    node = found;
  }
  return { node, duplicate };
}
