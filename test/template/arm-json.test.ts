/** The ARM JSON dialect reader: JSON.parse's results on JSON, plus comments, trailing commas and raw control characters in strings. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankOffsets, parseArmJson } from '../../src/template/arm-json.js';
import { readJsonDocument } from '../../src/template/json.js';

const json = fc.jsonValue();

/** JSON text with comments and trailing commas sprinkled where ARM allows them. */
function decorate(value: unknown, next: () => number): string {
  const gap = () => [' ', '\n', ' /* c */ ', ' // line\n', '\t'][next() % 5];
  if (Array.isArray(value)) {
    const items = value.map((item) => `${gap()}${decorate(item, next)}${gap()}`);
    return `[${items.join(',')}${items.length && next() % 2 ? ',' : ''}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${gap()}${JSON.stringify(key)}${gap()}:${gap()}${decorate(item, next)}`);
    return `{${entries.join(',')}${entries.length && next() % 2 ? ',' : ''}}`;
  }
  return JSON.stringify(value);
}

describe('parseArmJson', () => {
  it("gives JSON.parse's value for any JSON text", () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = JSON.stringify(value, null, 1);
        const read = parseArmJson(text);
        expect(read.ok).toBe(true);
        if (read.ok) expect(read.value).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('reads comments and trailing commas anywhere ARM accepts them', () => {
    fc.assert(
      fc.property(json, fc.array(fc.nat(9), { minLength: 1, maxLength: 50 }), (value, choices) => {
        let index = 0;
        const text = decorate(value, () => choices[index++ % choices.length]);
        const read = parseArmJson(text);
        expect(read.ok, text).toBe(true);
        if (read.ok) expect(read.value).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });

  it('accepts raw control characters inside strings and reports their offsets', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', '\n', '\t', '\r', '\u0001', 'é') }), { maxLength: 5 }), (strings) => {
        const text = `[${strings.map((string) => `"${string}"`).join(',')}]`;
        const read = parseArmJson(text);
        expect(read.ok).toBe(true);
        if (!read.ok) return;
        expect(read.value).toEqual(strings);
        const blanked = blankOffsets(text, read.rawControlOffsets);
        expect(blanked).toHaveLength(text.length);
        expect(/[\u0000-\u001f]/.test(blanked.replace(/^\[|\]$/g, '').replace(/"[^"]*"/g, ''))).toBe(false);
        for (const offset of read.rawControlOffsets) expect(text.charCodeAt(offset)).toBeLessThan(0x20);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws, and accepts whatever JSON.parse accepts (truncations and single-character edits)', () => {
    fc.assert(
      fc.property(json, fc.nat(), fc.constantFrom('', ',', ':', '}', ']', '"', 'x', '{', '['), (value, cut, insert) => {
        const text = JSON.stringify(value);
        const position = cut % (text.length + 1);
        const mutated = text.slice(0, position) + insert + text.slice(position + (insert ? 0 : 1));
        let strict = true;
        try {
          JSON.parse(mutated);
        } catch {
          strict = false;
        }
        const read = parseArmJson(mutated);
        // ARM's dialect is larger: a trailing comma is fine; everything JSON accepts, it accepts.
        if (strict) expect(read.ok).toBe(true);
        if (!read.ok) {
          expect(read.offset).toBeGreaterThanOrEqual(0);
          expect(read.offset).toBeLessThanOrEqual(mutated.length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('nests 100,000 levels without recursion', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(parseArmJson(`${text.slice(0, -1)},]`).ok).toBe(true);
  });

  it('error messages never quote the text (a broken string is often a password)', () => {
    for (const text of ['{"p": "Hunter2', '{"p": "Hunter2\\q"}', '{"p": Hunter2}', '{"p" "Hunter2"}', '["Hunter2" "x"]']) {
      const read = parseArmJson(text);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.message).not.toContain('Hunter2');
    }
  });

  it('keeps __proto__ as an own key and takes the last of duplicate keys', () => {
    const read = parseArmJson('{"__proto__": {"polluted": true}, "a": 1, "a": 2,}');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(Object.prototype.hasOwnProperty.call(read.value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((read.value as { a: number }).a).toBe(2);
  });
});

describe('readJsonDocument positions with raw line breaks in strings', () => {
  it('locates properties after a multi-line string at their real line', () => {
    const text = '{\n  "script": "line 1\nline 2\nline 3",\n  "target": 1\n}';
    const read = readJsonDocument('x.json', text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.document.locate(['target']).range).toMatchObject({ line: 5, column: 3 });
    expect((read.document.value as { script: string }).script).toBe('line 1\nline 2\nline 3');
  });

  it('the last of duplicate keys is the one located', () => {
    const read = readJsonDocument('x.json', '{\n "a": 1,\n "a": 2\n}');
    expect(read.ok && read.document.locate(['a']).range.line).toBe(3);
  });
});
