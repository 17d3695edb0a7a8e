/**
 * The evaluation limits (src/template/expression/limits.ts) one by one, and the linear rewrites
 * keeping the old results: format's scanner against the regular expression it replaced, union and
 * intersection by hashing against deepEquals, rule globs against picomatch.
 */
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileNameGlob } from '../../src/engine/name-glob.js';
import { expandTemplate } from '../../src/template/expand.js';
import { formatString } from '../../src/template/expression/functions/text.js';
import { evaluateString, ExpressionError, type EvalScope } from '../../src/template/expression/index.js';
import { EvaluationBudget, EvaluationLimitError } from '../../src/template/expression/limits.js';
import { deepEquals } from '../../src/template/expression/runtime.js';
import { readJsonDocument } from '../../src/template/json.js';
import { Unknown, isUnknown } from '../../src/model/unknown.js';
import { SCHEMA } from './cases.js';

const scope = (budget?: EvaluationBudget): EvalScope => ({
  parameter: (name) => {
    throw new ExpressionError(`parameter '${name}' is not declared`);
  },
  variable: (name) => {
    throw new ExpressionError(`variable '${name}' is not declared`);
  },
  copyIndex: () => new Unknown('copyIndex()', 'no loop'),
  resourceGroup: () => ({ name: 'rg' }),
  subscription: () => ({ subscriptionId: 's' }),
  tenant: () => ({ tenantId: 't' }),
  managementGroup: () => new Unknown('managementGroup()', 'deployment time'),
  deployment: () => ({ name: 'd' }),
  environment: () => ({ name: 'AzureCloud' }),
  budget,
});

const evaluate = (text: string, budget?: EvaluationBudget): unknown => evaluateString(text, scope(budget));

describe('evaluation limits', () => {
  it('an array past the item cap is a limit, checked before it is built', () => {
    expect(() => evaluate("[flatten(map(range(0, 10000), lambda('x', range(0, 100))))]")).toThrow(EvaluationLimitError);
    expect(evaluate("[length(flatten(map(range(0, 100), lambda('x', range(0, 100)))))]")).toBe(10_000);
  });

  it('a string past the cap is a limit, before it is built', () => {
    expect(() => evaluate("[string(map(range(0, 100), lambda('i', replace(padLeft('', 16000, 'x'), 'x', 'xx'))))]")).toThrow(/longer than 1,048,576/);
    expect(() => evaluate(`[replace('${'a'.repeat(10_000)}', 'a', '${'b'.repeat(200)}')]`)).toThrow(EvaluationLimitError);
  });

  it('steps are counted across evaluations sharing a budget, and every later one stops at once', () => {
    const budget = new EvaluationBudget(50_000);
    expect(evaluate("[length(map(range(0, 1000), lambda('x', add(lambdaVariables('x'), 1))))]", budget)).toBe(1000);
    expect(() => evaluate("[length(map(range(0, 10000), lambda('x', length(range(0, 10000)))))]", budget)).toThrow(/evaluation budget/);
    expect(budget.exhausted).toBe(true);
    expect(() => evaluate('[add(1, 2)]', budget)).toThrow(EvaluationLimitError);
  });

  it('a limit in the expander is an expansion-limit diagnostic, reported once for a copy loop', () => {
    const text = JSON.stringify({
      $schema: SCHEMA,
      resources: [
        {
          type: 'Microsoft.Compute/virtualMachines',
          apiVersion: '2024-03-01',
          name: "[concat('vm', copyIndex())]",
          copy: { name: 'c', count: 800 },
          tags: { big: `[length(concat(${Array(70).fill("padLeft('', 16000, 'x')").join(', ')}))]` },
        },
      ],
    });
    const read = readJsonDocument('t.json', text);
    if (!read.ok) throw new Error('parse');
    const expanded = expandTemplate(read.document);
    expect(expanded.resources).toHaveLength(800);
    expect(expanded.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['expansion-limit']);
    expect(isUnknown(expanded.resources[0].body.tags && (expanded.resources[0].body.tags as Record<string, unknown>).big)).toBe(true);
  });
});

/** The regular expression format() used before the scanner (quadratic on `{0:` without `}`). */
function formatByRegex(format: string, values: unknown[]): string {
  return format.replace(/\{\{|\}\}|\{(\d+)(?:,(-?\d+))?(?::([^}]*))?\}/g, (match, index?: string, align?: string, spec?: string) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    let text = String(values[Number(index)]) + (spec ? `:${spec}` : '');
    if (align) text = Number(align) < 0 ? text.padEnd(-Number(align)) : text.padStart(Number(align));
    return text;
  });
}

