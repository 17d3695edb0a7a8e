/**
 * Locating in strict JSON by scanning the text (json-locate.ts) gives what the jsonc-parser tree
 * gives: the same range and `exact` for paths that exist, that stop early, that go through
 * duplicate keys (the last one wins), whatever the whitespace and line ends.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonDocument, SourceDocument, type JsonPath } from '../../src/template/json.js';

/** The scan (readJsonDocument keeps JSON.parse's documents strict) and the tree (a document not marked strict). */
function documents(text: string) {
  const read = readJsonDocument('t.json', text);
  if (!read.ok) throw new Error(`not JSON: ${text}`);
  expect(read.document.commentSpans(), 'read as strict JSON').toEqual([]);
  return { scanned: read.document, tree: new SourceDocument('t.json', read.document.text, read.document.value) };
}

function bothWays(text: string, path: JsonPath) {
  const { scanned, tree } = documents(text);
  return { scanned: scanned.locate(path), tree: tree.locate(path) };
}

/** All paths in one document each way: the scan keeps the containers it read, the later paths use them. */
function expectSameLocations(text: string, paths: readonly JsonPath[]): void {
  const { scanned, tree } = documents(text);
  for (const path of paths) expect(scanned.locate(path), `${JSON.stringify(path)} in ${JSON.stringify(text)}`).toEqual(tree.locate(path));
}

/** A JSON text as written: objects as member lists, so keys can repeat. */
type Written = { scalar: unknown } | { array: Written[] } | { members: Array<[string, Written]> };

const key = fc.oneof(
  fc.constantFrom('a', 'b', 'A', 'properties', 'say "hi"', 'a\\b', 'back\\', 'é', '😀', '\ud800', 'line\nbreak', '\u2028', '', '0'),
  fc.string({ maxLength: 4 }),
);
const scalar = fc.oneof(
  fc.constantFrom(0, -1.5e-7, 12e30, true, false, null, '', 'x', '"', '\\', '\\"', '{[', '}]', ',', 'é😀'),
  fc.string({ maxLength: 6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const written = fc.letrec<{ node: Written }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar.map((value) => ({ scalar: value })),
    fc.array(tie('node'), { maxLength: 4 }).map((items) => ({ array: items })),
    fc.array(fc.tuple(key, tie('node')), { maxLength: 4 }).map((members) => ({ members })),
  ),
})).node;

const GAPS = ['', ' ', '\n', '\r\n', '\t', '\n    ', '\r\n\t\t', '\r'];

function serialise(node: Written, gap: () => string): string {
  if ('scalar' in node) return JSON.stringify(node.scalar);
  if ('array' in node) return `[${node.array.map((item) => `${gap()}${serialise(item, gap)}${gap()}`).join(',')}]`;
  return `{${node.members.map(([name, value]) => `${gap()}${JSON.stringify(name)}${gap()}:${gap()}${serialise(value, gap)}${gap()}`).join(',')}}`;
}

/** Every path written in `node` (through each duplicate, so some lead into a copy JSON.parse ignores). */
function writtenPaths(node: Written, prefix: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(prefix);
  if ('array' in node) node.array.forEach((item, index) => writtenPaths(item, [...prefix, index], out));
  if ('members' in node) for (const [name, value] of node.members) writtenPaths(value, [...prefix, name], out);
  return out;
}

/** Paths that leave the document somewhere: a missing key or index, or a key where an array is (and the reverse). */
const detour = fc.array(fc.oneof(key, fc.integer({ min: -1, max: 5 })), { minLength: 1, maxLength: 3 });

