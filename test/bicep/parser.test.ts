/**
 * The Bicep reader on real files and on hostile ones: every file of the shared Bicep corpus
 * parses without an error, and no input (mutated corpus files, deep nesting, random text) makes
 * the parser throw or hang.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { readDirectives } from '../../src/engine/directives.js';
import { SourceDocument } from '../../src/template/json.js';
import { describe, expect, it } from 'vitest';
import { parseBicep } from '../../src/bicep/parser.js';
import { SHARED } from '../helpers/lint-fixture.js';

const corpus = join(SHARED, 'corpus-bicep');

function bicepFiles(folder: string, out: string[] = []): string[] {
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) bicepFiles(path, out);
    else if (/\.bicep(param)?$/.test(entry)) out.push(path);
  }
  return out;
}

let corpusFiles: string[] | undefined;
function corpusTexts(): Array<{ path: string; text: string }> {
  corpusFiles ??= bicepFiles(corpus);
  return corpusFiles.map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

describe.skipIf(!statSync(corpus, { throwIfNoEntry: false }))('the shared Bicep corpus', () => {
  it('parses every file with no error', () => {
    const failures: string[] = [];
    const files = corpusTexts();
    for (const { path, text } of files) {
      const { errors } = parseBicep(text, { params: path.endsWith('.bicepparam') });
      if (errors.length > 0) failures.push(`${relative(corpus, path)}: ${errors[0].message}`);
    }
    expect(failures).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(2350);
  });

  it('never throws on mutated corpus files', () => {
    const files = corpusTexts().filter((file) => file.text.length < 20_000);
    fc.assert(
      fc.property(
        fc.nat(files.length - 1),
        fc.nat(),
        fc.nat(40),
        fc.constantFrom('', '{', '[', '(', "'", '${', '\n', '}', ']', "'''", "$'''", '?', '@', '...'),
        (which, at, cut, insert) => {
          const { text } = files[which];
          const position = at % (text.length + 1);
          const mutated = text.slice(0, position) + insert + text.slice(position + cut);
          const result = parseBicep(mutated);
          expect(Array.isArray(result.errors)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parser robustness', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."param var resource x = { } [ ] ( ) ' ${ } \n : ? ! . .? ?? => for in if @ 1 true".split(' '), ' ') }),
        (text) => {
          parseBicep(text);
          parseBicep(text, { params: true });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reports deep nesting as a syntax error instead of overflowing the stack', () => {
    const deep = `var x = ${'['.repeat(20_000)}${']'.repeat(20_000)}\nparam ok string`;
    const result = parseBicep(deep);
    expect(result.errors[0].message).toMatch(/nested deeper than/);
    expect(result.statements.map((statement) => statement.kind)).toEqual(['param']);
    expect(parseBicep(`var x = ${'!'.repeat(50_000)}true`).errors[0].message).toMatch(/nested deeper than/);
    expect(parseBicep(`var x = ${'('.repeat(50_000)}`).errors[0].message).toMatch(/nested deeper than/);
  });

  it('reads on after a bad declaration and reports where it is', () => {
    const text = 'param a string\nvar b = (1 +\nparam c int = 3\n';
    const result = parseBicep(text);
    expect(result.statements.map((statement) => statement.kind)).toEqual(['param', 'param']);
    expect(result.errors).toHaveLength(1);
    // The unclosed parenthesis is found where the next declaration starts.
    expect(text.slice(0, result.errors[0].offset).split('\n').length).toBe(3);
  });

  it('reads the constructs the corpus uses', () => {
    const text = [
      "import { lockType } from 'br/public:avm/utl/types/avm-common-types:0.5.1'",
      "@description('x')",
      "@sys.allowed(['a', 'b'])",
      "param mode string = 'a'",
      'param lock lockType?',
      "var s = '''",
      "multi ${not} a hole'''",
      "var t = 'a${mode}b${'c${1}'}'",
      "var u = mode == 'a'",
      '  ? { ...{ x: 1 }, y: [1, ...[2]] }',
      '  : null',
      'var v = lock.?kind ?? lock!.name',
      'var w = map([1, 2], (x, i) => x + i)',
      "resource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = [for (n, i) in range(0, 2): if (i > 0) {",
      "  name: 'vm${i}'",
      "  resource ext 'extensions' = {",
      "    name: 'e'",
      '  }',
      '}]',
      "resource x 'Microsoft.Compute/virtualMachines@2024-07-01' existing = { name: 'x' }",
      "func f(a string) string => '${a}!'",
      'output o string = vm[0]::ext.name',
    ].join('\n');
    const result = parseBicep(text);
    expect(result.errors).toEqual([]);
    expect(result.statements.map((statement) => statement.kind)).toEqual([
      'import',
      'param',
      'param',
      'var',
      'var',
      'var',
      'var',
      'var',
      'resource',
      'resource',
      'func',
      'output',
    ]);
  });

  it('reports where the comments are, and patchwise-disable-next-line comments are read from them', () => {
    const text =
      "// patchwise-disable-next-line guest-patching/api-version extensions/x -- waiting for 2025 API\nparam a string = '// not a comment'\n/* block */\n";
    const result = parseBicep(text);
    expect(result.comments).toEqual([
      { start: 0, end: 94, block: false },
      { start: text.indexOf('/* block */'), end: text.indexOf('/* block */') + 11, block: true },
    ]);
    const document = new SourceDocument('x.bicep', text, undefined);
    expect(readDirectives(text, (offset) => document.positionAt(offset), result.comments)).toEqual([
      { targetLine: 2, line: 1, column: 1, rules: ['guest-patching/api-version', 'extensions/x'], reason: 'waiting for 2025 API' },
    ]);
  });
});
