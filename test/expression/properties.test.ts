/**
 * Property-based tests (fast-check) of the ARM template expression language.
 * numRuns are kept moderate: the whole file runs in well under 5 seconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpressionError, FUNCTION_NAMES, evaluateString, parseExpression, type EvalScope } from '../../src/template/expression/index.js';
import { Unknown, isUnknown } from '../../src/model/unknown.js';

const scope: EvalScope = {
  parameter: (name) => {
    if (name.toLowerCase() === 'p') return { a: 1, list: [1, 2, 3], name: 'x' };
    throw new ExpressionError(`parameter '${name}' is not declared`);
  },
  variable: (name) => {
    if (name.toLowerCase() === 'v') return 'value';
    throw new ExpressionError(`variable '${name}' is not declared`);
  },
  copyIndex: (loop) => (loop === undefined ? 0 : new Unknown('copyIndex', 'no loop')),
  resourceGroup: () => ({ id: '/subscriptions/s/resourceGroups/rg', name: 'rg', location: 'westeurope' }),
  subscription: () => ({ id: '/subscriptions/s', subscriptionId: 's', tenantId: 't' }),
  tenant: () => ({ tenantId: 't' }),
  managementGroup: () => new Unknown('managementGroup()', 'deployment time'),
  deployment: () => ({ name: 'd' }),
  environment: () => ({ name: 'AzureCloud' }),
};

const evaluate = (text: string): unknown => evaluateString(text, scope);

/** An ARM string literal for s: single quotes doubled. */
const quote = (s: string): string => `'${s.replaceAll("'", "''")}'`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An expression that evaluates to the given JSON value. */
function literal(value: Json): string {
  if (value === null) return 'null()';
  if (typeof value === 'boolean') return value ? 'true()' : 'false()';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `createArray(${value.map(literal).join(', ')})`;
  return `createObject(${Object.entries(value)
    .map(([key, item]) => `${quote(key)}, ${literal(item)}`)
    .join(', ')})`;
}

const jsonValue: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 3, depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.string({ maxLength: 8 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const asciiString = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 40 });

/** Tokens of the expression language, to build strings that get deep into the parser. */
const TOKENS = [
  'concat',
  'parameters',
  'resourceId',
  'if',
  'true',
  'null',
  'x',
  'ns',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  ' ',
  "'a'",
  "''",
  "'",
  "'it''s'",
  '1',
  '-2',
  '1.5',
  '1.2.3',
  '-',
  '#',
  '"',
  '\t',
  '99999999999999999999',
];
const tokenString = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join(''));

function throwsOnlyExpressionError(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw new Error(`threw ${String(error)} (${(error as Error)?.constructor?.name}), not ExpressionError`);
  }
}

describe('(a) the parser only ever throws ExpressionError', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => throwsOnlyExpressionError(() => parseExpression(text))),
      { numRuns: 400 },
    );
  });

  it('on arbitrary full-unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => throwsOnlyExpressionError(() => parseExpression(text))),
      { numRuns: 300 },
    );
  });

  it('on strings built from expression tokens', () => {
    fc.assert(
      fc.property(tokenString, (text) => throwsOnlyExpressionError(() => parseExpression(text))),
      { numRuns: 800 },
    );
  });

  it('on deeply nested calls, indexes and member chains', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.constantFrom('call', 'index', 'member'), (depth, shape) => {
        const text =
          shape === 'call'
            ? `${'f('.repeat(depth)}1${')'.repeat(depth)}`
            : shape === 'index'
              ? `x()${"['a'".repeat(depth)}${']'.repeat(depth)}`
              : `x()${'.a'.repeat(depth)}`;
        throwsOnlyExpressionError(() => parseExpression(text));
        throwsOnlyExpressionError(() => evaluate(`[${text}]`));
      }),
      { numRuns: 60 },
    );
  });

  it('evaluateString of token strings throws only ExpressionError', () => {
    fc.assert(
      fc.property(tokenString, (text) => throwsOnlyExpressionError(() => evaluate(`[${text}]`))),
      { numRuns: 500 },
    );
  });
});