describe('locating in strict JSON by scanning', () => {
  it('equals the tree for any written JSON, any whitespace, duplicate keys and paths in and out of the document', () => {
    fc.assert(
      fc.property(written, fc.array(fc.nat(GAPS.length - 1), { minLength: 1, maxLength: 20 }), fc.nat(), detour, (node, gaps, pick, extra) => {
        let index = 0;
        const text = `${GAPS[gaps[0]]}${serialise(node, () => GAPS[gaps[index++ % gaps.length]])}${GAPS[gaps[gaps.length - 1]]}`;
        const paths = writtenPaths(node);
        const chosen = paths[pick % paths.length];
        expectSameLocations(text, [chosen, [...chosen, ...extra], [...chosen.slice(0, -1), ...extra], paths[(pick >> 3) % paths.length]]);
      }),
      { numRuns: 400 },
    );
  });

  it('equals the tree for JSON.stringify output (compact, 2 spaces, tabs; LF and CRLF)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, '\t'), fc.boolean(), fc.nat(), detour, (value, indent, crlf, pick, extra) => {
        const lf = JSON.stringify(value, null, indent);
        // JSON.stringify escapes line breaks inside strings: every raw LF is formatting.
        const text = crlf ? lf.replace(/\n/g, '\r\n') : lf;
        const paths = writtenPaths(toWritten(value));
        const chosen = paths[pick % paths.length];
        expectSameLocations(text, [chosen, [...chosen, ...extra], paths[(pick >> 3) % paths.length]]);
      }),
      { numRuns: 300 },
    );
  });

  const cases: Array<{
    name: string;
    text: string;
    path: JsonPath;
    expected: { line: number; column: number; endLine: number; endColumn: number; exact: boolean };
  }> = [
    { name: 'the root', text: ' {"a":1} ', path: [], expected: { line: 1, column: 2, endLine: 1, endColumn: 9, exact: true } },
    {
      name: 'a property is its key and value',
      text: '{\n  "a": [1, 2]\n}',
      path: ['a'],
      expected: { line: 2, column: 3, endLine: 2, endColumn: 14, exact: true },
    },
    { name: 'an array element', text: '[1,\r\n  {"b": 2}]', path: [1], expected: { line: 2, column: 3, endLine: 2, endColumn: 11, exact: true } },
    {
      name: 'a missing key: the deepest written ancestor',
      text: '{"a": {"b": 1}}',
      path: ['a', 'c', 'd'],
      expected: { line: 1, column: 2, endLine: 1, endColumn: 15, exact: false },
    },
    { name: 'an index past the end', text: '{"a": []}', path: ['a', 0], expected: { line: 1, column: 2, endLine: 1, endColumn: 9, exact: false } },
    { name: 'an index into an object', text: '{"a": {"0": 1}}', path: ['a', 0], expected: { line: 1, column: 2, endLine: 1, endColumn: 15, exact: false } },
    { name: 'a key into an array', text: '{"a": [1]}', path: ['a', '0'], expected: { line: 1, column: 2, endLine: 1, endColumn: 10, exact: false } },
    {
      name: 'duplicate keys: the last',
      text: '{"a": {"x": 1},\n "a": {"y": 2}}',
      path: ['a', 'x'],
      expected: { line: 2, column: 2, endLine: 2, endColumn: 15, exact: false },
    },
    {
      name: 'keys are compared exactly (case)',
      text: '{"PatchMode": 1}',
      path: ['patchMode'],
      expected: { line: 1, column: 1, endLine: 1, endColumn: 17, exact: false },
    },
    {
      name: 'escaped quotes and backslashes',
      text: '{"a\\"}": "\\\\", "b\\\\": {"c": "}\\""}}',
      path: ['b\\', 'c'],
      expected: { line: 1, column: 24, endLine: 1, endColumn: 34, exact: true },
    },
    {
      name: 'a key written with \\u escapes',
      text: '{"\\u0061\\ud83d\\ude00": 1}',
      path: ['a😀'],
      expected: { line: 1, column: 2, endLine: 1, endColumn: 25, exact: true },
    },
    {
      name: 'surrogate pairs count as two columns',
      text: '{"😀": "😀", "b": 1}',
      path: ['b'],
      expected: { line: 1, column: 14, endLine: 1, endColumn: 20, exact: true },
    },
    { name: 'numbers with exponents', text: '[1e5, -2.5E-3, 0]', path: [1], expected: { line: 1, column: 7, endLine: 1, endColumn: 14, exact: true } },
    { name: 'empty objects and arrays', text: '{"a": {}, "b": []}', path: ['b'], expected: { line: 1, column: 11, endLine: 1, endColumn: 18, exact: true } },
    { name: 'a lone CR ends a line', text: '{\r"a": 1}', path: ['a'], expected: { line: 2, column: 1, endLine: 2, endColumn: 7, exact: true } },
  ];
  for (const { name, text, path, expected } of cases) {
    it(`${name}: as the tree`, () => {
      const { scanned, tree } = bothWays(text, path);
      expect(scanned).toEqual(tree);
      const { line, column, endLine, endColumn } = scanned.range;
      expect({ line, column, endLine, endColumn, exact: scanned.exact }).toEqual(expected);
    });
  }

  it('a byte-order mark is not part of the text: offsets and columns start after it', () => {
    const { scanned, tree } = bothWays('\ufeff{"a": 1}', ['a']);
    expect(scanned).toEqual(tree);
    expect(scanned.range).toMatchObject({ line: 1, column: 2, offset: 1, length: 6 });
  });

  it('deep nesting: no recursion, the element 5,000 levels down', () => {
    const depth = 5_000;
    const text = `${'['.repeat(depth)}7${']'.repeat(depth)}`;
    const read = readJsonDocument('deep.json', text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const { range, exact } = read.document.locate(Array.from({ length: depth }, () => 0));
    expect(exact).toBe(true);
    expect(range).toMatchObject({ line: 1, column: depth + 1, offset: depth, length: 1 });
  });
});

function toWritten(value: unknown): Written {
  if (Array.isArray(value)) return { array: value.map(toWritten) };
  if (value !== null && typeof value === 'object') return { members: Object.entries(value).map(([name, item]) => [name, toWritten(item)]) };
  return { scalar: value };
}

describe('line and column of an offset', () => {
  it('counts LF, CRLF and lone CR as one line end each, columns in UTF-16 units', () => {
    const piece = fc.constantFrom('a', ' ', '\n', '\r', '\r\n', '\n\r', '😀', '\u2028');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), (pieces, pick) => {
        const text = pieces.join('');
        const offset = pick % (text.length + 1);
        // The line is what a split by line ends leaves before the offset.
        const before = text.slice(0, offset).split(/\r\n|\r|\n/);
        // An offset between the CR and the LF of a CRLF is still on the CR's line.
        const insideCrlf = text[offset - 1] === '\r' && text[offset] === '\n';
        const expected = insideCrlf
          ? { line: before.length - 1, column: before[before.length - 2].length + 2 }
          : { line: before.length, column: before[before.length - 1].length + 1 };
        expect(new SourceDocument('t.json', text, undefined).positionAt(offset), JSON.stringify(text)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
