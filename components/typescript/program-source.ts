/**
 * A resource of a Pulumi program as the lint model sees it: the policy adapter's ResourceSource
 * (ARM shape) whose `locate` and `editFor` work in `.ts` coordinates. ARM paths are turned back
 * into azure-native argument paths (`properties` flattened) and looked up in what the value
 * reader recorded; fixes are text edits of literals written in the resource's own arguments.
 */
import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import type { JsonPath, ResourceSource, SourceEdit, SourceLocation } from '../../src/model/source.js';
import { Unknown } from '../../src/model/unknown.js';
import { MAINTENANCE_WINDOW_KEYS } from '../policy/adapter.js';
import { argumentSegments } from '../policy/lint.js';
import { pathKey, type ReadArguments } from './values.js';

export interface ProgramResource {
  /** The adapter's source of the resource (identity and ARM-shaped body). */
  source: ResourceSource;
  /** The file as shown in findings. */
  file: string;
  sourceFile: SourceFile;
  /** The `new X(…)` expression: where findings about the resource as a whole point. */
  declaration: Node;
  read: ReadArguments;
}

export function programResourceSource(resource: ProgramResource): ResourceSource {
  return {
    ...resource.source,
    file: resource.file,
    conditional: isConditional(resource.declaration),
    locate: (path) => locate(resource, path),
    editFor: (path, value) => editFor(resource, path, value),
  };
}

export function locationOf(sourceFile: SourceFile, file: string, node: Node, exact: boolean): SourceLocation {
  const offset = node.getStart();
  const end = node.getEnd();
  const start = sourceFile.getLineAndColumnAtPos(offset);
  const stop = sourceFile.getLineAndColumnAtPos(end);
  return { file, line: start.line, column: start.column, endLine: stop.line, endColumn: stop.column, offset, length: end - offset, exact };
}

function locate(resource: ProgramResource, path: JsonPath): SourceLocation {
  let best: { node: Node; depth: number; exact: boolean } | undefined;
  for (const segments of argumentPaths(path)) {
    for (let depth = segments.length; depth > 0 && (!best || depth > best.depth); depth--) {
      const written = resource.read.written.get(pathKey(segments.slice(0, depth)));
      if (written) best = { node: written.at, depth, exact: depth === segments.length };
    }
  }
  return locationOf(resource.sourceFile, resource.file, best?.node ?? resource.declaration, best?.exact ?? path.length === 0);
}

/**
 * The argument paths an ARM path may have been written at: `properties` flattened, and the
 * `maintenanceWindow` fields azure-native takes at the top of a MaintenanceConfiguration.
 */
function argumentPaths(path: JsonPath): JsonPath[] {
  const segments = argumentSegments(path);
  const paths = [segments];
  if (segments[0] === 'maintenanceWindow' && (MAINTENANCE_WINDOW_KEYS as readonly unknown[]).includes(segments[1])) paths.push(segments.slice(1));
  return paths;
}

function editFor(resource: ProgramResource, path: JsonPath, value: unknown): SourceEdit[] | undefined {
  for (const segments of argumentPaths(path)) {
    const written = resource.read.written.get(pathKey(segments));
    if (written) return written.own ? replaceOrRemove(resource.sourceFile, written.at, written.value, value) : undefined;
  }
  if (value === undefined) return undefined;
  return insert(resource, argumentSegments(path), value);
}

function replaceOrRemove(sourceFile: SourceFile, at: Node, written: Node, value: unknown): SourceEdit[] | undefined {
  if (value === undefined) return Node.isPropertyAssignment(at) ? [removal(sourceFile.getFullText(), at)] : undefined;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  if (Node.isPropertyAccessExpression(written) && typeof value === 'string') {
    // An enum member stays an enum member: `compute.WindowsVMGuestPatchMode.AutomaticByOS` → `….AutomaticByPlatform`.
    if (!/^[A-Za-z_$][\w$]*$/.test(value)) return undefined;
    const name = written.getNameNode();
    return [{ offset: name.getStart(), length: name.getEnd() - name.getStart(), content: value }];
  }
  const literal =
    Node.isStringLiteral(written) ||
    Node.isNoSubstitutionTemplateLiteral(written) ||
    Node.isNumericLiteral(written) ||
    written.getKind() === SyntaxKind.TrueKeyword ||
    written.getKind() === SyntaxKind.FalseKeyword;
  if (!literal) return undefined;
  const quote = Node.isStringLiteral(written) || Node.isNoSubstitutionTemplateLiteral(written) ? written.getText()[0] : undefined;
  return [{ offset: written.getStart(), length: written.getEnd() - written.getStart(), content: literalText(value, quote ?? quoteOf(sourceFile)) }];
}

