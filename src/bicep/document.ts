/**
 * A `.bicep` file as the rest of patchwise sees it: a SourceDocument whose `value` is the lowered
 * ARM template and whose positions are `.bicep` positions, through the lowering's source map.
 */
import { SourceDocument, type CommentSpan, type JsonPath, type SourceRange, type TextEdit } from '../template/json.js';
import type { SyntaxError } from './ast.js';
import { pathKey, type LoweredTemplate } from './lower-template.js';

export class BicepDocument extends SourceDocument {
  constructor(
    file: string,
    text: string,
    private readonly lowered: LoweredTemplate,
    bomLength: number,
    override readonly syntaxErrors: readonly SyntaxError[],
    private readonly comments: readonly CommentSpan[],
  ) {
    super(file, text, lowered.template, bomLength);
  }

  /** Modules that could not be read (registry modules without a local copy, …). */
  get notes(): readonly string[] {
    return this.lowered.notes;
  }

  override locate(path: JsonPath): { range: SourceRange; exact: boolean } {
    for (let depth = path.length; depth >= 0; depth--) {
      const span = this.lowered.spans.get(pathKey(path.slice(0, depth)));
      if (span) return { range: this.rangeOf(span.start, span.end - span.start), exact: depth === path.length };
    }
    return { range: this.rangeOf(0, 0), exact: false };
  }

  override nodeAt(): undefined {
    return undefined;
  }

  override hasDuplicateKeyOnPath(): boolean {
    return false;
  }

  /** Only a literal scalar written at `path` is replaced; anything else (adding, expressions) has no fix here. */
  override editValue(path: JsonPath, value: unknown): TextEdit[] | undefined {
    if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
    const span = this.lowered.literals.get(pathKey(path));
    if (!span) return undefined;
    return [{ offset: span.start, length: span.end - span.start, content: bicepLiteral(value) }];
  }

  /** The lexer's comments: strings in Bicep are single-quoted and may span lines. */
  override commentSpans(): readonly CommentSpan[] {
    return this.comments;
  }
}

function bicepLiteral(value: string | number | boolean | null): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${')}'`;
  return String(value);
}