describe('linear rewrites keep their results', () => {
  it('format: the scanner finds the items the regular expression found', () => {
    const values = ['a', 'b', 'c'];
    // Specs become text here so the comparison sees exactly what each matched.
    const viaScanner = (format: string) => formatString(format.replace(/\{(\d+)((?:,-?\d+)?):([^}]*)\}/g, '{$1$2}:$3'), values, new EvaluationBudget());
    fc.assert(
      fc.property(fc.array(fc.constantFrom('{', '}', '0', '1', '2', ':', ',', '-', 'x', 'N'), { maxLength: 24 }), (chars) => {
        const format = chars.join('');
        const rewritten = format.replace(/\{(\d+)((?:,-?\d+)?):([^}]*)\}/g, '{$1$2}:$3');
        let expected: string | Error;
        try {
          expected = formatByRegex(rewritten, values);
        } catch (error) {
          expected = error as Error;
        }
        if (expected instanceof Error) return;
        // An index past the values is an error for the scanner and "undefined" for the regex: not comparable.
        // The rewrite can create one (`{0:{}22}` becomes `{0}:{22}`), so look at what is formatted.
        if ([...rewritten.matchAll(/\{(\d+)/g)].some((m) => Number(m[1]) >= values.length)) return;
        expect(viaScanner(format)).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('format: a megabyte of "{0:" is linear', () => {
    const started = performance.now();
    formatString('{0:'.repeat(300_000), [1], new EvaluationBudget());
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('union and intersection keep deepEquals semantics (object keys without case, order, first spelling)', () => {
    expect(evaluate("[union(createArray(1, '1', createObject('A', 1)), createArray(createObject('a', 1), 2, 1))]")).toEqual([1, '1', { A: 1 }, 2]);
    expect(evaluate('[intersection(createArray(3, 1, 1, createArray(1)), createArray(1, createArray(1)), createArray(createArray(1), 1, 5))]')).toEqual([
      1,
      [1],
    ]);
    const json = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('a', 'A', 'b'),
        fc.array(tie('value'), { maxLength: 3 }),
        fc
          .dictionary(fc.constantFrom('k', 'K', 'j'), tie('value'), { maxKeys: 2 })
          // ARM property names are case-insensitive: one object never holds both `k` and `K` (equality between such objects is undefined).
          .filter((object) => !('k' in object && 'K' in object)),
      ),
    })).value;
    fc.assert(
      fc.property(fc.array(json, { maxLength: 8 }), fc.array(json, { maxLength: 8 }), (a, b) => {
        const union = evaluate(`[union(json('${JSON.stringify(a)}'), json('${JSON.stringify(b)}'))]`);
        const expected: unknown[] = [];
        for (const item of [...a, ...b]) if (!expected.some((other) => deepEquals(other, item))) expected.push(item);
        expect(union).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('rule and resource globs match as picomatch did for *, **, ? and {a,b}', () => {
    const patterns = [
      'guest-patching/*',
      '**',
      'guest-*/patch-*',
      '{guest-patching,hotpatch}/*',
      '?uest-patching/*',
      '**/windows-*',
      'vm*',
      'a{b,c{d,e}}f',
      'x/**/y',
    ];
    const names = [
      'guest-patching/windows-automatic-updates',
      'hotpatch/patch-mode',
      'GUEST-PATCHING/Patch-Mode',
      'vm1',
      'vm1/ext',
      'acdf',
      'x/y',
      'x/a/b/y',
      'parse-error',
    ];
    for (const pattern of patterns) {
      const glob = compileNameGlob(pattern);
      if (!glob.ok) throw new Error(glob.problem);
      for (const name of names) expect(glob.matches(name), `${pattern} ${name}`).toBe(picomatch(pattern, { nocase: true, dot: true })(name));
    }
  });

  it('rule globs that picomatch made exponential or refused are rejected at once', () => {
    const started = performance.now();
    for (const pattern of [`${'+([a-z/-])'.repeat(10)}X`, 'a'.repeat(70_000), '!(x)', '[ab]', '{a,b', `${'{a,b}'.repeat(7)}`])
      expect(compileNameGlob(pattern).ok, pattern.slice(0, 20)).toBe(false);
    const star = compileNameGlob(`${'*a'.repeat(500)}`);
    expect(star.ok && star.matches('a'.repeat(1000))).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
