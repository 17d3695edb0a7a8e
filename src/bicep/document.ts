/**
 * A `.bicep` file as the rest of patchwise sees it: a SourceDocument whose `value` is the lowered
 * ARM template and whose positions are `.bicep` positions, through the lowering's source map.
 */
import { SourceDocument, type CommentSpan, type JsonPath, type SourceRange, type TextEdit } from '../template/json.js';
import type { SyntaxError } from './ast.js';
import { insertPropertyEdit, bicepValue } from './insert-property.js';
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

  /**
   * A literal scalar written at `path` is replaced; a missing property is added to the nearest
   * object literal written on the path (insert-property.ts). Anything else has no fix here.
   */
  override editValue(path: JsonPath, value: unknown): TextEdit[] | undefined {
    if (value === undefined) return undefined;
    const span = this.lowered.literals.get(pathKey(path));
    if (span)
      return value === null || typeof value !== 'object'
        ? [{ offset: span.start, length: span.end - span.start, content: bicepValue(value, '', '', '\n') }]
        : undefined;
    if (this.lowered.spans.has(pathKey(path))) return undefined; // written, but not as a literal
    const edit = insertPropertyEdit(this.text, { get: (at) => this.lowered.objects.get(pathKey(at)) }, path, value);
    return edit ? [edit] : undefined;
  }

  /** The lexer's comments: strings in Bicep are single-quoted and may span lines. */
  override commentSpans(): readonly CommentSpan[] {
    return this.comments;
  }
}
