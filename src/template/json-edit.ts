/**
 * jsonc-parser's `modify` (set, add or remove the value at a path, formatted like the file around
 * it) computed from the document's syntax tree, which is parsed once per document. `modify` parses
 * the whole text and formats a full copy of it on every call: O(file size) per fix, so 2,000 fixes
 * in a 2 MB template took minutes. Here a fix costs the lines it touches. The edits are the ones
 * `modify` returns (test/fix-edits.test.ts compares them), except where `modify` changes what it
 * does not own: a property added after a line's trailing comment, or to an object written on one
 * line (see afterTrailingComment, onItsLine). The port follows jsonc-parser 3.3 (`impl/edit.ts`,
 * MIT licence).
 */
import { findNodeAtLocation, format, type FormattingOptions, type Node } from 'jsonc-parser';
import type { JsonPath } from '../model/source.js';
import type { SourceDocument } from './json.js';
import type { TextEdit } from '../engine/finding.js';

/** The edits that set `path` to `value` (remove it when undefined); undefined when `modify` would not apply. */
export function editsAtPath(document: SourceDocument, path: JsonPath, value: unknown, formatting: FormattingOptions): TextEdit[] | undefined {
  const root = document.nodeAt([]);
  if (!root) return undefined;
  const raw = rawEdit(root, path, value);
  if (raw === undefined) return undefined;
  if (raw === null) return [];
  // The copy with raw line breaks in strings blanked (same offsets): the formatter reads it as JSON.
  const text = document.treeText;
  const { edit, parent } = raw;
  return afterTrailingComment(text, edit, formatting) ?? onItsLine(text, parent, edit) ?? [withFormatting(text, edit, formatting)];
}

/** objectEdit's addition after a sibling, `,"key": value`: the key and the value's JSON (an array element has no key). */
function addedProperty(edit: TextEdit): { key: string; value: string } | undefined {
  const added = edit.length === 0 ? /^,("(?:[^"\\]|\\.)*"): ([\s\S]*)$/.exec(edit.content) : null;
  return added ? { key: added[1], value: added[2] } : undefined;
}

/**
 * A property added to an object written on one line (`{ "a": 1, "b": 2 }`, or a minified
 * template): `modify` lays that line out again with one property per line (a minified template
 * became a hundred lines). Instead the property joins the line, with the object's own separators.
 */
function onItsLine(text: string, parent: Node, edit: TextEdit): TextEdit[] | undefined {
  const added = addedProperty(edit);
  const children = parent.children ?? [];
  if (!added || parent.type !== 'object' || children.length === 0) return undefined;
  if (/[\r\n]/.test(text.slice(parent.offset, parent.offset + parent.length))) return undefined;
  const last = children[children.length - 1];
  const [key, value] = last.children ?? [];
  const colon = key && value ? text.slice(key.offset + key.length, value.offset) : ': ';
  const previous = children[children.length - 2];
  const comma = previous ? text.slice(previous.offset + previous.length, last.offset) : colon.endsWith(' ') ? ', ' : ',';
  const spaced = colon.endsWith(' ');
  const json = JSON.stringify(JSON.parse(added.value), null, spaced ? 1 : undefined);
  return [{ offset: edit.offset, length: 0, content: `${comma}${added.key}${colon}${spaced ? json.replace(/\n\s*/g, ' ') : json}` }];
}

/**
 * A property added after the last one of an object, when a comment ends that property's line
 * (`"a": true // why`): `modify` would put the new property before the comment, which then
 * describes (or, for `patchwise-disable-line`, suppresses on) the wrong line. Instead the comma
 * goes after the value and the property on a line of its own after the comment, indented like
 * the line it follows. Undefined when the edit is not such an addition.
 */
function afterTrailingComment(text: string, edit: TextEdit, formatting: FormattingOptions): TextEdit[] | undefined {
  const added = addedProperty(edit);
  if (!added) return undefined;
  // A trailing comma after the value (JSONC) stays, and the added property gets one too.
  let afterValue = edit.offset;
  while (text[afterValue] === ' ' || text[afterValue] === '\t') afterValue++;
  const trailingComma = text[afterValue] === ',';
  const commentEnd = trailingCommentEnd(text, trailingComma ? afterValue + 1 : edit.offset);
  if (commentEnd === undefined) return undefined;
  let lineStart = edit.offset;
  while (lineStart > 0 && !isEol(text, lineStart - 1)) lineStart--;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, edit.offset))![0];
  const eol = formatting.eol ?? '\n';
  const unit = formatting.insertSpaces === false ? '\t' : ' '.repeat(formatting.tabSize ?? 2);
  const property = `${added.key}: ${JSON.stringify(JSON.parse(added.value), null, unit)}`.split('\n').join(eol + indent);
  if (trailingComma) return [{ offset: commentEnd, length: 0, content: `${eol}${indent}${property},` }];
  return [
    { offset: edit.offset, length: 0, content: ',' },
    { offset: commentEnd, length: 0, content: eol + indent + property },
  ];
}

/** The end of a comment that follows `offset` on its line and ends it (only white space after it), else undefined. */
function trailingCommentEnd(text: string, offset: number): number | undefined {
  let i = offset;
  while (text[i] === ' ' || text[i] === '\t') i++;
  let end: number;
  if (text.startsWith('//', i)) {
    end = i;
    while (end < text.length && !isEol(text, end)) end++;
    return end;
  }
  if (!text.startsWith('/*', i)) return undefined;
  const close = text.indexOf('*/', i + 2);
  if (close < 0 || /[\r\n]/.test(text.slice(i, close))) return undefined;
  end = close + 2;
  let rest = end;
  while (text[rest] === ' ' || text[rest] === '\t') rest++;
  return rest >= text.length || isEol(text, rest) ? end : undefined;
}

