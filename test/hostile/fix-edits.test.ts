/**
 * Fixes are computed from the document's syntax tree, parsed once (src/template/json-edit.ts), not
 * by jsonc-parser's `modify` per fix (which parses the whole file each time). The edits must be
 * the ones `modify` makes: checked on every property and element of every fixture, set, added and
 * removed, with the fixture's own formatting (indentation, CRLF). Two deliberate differences: a
 * property added after one whose line ends with a comment goes after the comment, and one added to
 * an object written on one line joins that line (test/fix.test.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, modify, parse, type Node } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { editsAtPath } from '../../src/template/json-edit.js';
import { formattingOf } from '../../src/template/json.js';
import { readJsonDocument, type JsonPath } from '../../src/template/json.js';
import { FIXTURES } from '../helpers/lint-fixture.js';

function templates(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? templates(path) : /\.jsonc?$/.test(name) ? [path] : [];
    });
}

/** Paths of every value below the root. */
function pathsOf(node: Node, path: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  if (node.type === 'object') {
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key || !value) continue;
      const child = [...path, key.value as string];
      out.push(child);
      pathsOf(value, child, out);
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((item, index) => {
      out.push([...path, index]);
      pathsOf(item, [...path, index], out);
    });
  }
  return out;
}

describe('fix edits from the parsed tree equal jsonc-parser modify', () => {
  it.each(templates(FIXTURES).map((path) => [path.slice(FIXTURES.length + 1), path] as const))('%s', (_name, path) => {
    for (const eol of ['\n', '\r\n']) {
      const text = readFileSync(path, 'utf8')
        .replace(/^\uFEFF/, '')
        .replace(/\r?\n/g, eol);
      const read = readJsonDocument(path, text);
      if (!read.ok) continue;
      const formatting = formattingOf(text);
      const root = read.document.nodeAt([])!;
      const cases: Array<[JsonPath, unknown]> = [];
      for (const target of pathsOf(root)) {
        cases.push([target, false], [target, undefined], [[...target, 'addedProperty'], { nested: [1, 'two'] }], [[...target, 'a', 'b'], 'deep']);
      }
      for (const [target, value] of cases) {
        let expected: unknown;
        try {
          expected = modify(text, target, value, { formattingOptions: formatting });
        } catch {
          continue; // modify refuses (e.g. a property of a string): computeFix never asks for these
        }
        const actual = editsAtPath(read.document, target, value, formatting);
        if (JSON.stringify(actual) === JSON.stringify(expected)) continue;
        // The deliberate difference: a property added to an object written on one line joins that line
        // (modify lays it out again): the same value, and no line added or changed elsewhere.
        const edited = applyEdits(text, actual!);
        const parsed = (json: string) => parse(json, [], { allowTrailingComma: true }) as unknown;
        expect(parsed(edited), JSON.stringify(target)).toEqual(parsed(applyEdits(text, expected as never)));
        expect(edited.split(eol).length, JSON.stringify(target)).toBe(text.split(eol).length);
      }
    }
  });
});
