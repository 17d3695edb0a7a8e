/**
 * Fixes as text edits. A rule proposes "set property P of the resource to V" (FixSpec); this
 * module turns it into edits of the template text (the document's `editValue`: for JSON the edits
 * jsonc-parser's `modify` would make, computed from the syntax tree parsed once, json-edit.ts), so
 * comments, key order and indentation are kept. A fix is only offered when it is local and certain: the property (or
 * the object it is added to) is written literally in the resource's own declaration. A value
 * that comes from a parameter, a variable, a copy loop or an expression is never rewritten; the
 * finding then points at where to change it.
 */
import { introducedAfter } from '../model/facts/api-versions.js';
import { isExpressionText } from '../template/expression/text.js';
import { applyEdits } from 'jsonc-parser';
import type { JsonPath, ResourceSource } from '../model/source.js';
import type { ExpandedResource } from '../template/types.js';
import type { Fix, TextEdit } from './finding.js';
import type { FixSpec } from './rule.js';

export function computeFix(resource: ResourceSource, spec: FixSpec): Fix | undefined {
  // A property the resource's apiVersion does not define would be ignored by Azure (CF1): the rule's message says which version to use.
  if (spec.value !== undefined && introducedAfter(resource, spec.path) !== undefined) return undefined;
  if (resource.editFor) {
    const edits = resource.editFor(spec.path, spec.value);
    return edits && edits.length > 0 ? { description: spec.description, edits } : undefined;
  }
  if (!isExpanded(resource)) return undefined;
  const location = resource.locateInDocument(spec.path);
  const declared = [...resource.declarationPath, ...spec.path];
  if (location.document !== resource.document || !samePath(location.documentPath, declared)) return undefined;
  // ARM property names are case-insensitive: edit the key as written (`provisionVmAgent`), never add a second one.
  const expected = withWrittenKeys(resource.document.value, declared);
  if (!isLiteralPath(resource.document.value, expected, spec.value === undefined)) return undefined;
  // JSON: jsonc-parser edits of the copy with raw line breaks in strings blanked (same offsets); Bicep: the literal's span.
  const found = resource.document.editValue(expected, spec.value);
  if (!found) return undefined;
  const text = resource.document.treeText;
  // An edit that writes what is already there is no fix (it would be counted as fixable forever).
  const edits = found.filter((edit) => text.slice(edit.offset, edit.offset + edit.length) !== edit.content);
  if (edits.length === 0 || !editsKeepRawText(resource.document, edits)) return undefined;
  return { description: spec.description, edits: edits.map(({ offset, length, content }) => ({ offset, length, content })) };
}

/** An edit that would replace a string holding a raw line break would lose it: no fix then. */
function editsKeepRawText(document: { text: string; treeText: string }, edits: readonly TextEdit[]): boolean {
  if (document.text === document.treeText) return true;
  return edits.every(({ offset, length }) => document.text.slice(offset, offset + length) === document.treeText.slice(offset, offset + length));
}

/** The path with each key spelled as in the document when only a different case of it is written (the last one, as ARM reads it). */
function withWrittenKeys(root: unknown, path: JsonPath): JsonPath {
  const out: JsonPath = [];
  let current: unknown = root;
  for (const segment of path) {
    let key = segment;
    if (
      typeof segment === 'string' &&
      current !== null &&
      typeof current === 'object' &&
      !Array.isArray(current) &&
      !Object.prototype.hasOwnProperty.call(current, segment)
    ) {
      const lower = segment.toLowerCase();
      key =
        Object.keys(current)
          .filter((name) => name.toLowerCase() === lower)
          .pop() ?? segment;
    }
    out.push(key);
    current = current !== null && typeof current === 'object' ? (current as Record<string | number, unknown>)[key] : undefined;
  }
  return out;
}

function isExpanded(resource: ResourceSource): resource is ExpandedResource {
  return 'locateInDocument' in resource && 'declarationPath' in resource && 'document' in resource;
}

function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}

/**
 * Every container along the path is a literal object or array in the document; the target is
 * absent (it will be added) or a literal (not an expression). Removing needs the target present.
 */
function isLiteralPath(root: unknown, path: JsonPath, removing: boolean): boolean {
  let current: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isExpressionText(current)) return false;
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return false;
      current = current[segment];
      continue;
    }
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return false;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) {
      // Missing: the rest of the path is created, which only works through object keys.
      return !removing && path.slice(i + 1).every((rest) => typeof rest === 'string');
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return !isExpressionText(current);
}

export interface AppliedFixes {
  text: string;
  applied: number;
  /** Fixes left out because their edits overlap an earlier fix (applied on the next pass). */
  skipped: number;
}

/**
 * Apply fixes to a text: identical edits (the same declaration reached through a copy loop)
 * count once; a fix whose edits overlap another fix's is left for the next pass.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): AppliedFixes {
  const chosen: TextEdit[] = [];
  const seen = new Set<string>();
  let applied = 0;
  let skipped = 0;
  for (const fix of fixes) {
    const fresh = fix.edits.filter((edit) => !seen.has(editKey(edit)));
    if (fresh.length === 0) continue;
    if (fresh.some((edit) => chosen.some((other) => overlaps(edit, other)))) {
      skipped += 1;
      continue;
    }
    for (const edit of fresh) {
      seen.add(editKey(edit));
      chosen.push(edit);
    }
    applied += 1;
  }
  return { text: applyEdits(text, chosen), applied, skipped };
}

function editKey(edit: TextEdit): string {
  return `${edit.offset}:${edit.length}:${edit.content}`;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at the same offset conflict too: their order would be arbitrary.
  if (a.offset === b.offset) return true;
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}
