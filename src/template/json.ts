/**
 * Reading JSON documents with source positions.
 *
 * Fast path: `JSON.parse` (native, several times faster than a JS scanner). Positions are only
 * needed when a finding is reported, so the jsonc-parser syntax tree is built lazily, once per
 * document, the first time a location is asked for. Files with comments or trailing commas (which
 * ARM tooling accepts) fall back to jsonc-parser for the values too.
 */
import { createScanner, parseTree, findNodeAtLocation, printParseErrorCode, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';

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

  constructor(
    /** The path as the user gave it (or relative to the working directory). */
    readonly file: string,
    /** The text without a leading byte-order mark. */
    readonly text: string,
    /** The parsed value. */
    readonly value: unknown,
    /** Length of a stripped byte-order mark (0 or 1), to map offsets back to the file for fixes. */
    readonly bomLength = 0,
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
    return path.length === 0 ? root : findNodeAtLocation(root, path);
  }

  /**
   * Where the value at `path` was written: for an object property, the range of the property
   * (key and value); for an array element, the element. When the path does not exist in the
   * document (a default value, a property the user omitted), the deepest existing ancestor is
   * returned with `exact: false`.
   */
  locate(path: JsonPath): { range: SourceRange; exact: boolean } {
    if (this.getTree() === undefined && this.treeFailed) return this.locateByScanning(path);
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.nodeAt(path.slice(0, depth));
      if (!node) continue;
      const target = node.parent?.type === 'property' ? node.parent : node;
      return { range: this.rangeOf(target.offset, target.length), exact: depth === path.length };
    }
    return { range: this.rangeOf(0, 0), exact: false };
  }

  private treeFailed = false;

  private getTree(): Node | undefined {
    if (this.tree === null) {
      try {
        this.tree = parseTree(this.text, [], { allowTrailingComma: true, disallowComments: false }) ?? undefined;
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
    const scanner = createScanner(this.text, false);
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
      best = top.object ? { depth, offset: top.keyOffset ?? offset, length: (offset + length) - (top.keyOffset ?? offset) } : { depth, offset, length };
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
    if (!this.lineStarts) {
      const starts = [0];
      const text = this.text;
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 10) starts.push(i + 1);
        else if (ch === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

export type ReadResult = { ok: true; document: SourceDocument } | { ok: false; error: ParseFailure };

/** Parse a JSON (or JSON-with-comments) document. Never throws. */
export function readJsonDocument(file: string, rawText: string): ReadResult {
  const bomLength = rawText.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = bomLength ? rawText.slice(1) : rawText;
  if (text.length > MAX_DOCUMENT_BYTES) {
    return { ok: false, error: { message: `file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`, line: 1, column: 1 } };
  }
  try {
    return { ok: true, document: new SourceDocument(file, text, JSON.parse(text), bomLength) };
  } catch {
    // Not strict JSON: comments, trailing commas, or a real syntax error. jsonc-parser tells which.
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const first = errors[0];
    const doc = new SourceDocument(file, text, undefined, bomLength);
    const offset = first ? first.offset : 0;
    const position = doc.positionAt(offset);
    const message = first ? describeParseError(first, text) : 'empty document';
    return { ok: false, error: { message, ...position } };
  }
  try {
    return { ok: true, document: new SourceDocument(file, text, treeToValue(root, 0), bomLength) };
  } catch (error) {
    return { ok: false, error: { message: (error as Error).message, line: 1, column: 1 } };
  }
}

function describeParseError(error: ParseError, text: string): string {
  const code = printParseErrorCode(error.error);
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const near = text.slice(error.offset, error.offset + 20).split(/\r?\n/)[0];
  return near ? `invalid JSON: ${words} near '${near}'` : `invalid JSON: ${words} at end of file`;
}

const MAX_DEPTH = 512;

/** Convert a jsonc-parser tree to plain values; own properties only (a `__proto__` key stays a key). */
function treeToValue(node: Node, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new Error(`JSON nested deeper than ${MAX_DEPTH} levels`);
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || !valueNode) continue;
        Object.defineProperty(result, String(keyNode.value), {
          value: treeToValue(valueNode, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map((child) => treeToValue(child, depth + 1));
    default:
      return node.value;
  }
}