/** The unformatted edit and the container it edits, null when there is nothing to do, undefined when the path cannot be edited. */
function rawEdit(root: Node, fullPath: JsonPath, original: unknown): { edit: TextEdit; parent: Node } | null | undefined {
  const path = fullPath.slice();
  let value = original;
  let parent: Node | undefined;
  let lastSegment: string | number | undefined;
  // Missing containers along the path are created: the value is wrapped in them.
  while (path.length > 0) {
    lastSegment = path.pop()!;
    parent = path.length === 0 ? root : findNodeAtLocation(root, path);
    if (parent === undefined && value !== undefined) value = typeof lastSegment === 'string' ? objectWith(lastSegment, value) : [value];
    else break;
  }
  if (!parent || !Array.isArray(parent.children)) return undefined;
  let edit: TextEdit | null | undefined;
  if (parent.type === 'object' && typeof lastSegment === 'string') edit = objectEdit(parent, parent.children, lastSegment, value);
  else if (parent.type === 'array' && typeof lastSegment === 'number') edit = arrayEdit(parent, parent.children, lastSegment, value);
  return edit ? { edit, parent } : edit;
}

function objectWith(key: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function objectEdit(parent: Node, children: Node[], key: string, value: unknown): TextEdit | null | undefined {
  const existing = findNodeAtLocation(parent, [key]);
  if (existing !== undefined) {
    if (value !== undefined) return { offset: existing.offset, length: existing.length, content: JSON.stringify(value) };
    if (!existing.parent) return undefined;
    // Remove the property with the comma before it (or, for the first one, the comma after it).
    const index = children.indexOf(existing.parent);
    let removeBegin: number;
    let removeEnd = existing.parent.offset + existing.parent.length;
    if (index > 0) {
      const previous = children[index - 1];
      removeBegin = previous.offset + previous.length;
    } else {
      removeBegin = parent.offset + 1;
      if (children.length > 1) removeEnd = children[1].offset;
    }
    return { offset: removeBegin, length: removeEnd - removeBegin, content: '' };
  }
  if (value === undefined) return null;
  const property = `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  if (children.length > 0) {
    const previous = children[children.length - 1];
    return { offset: previous.offset + previous.length, length: 0, content: `,${property}` };
  }
  return { offset: parent.offset + 1, length: 0, content: property };
}

function arrayEdit(parent: Node, children: Node[], index: number, value: unknown): TextEdit | undefined {
  if (index < 0) return undefined;
  if (value === undefined) {
    const toRemove = children[index];
    if (!toRemove) return undefined;
    if (children.length === 1) return { offset: parent.offset + 1, length: parent.length - 2, content: '' };
    if (index === children.length - 1) {
      const previous = children[index - 1];
      const offset = previous.offset + previous.length;
      return { offset, length: parent.offset + parent.length - 2 - offset, content: '' };
    }
    return { offset: toRemove.offset, length: children[index + 1].offset - toRemove.offset, content: '' };
  }
  const content = JSON.stringify(value);
  if (children.length > index) return { offset: children[index].offset, length: children[index].length, content };
  if (children.length === 0 || index === 0) return { offset: parent.offset + 1, length: 0, content: children.length === 0 ? content : `${content},` };
  const previous = children[Math.min(index, children.length) - 1];
  return { offset: previous.offset + previous.length, length: 0, content: `,${content}` };
}

function isEol(text: string, offset: number): boolean {
  const ch = text.charCodeAt(offset);
  return ch === 0x0d || ch === 0x0a;
}

/**
 * `modify`'s formatting of one edit, on the whole lines around it only: everything it reads
 * (the edited lines) is inside that window, and the text outside is the same before and after.
 */
function withFormatting(text: string, edit: TextEdit, options: FormattingOptions): TextEdit {
  let windowStart = edit.offset;
  while (windowStart > 0 && !isEol(text, windowStart - 1)) windowStart--;
  let windowEnd = edit.offset + edit.length;
  while (windowEnd < text.length && !isEol(text, windowEnd)) windowEnd++;
  const window = text.slice(windowStart, windowEnd);
  const offset = edit.offset - windowStart;
  let newText = window.slice(0, offset) + edit.content + window.slice(offset + edit.length);
  let begin = offset;
  let end = offset + edit.content.length;
  if (edit.length === 0 || edit.content.length === 0) {
    // An insertion or a removal formats its whole lines.
    while (begin > 0 && !isEol(newText, begin - 1)) begin--;
    while (end < newText.length && !isEol(newText, end)) end++;
  }
  const edits = format(newText, { offset: begin, length: end - begin }, { ...options, keepLines: false });
  for (let i = edits.length - 1; i >= 0; i--) {
    const formatting = edits[i];
    newText = newText.slice(0, formatting.offset) + formatting.content + newText.slice(formatting.offset + formatting.length);
    begin = Math.min(begin, formatting.offset);
    end = Math.max(end, formatting.offset + formatting.length);
    end += formatting.content.length - formatting.length;
  }
  const length = window.length - (newText.length - end) - begin;
  return { offset: windowStart + begin, length, content: newText.substring(begin, end) };
}