/** A missing property is added to the nearest object literal written in the resource's own arguments. */
function insert(resource: ProgramResource, segments: JsonPath, value: unknown): SourceEdit[] | undefined {
  if (!isScalar(value)) return undefined;
  for (let depth = segments.length - 1; depth >= 0; depth--) {
    const prefix = segments.slice(0, depth);
    const object = resource.read.objects.get(pathKey(prefix));
    if (!object) {
      // Written, but not as an object literal (a const, a call): adding a key there would write it twice.
      if (resource.read.written.has(pathKey(prefix))) return undefined;
      continue;
    }
    const rest = segments.slice(depth);
    if (!object.own || rest.some((segment) => typeof segment !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(segment))) return undefined;
    // The object must be known as a whole: one with an unknown spread could already hold the key.
    if (!isPlainObject(valueAt(resource.read.value, prefix))) return undefined;
    const quote = quoteOf(resource.sourceFile);
    let content = literalText(value, quote);
    for (let i = rest.length - 1; i > 0; i--) content = `{ ${String(rest[i])}: ${content} }`;
    return [propertyInsertion(resource.sourceFile.getFullText(), object.node, `${String(rest[0])}: ${content}`)];
  }
  return undefined;
}

function propertyInsertion(text: string, object: Node, property: string): SourceEdit {
  const properties = object.asKindOrThrow(SyntaxKind.ObjectLiteralExpression).getProperties();
  if (properties.length === 0) return { offset: object.getStart(), length: object.getEnd() - object.getStart(), content: `{ ${property} }` };
  const last = properties[properties.length - 1];
  const trailingComma = /^\s*,/.exec(text.slice(last.getEnd()));
  const offset = trailingComma ? last.getEnd() + trailingComma[0].length : last.getEnd();
  const multiline = lineOf(text, object.getStart()) !== lineOf(text, last.getStart());
  if (!multiline) return { offset, length: 0, content: trailingComma ? ` ${property},` : `, ${property}` };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lineStart = text.lastIndexOf('\n', last.getStart() - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return { offset, length: 0, content: trailingComma ? `${eol}${indent}${property},` : `,${eol}${indent}${property}` };
}

/** Remove a property with its comma (and its line, when it stands alone on it). */
function removal(text: string, property: Node): SourceEdit {
  let start = property.getStart();
  let end = property.getEnd();
  const comma = /^[ \t]*,/.exec(text.slice(end));
  if (comma) end += comma[0].length;
  else {
    const before = /,[ \t\r\n]*$/.exec(text.slice(0, start));
    if (before) start -= before[0].length;
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const after = /^[ \t]*\r?\n/.exec(text.slice(end));
  if (comma && /^[ \t]*$/.test(text.slice(lineStart, start)) && after) {
    start = lineStart;
    end += after[0].length;
  }
  return { offset: start, length: end - start, content: '' };
}

function literalText(value: unknown, quote: string): string {
  if (typeof value !== 'string') return String(value);
  const json = JSON.stringify(value);
  if (quote !== "'") return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** The quote the file mostly uses for strings (single by default). */
function quoteOf(sourceFile: SourceFile): string {
  const first = sourceFile.getFirstDescendantByKind(SyntaxKind.StringLiteral);
  return first?.getText()[0] === '"' ? '"' : "'";
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line += 1;
  return line;
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object' || current instanceof Unknown) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Unknown);
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Declared under an `if`, a loop, a conditional expression or in a function: it may not be created. */
function isConditional(node: Node): boolean {
  return (
    node.getFirstAncestor(
      (ancestor) =>
        Node.isIfStatement(ancestor) ||
        Node.isConditionalExpression(ancestor) ||
        Node.isIterationStatement(ancestor) ||
        Node.isFunctionLikeDeclaration(ancestor),
    ) !== undefined
  );
}