describe('(b) string literals round-trip', () => {
  it("[concat('<s with ' doubled>')] is s", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(evaluate(`[concat(${quote(s)})]`)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('strings heavy in quotes and brackets round-trip, alone and inside concat', () => {
    const tricky = fc
      .array(fc.constantFrom("'", "''", '[', ']', '[[', '(', ')', ',', '.', ' ', 'a', '"', '\\'), { maxLength: 20 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(tricky, tricky, (a, b) => {
        expect(evaluate(`[${quote(a)}]`)).toBe(a);
        expect(evaluate(`[concat(${quote(a)}, ${quote(b)})]`)).toBe(a + b);
      }),
      { numRuns: 300 },
    );
  });
});

describe('(c) range', () => {
  it('length(range(a, b)) == b for non-negative a, b within the documented limits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.nat(), (count, seed) => {
        const start = seed % (2_147_483_647 - count + 1);
        expect(evaluate(`[length(range(${start}, ${count}))]`)).toBe(count);
        const values = evaluate(`[range(${start}, ${count})]`) as number[];
        if (count > 0) {
          expect(values[0]).toBe(start);
          expect(values[count - 1]).toBe(start + count - 1);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('(d) case functions', () => {
  it('toUpper(toLower(x)) == toUpper(x) for ASCII strings', () => {
    fc.assert(
      fc.property(asciiString, (x) => {
        const upper = evaluate(`[toUpper(${quote(x)})]`);
        expect(evaluate(`[toUpper(toLower(${quote(x)}))]`)).toBe(upper);
        expect(upper).toBe(x.toUpperCase());
        expect(evaluate(`[toLower(toUpper(${quote(x)}))]`)).toBe(x.toLowerCase());
      }),
      { numRuns: 300 },
    );
  });
});

describe('(e) strings that are not expressions', () => {
  it("a string not starting with '[' is returned unchanged", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }).filter((s) => !s.startsWith('[')),
        (s) => {
          expect(evaluate(s)).toBe(s);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a string starting with '[' but not ending with ']' is returned unchanged (documented: \"[test] value\")", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }).filter((s) => !s.startsWith('[') && !s.endsWith(']')),
        (s) => {
          expect(evaluate(`[${s}`)).toBe(`[${s}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("'[[...]' is unescaped to '[...]' and never evaluated (documented: \"[[test value]\")", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(evaluate(`[[${s}]`)).toBe(`[${s}]`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('(f) concat of arrays', () => {
  it('has length = sum of lengths and is their concatenation', () => {
    fc.assert(
      fc.property(fc.array(fc.array(jsonValue, { maxLength: 5 }), { minLength: 1, maxLength: 6 }), (arrays) => {
        const result = evaluate(`[concat(${arrays.map(literal).join(', ')})]`) as unknown[];
        expect(result).toHaveLength(arrays.reduce((sum, array) => sum + array.length, 0));
        expect(result).toEqual(arrays.flat(1));
        expect(evaluate(`[length(concat(${arrays.map(literal).join(', ')}))]`)).toBe(result.length);
      }),
      { numRuns: 150 },
    );
  });

  it('literal() builds expressions that evaluate back to the value (sanity of the generator)', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(evaluate(`[${literal(value)}]`)).toEqual(value);
      }),
      { numRuns: 150 },
    );
  });
});

describe('(g) random well-formed expressions', () => {
  const STRINGS = ['', 'a', 'Abc', 'x,y', '{0}', '1', 'true', '[1,2]', '{"a":1}', 'Microsoft.Storage/storageAccounts', 'name', "it's", 'p', 'v', 'x'];
  const NAMES = [...FUNCTION_NAMES, 'notAFunction', 'listKeys', 'reference'];

  const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { maxDepth: 4, depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...STRINGS).map(quote),
      fc.integer({ min: -3, max: 12 }).map(String),
      fc.constantFrom('true()', 'false()', 'null()', "parameters('p')", "variables('v')", 'resourceGroup()', "lambdaVariables('x')"),
      fc.tuple(fc.constantFrom(...NAMES), fc.array(tie('expr'), { maxLength: 4 })).map(([name, args]) => `${name}(${args.join(', ')})`),
      fc.tuple(tie('expr')).map(([body]) => `lambda('x', ${body})`),
      // A number literal directly followed by '.' would be read as a decimal point: wrap it.
      fc
        .tuple(tie('expr'), fc.constantFrom('a', 'name', 'list', 'Name', 'missing'))
        .map(([target, name]) => `${/^-?\d+$/.test(target) ? `int(${target})` : target}.${name}`),
      fc.tuple(tie('expr'), tie('expr')).map(([target, index]) => `${target}[${index}]`),
    ),
  })).expr;

  it('parse, never throw a non-Error, and terminate quickly', () => {
    fc.assert(
      fc.property(expression, (text) => {
        expect(() => parseExpression(text)).not.toThrow();
        const started = performance.now();
        try {
          evaluate(`[${text}]`);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
        expect(performance.now() - started).toBeLessThan(250);
      }),
      { numRuns: 400 },
    );
  });

  it('only ever throw ExpressionError (arity, undeclared names), never an internal error', () => {
    fc.assert(
      fc.property(expression, (text) => throwsOnlyExpressionError(() => evaluate(`[${text}]`))),
      { numRuns: 400 },
    );
  });

  it('an Unknown argument of a strict function makes the result Unknown, never an error', () => {
    const strict = ['toLower', 'toUpper', 'trim', 'length', 'empty', 'string', 'int', 'json', 'first', 'last', 'base64'];
    fc.assert(
      fc.property(fc.constantFrom(...strict), (name) => {
        expect(isUnknown(evaluate(`[${name}(reference('r').value)]`))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
