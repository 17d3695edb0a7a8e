/**
 * Where an expanded object or array was written. Expansion keeps object identity for values that
 * come from a variable or a parameter default, so a finding deep inside such a value still points
 * at the line the user wrote. Primitives are located through their container plus the key.
 */
import type { SourceLocation } from '../model/source.js';
import type { JsonPath, SourceDocument, SourceRange } from './json.js';

export interface Origin {
  document: SourceDocument;
  path: JsonPath;
}

const origins = new WeakMap<object, Origin>();

export function setOrigin(value: object, origin: Origin): void {
  origins.set(value, origin);
}

export function getOrigin(value: unknown): Origin | undefined {
  return value !== null && typeof value === 'object' ? origins.get(value) : undefined;
}

const templateDocuments = new WeakMap<object, SourceDocument>();

/**
 * An inline template that was written in a document of its own (a Bicep module file): its
 * resources are located in that document, at paths from its root.
 */
export function setTemplateDocument(template: object, document: SourceDocument): void {
  templateDocuments.set(template, document);
}

export function templateDocumentOf(template: object): SourceDocument | undefined {
  return templateDocuments.get(template);
}

export interface Location {
  document: SourceDocument;
  range: SourceRange;
  /** False when the property itself is not written (a default) and the range is of its nearest written ancestor. */
  exact: boolean;
  /** The path inside the document the range belongs to. */
  documentPath: JsonPath;
}

/**
 * Locate `path` below `root` (an expanded value with an origin): the deepest container along the
 * path that has an origin decides the document, the rest of the path is appended to its path.
 */
export function locateIn(root: unknown, path: JsonPath, fallback: Origin): Location {
  let best = getOrigin(root) ?? fallback;
  let bestDepth = 0;
  let current: unknown = root;
  for (let i = 0; i < path.length; i++) {
    if (current === null || typeof current !== 'object') break;
    const next = (current as Record<string, unknown>)[path[i] as string];
    if (next === undefined || !Object.prototype.hasOwnProperty.call(current, path[i])) break;
    current = next;
    const origin = getOrigin(current);
    if (origin) {
      best = origin;
      bestDepth = i + 1;
    }
  }
  const documentPath = best.path.concat(path.slice(bestDepth));
  const { range, exact } = best.document.locate(documentPath);
  return { document: best.document, range, exact, documentPath };
}

export { formatPath } from '../model/source.js';

export function toSourceLocation(location: Location): SourceLocation {
  const { range } = location;
  return {
    file: location.document.file,
    line: range.line,
    column: range.column,
    endLine: range.endLine,
    endColumn: range.endColumn,
    offset: range.offset,
    length: range.length,
    exact: location.exact,
  };
}
