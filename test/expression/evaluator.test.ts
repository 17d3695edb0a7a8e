/**
 * Table-driven tests of the ARM template expression language (src/template/expression) and of its
 * use by the expander (src/template/expand.ts).
 *
 * Expected values follow the documented Azure semantics (learn.microsoft.com, "ARM template
 * functions" and "Syntax and expressions in ARM templates"). Where the implementation disagrees
 * with the documentation, the implementation was fixed (range limit, union case, format RangeError, lambdas as values, concat and union arity).
 *
 * Conventions of the implementation (src/template/expression/index.ts): syntax errors, wrong
 * arity and undeclared names throw ExpressionError; runtime failures (wrong types, missing
 * properties, out-of-range indexes) and values only known at deployment become Unknown.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExpressionError, evaluateString, isExpression, parseExpression, type EvalScope } from '../../src/template/expression/index.js';
import { expandTemplate } from '../../src/template/expand.js';
import { readJsonDocument } from '../../src/template/json.js';
import { Unknown, isUnknown } from '../../src/model/unknown.js';
import { REPO_ROOT } from '../helpers/lint-fixture.js';

const SUB = '11111111-2222-3333-4444-555555555555';
const RG = 'my-rg';

const PARAMETERS: Record<string, unknown> = {
  obj: { Name: 'vm1', Nested: { Deep: 42, list: ['a', 'b'] }, 'with space': true },
  arr: ['zero', 'one', 'two'],
  objects: [{ name: 'first' }, { name: 'second' }],
  nothing: null,
  storagename: 'mystorage',
  unknownparam: new Unknown("parameters('unknownParam')", 'no value'),
  firstobject: { one: 'a', two: 'b', three: 'c1' },
  secondobject: { three: 'c2', four: 'd', five: 'e' },
};

const VARIABLES: Record<string, unknown> = {
  deepfirst: { property: { one: 'a', two: 'b', three: 'c1' }, nestedArray: [1, 2] },
  deepsecond: { property: { three: 'c2', four: 'd', five: 'e' }, nestedArray: [3, 4] },
  arrfirst: [['one', 'two'], ['three']],
  arrsecond: [['three'], ['four', 'two']],
};

/** A minimal EvalScope: names are case-insensitive, undeclared names throw ExpressionError. */
function makeScope(): EvalScope {
  const lookup = (table: Record<string, unknown>, kind: string, name: string): unknown => {
    const key = name.toLowerCase();
    if (!Object.prototype.hasOwnProperty.call(table, key)) throw new ExpressionError(`${kind} '${name}' is not declared`);
    return table[key];
  };
  return {
    parameter: (name) => lookup(PARAMETERS, 'parameter', name),
    variable: (name) => lookup(VARIABLES, 'variable', name),
    copyIndex: (loop) => (loop === undefined ? 3 : new Unknown(`copyIndex('${loop}')`, 'no such loop')),
    resourceGroup: () => ({
      id: `/subscriptions/${SUB}/resourceGroups/${RG}`,
      name: RG,
      location: 'westeurope',
      properties: { provisioningState: 'Succeeded' },
    }),
    subscription: () => ({ id: `/subscriptions/${SUB}`, subscriptionId: SUB, tenantId: 'tenant-id' }),
    tenant: () => ({ tenantId: 'tenant-id' }),
    managementGroup: () => new Unknown('managementGroup()', 'deployment time'),
    deployment: () => ({ name: 'deployment-name' }),
    environment: () => ({ name: 'AzureCloud' }),
  };
}

const scope = makeScope();
const evaluate = (text: string): unknown => evaluateString(text, scope);

type Case = [text: string, expected: unknown];

/** Table of `[expression, expected value]` rows, compared with toEqual. */
function table(cases: Case[]): void {
  it.each(cases)('%s', (text, expected) => {
    expect(evaluate(text)).toEqual(expected);
  });
}

/** A runtime failure: the implementation turns it into Unknown (never a crash, never a value). */
function expectRuntimeFailure(text: string): void {
  const value = evaluate(text);
  expect(isUnknown(value), `${text} gave ${JSON.stringify(value)}`).toBe(true);
}

/** An error ARM reports before evaluation (syntax, arity): ExpressionError. */
function expectExpressionError(text: string): void {
  expect(() => evaluate(text)).toThrow(ExpressionError);
}

/** Either way an error, never a value (for documented errors where either form is acceptable). */
function expectSomeError(text: string): void {
  let value: unknown;
  try {
    value = evaluate(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return;
  }
  expect(isUnknown(value), `${text} gave ${JSON.stringify(value)}`).toBe(true);
}

describe('uniqueString and guid: deterministic, as Azure computes them', () => {
  // Reference value computed by Microsoft's ARM expression library (Azure.Deployments.Expression,
  // ExpressionBuiltInFunctions.EvaluateFunction("uniqueString", …)), as asserted by a public test
  // of the Modm project; a value taken from a real deployment's output.
  const vmId =
    '/subscriptions/31e9f9a0-9fd2-4294-a0a3-0101246d9700/resourceGroups/rg-modm201-20230913120256/providers/Microsoft.Compute/virtualMachines/bobjacmodm201';
  table([[`[uniqueString('${vmId}')]`, 'yvjxno3je5on2']]);

  it('is 13 characters of a-z and 2-7, stable, and joins arguments with a dash', () => {
    const value = evaluate("[uniqueString('a', 'b')]") as string;
    expect(value).toMatch(/^[a-z2-7]{13}$/);
    expect(evaluate("[uniqueString('a-b')]")).toBe(value);
    expect(evaluate("[uniqueString('a', 'b')]")).toBe(value);
    expect(evaluate("[uniqueString('b', 'a')]")).not.toBe(value);
  });

  // guid(): RFC 4122 name-based v5 UUID in ARM's namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830 over
  // the arguments joined with '-' (Bicep docs); expected values from Python's uuid.uuid5.
  table([
    ["[guid('a', 'b')]", '2d796349-8c7e-55ec-9624-54ece82ed031'],
    [
      "[guid('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg', 'vm1', 'Virtual Machine Contributor')]",
      '8cc3fb2a-4707-5c60-8c90-af751a8400fa',
    ],
  ]);

  it('guid is a version-5 UUID of the dash-joined arguments', () => {
    const value = evaluate("[guid('a', 'b')]") as string;
    expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(evaluate("[guid('a-b')]")).toBe(value);
  });
});

describe('template strings: literals and escaping', () => {
  table([
    ['plain text', 'plain text'],
    ['', ''],
    // Documented: "[[test value]" resolves to "[test value]".
    ['[[test value]', '[test value]'],
    ["[[concat('a', 'b')]", "[concat('a', 'b')]"],
    // Documented: a string that does not end with ']' is not an expression and is not unescaped.
    ['[test] value', '[test] value'],
    ['not [an] expression', 'not [an] expression'],
    ['x]', 'x]'],
    // Single quotes inside a literal are doubled.
    ["['it''s']", "it's"],
    ["['''quoted''']", "'quoted'"],
    ["['']", ''],
    ["['''']", "'"],
    ["[concat('a''', '''b')]", "a''b"],
    ["['[not nested]']", '[not nested]'],
    ['[\'with "double" quotes\']', 'with "double" quotes'],
    // Documented example: output {"abc":"'quoted'"}.
    ["[createObject('abc', '''quoted''')]", { abc: "'quoted'" }],
    ['[42]', 42],
    ['[-7]', -7],
    ['[true()]', true],
    ['[false()]', false],
    ['[null()]', null],
    // Function names are case-insensitive (documented).
    ["[CONCAT('a', 'b')]", 'ab'],
    ["[ToUpper('abc')]", 'ABC'],
    ["[PARAMETERS('StorageName')]", 'mystorage'],
  ]);

  it('isExpression distinguishes expressions from escapes and plain strings', () => {
    expect(isExpression("[concat('a')]")).toBe(true);
    expect(isExpression('[[test value]')).toBe(false);
    expect(isExpression('[test] value')).toBe(false);
    expect(isExpression('plain')).toBe(false);
  });
});

describe('concat and format', () => {
  table([
    ["[concat('prefix', '-', 'suffix')]", 'prefix-suffix'],
    ["[concat('a')]", 'a'],
    ["[concat(createArray('1-1', '1-2', '1-3'), createArray('2-1', '2-2', '2-3'))]", ['1-1', '1-2', '1-3', '2-1', '2-2', '2-3']],
    ['[concat(createArray(1), createArray(), createArray(2, 3))]', [1, 2, 3]],
    ["[concat(parameters('arr'), createArray('three'))]", ['zero', 'one', 'two', 'three']],
    // Documented example of format().
    ["[format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133)]", 'Hello, User. Formatted number: 8,175,133'],
    ["[format('{0}', 'x')]", 'x'],
    ["[format('{1}{0}', 'a', 'b')]", 'ba'],
    ["[format('{0}-{0}', 'a')]", 'a-a'],
    ["[format('no placeholders')]", 'no placeholders'],
    ["[format('{0:D3}', 7)]", '007'],
    ["[format('{0:N2}', 1234.5)]", '1,234.50'],
    ["[format('{{{0}}}', 'x')]", '{x}'],
    ["[format('{0}', 12)]", '12'],
    ["[format('{0}', true())]", 'True'],
  ]);

  it('format with a missing argument is a runtime failure', () => expectSomeError("[format('{1}', 'a')]"));
  it('concat mixing arrays and strings is a failure', () => expectSomeError("[concat(createArray(1), 'a')]"));

  // Documented: concat's arg1 is required ("arg1 | Yes | array or string").
  // BUG (leniency): the implementation accepts concat() and returns ''.
  it('concat() without arguments is an arity error (documented: arg1 required)', () => expectExpressionError('[concat()]'));
});

describe('logical and comparison functions', () => {
  table([
    ["[if(equals(1, 1), 'yes', 'no')]", 'yes'],
    ["[if(equals(1, 2), 'yes', 'no')]", 'no'],
    ["[if(true(), createObject('a', 1), createArray())]", { a: 1 }],
    // Documented: only the branch taken is evaluated.
    ["[if(true(), 'ok', parameters('undeclared'))]", 'ok'],
    ["[if(false(), first(createArray()).missing, 'ok')]", 'ok'],
    ["[equals('demo', 'demo')]", true],
    ["[equals('demo', 'other')]", false],
    ['[equals(1, 1)]', true],
    ['[equals(1, 2)]', false],
    ["[equals(createArray('a', 'b'), createArray('a', 'b'))]", true],
    ["[equals(createArray('a', 'b'), createArray('b', 'a'))]", false],
    ["[equals(createObject('a', 1, 'b', 2), createObject('b', 2, 'a', 1))]", true],
    ["[equals(createObject('a', 1), createObject('a', 2))]", false],
    ['[not(true())]', false],
    ['[not(equals(1, 2))]', true],
    ['[and(true(), true())]', true],
    ['[and(true(), false())]', false],
    ['[and(true(), true(), false())]', false],
    ['[or(false(), false())]', false],
    ['[or(false(), true())]', true],
    ['[or(false(), false(), true())]', true],
    ['[less(1, 2)]', true],
    ["[less('a', 'b')]", true],
    ['[greater(2, 1)]', true],
    ['[lessOrEquals(2, 2)]', true],
    ['[greaterOrEquals(1, 2)]', false],
  ]);

  it('if() on an Unknown condition is Unknown', () => {
    expect(isUnknown(evaluate("[if(parameters('unknownParam'), 'a', 'b')]"))).toBe(true);
  });
  it('not() of a non-boolean is a failure', () => expectSomeError("[not('maybe')]"));
});

describe('empty, contains, length', () => {
  table([
    ['[empty(createArray())]', true],
    ['[empty(createObject())]', true],
    ["[empty('')]", true],
    ["[empty(createArray('a'))]", false],
    ["[empty(createObject('a', 1))]", false],
    ["[empty('a')]", false],
    // Documented example: empty(null()) is true.
    ['[empty(null())]', true],
    ["[contains('OneTwoThree', 'e')]", true],
    ["[contains('OneTwoThree', 'z')]", false],
    // Documented: string comparison is case-sensitive...
    ["[contains('OneTwoThree', 'one')]", false],
    // ...but object keys are compared case-insensitively.
    ["[contains(createObject('one', 'a', 'two', 'b'), 'one')]", true],
    ["[contains(createObject('one', 'a', 'two', 'b'), 'ONE')]", true],
    ["[contains(createObject('one', 'a'), 'three')]", false],
    ["[contains(createArray('one', 'two', 'three'), 'two')]", true],
    ["[contains(createArray('one', 'two', 'three'), 'four')]", false],
    ['[contains(createArray(1, 2), 2)]', true],
    ["[length('One Two Three')]", 13],
    ["[length(createArray('one', 'two', 'three'))]", 3],
    ["[length(createObject('propA', 'one', 'propB', 'two', 'propC', 'three', 'propD', createObject('propD-1', 'sub', 'propD-2', 'sub')))]", 4],
    ["[length('')]", 0],
    ['[length(createArray())]', 0],
    ["[length(parameters('arr'))]", 3],
  ]);

  it('length of a number is a failure', () => expectSomeError('[length(5)]'));
});

describe('toLower, toUpper, trim, split, replace, substring', () => {
  table([
    ["[toLower('One Two Three')]", 'one two three'],
    ["[toUpper('One Two Three')]", 'ONE TWO THREE'],
    ["[toLower('')]", ''],
    ["[trim('    one two three   ')]", 'one two three'],
    ["[trim('none')]", 'none'],
    ["[split('one,two,three', ',')]", ['one', 'two', 'three']],
    ["[split('one;two,three', createArray(',', ';'))]", ['one', 'two', 'three']],
    ["[split('abc', ',')]", ['abc']],
    ["[split('a,,b', ',')]", ['a', '', 'b']],
    ["[replace('123-123-1234', '-', '')]", '1231231234'],
    ["[replace('123-123-1234', '1234', 'xxxx')]", '123-123-xxxx'],
    ["[replace('aAa', 'a', 'b')]", 'bAb'],
    ["[substring('one two three', 4, 3)]", 'two'],
    ["[substring('one two three', 4)]", 'two three'],
    ["[substring('abc', 0, 0)]", ''],
    ["[substring('abc', 3)]", ''],
  ]);

  // Documented: "The index and length parameters must refer to a location within the string".
  it.each(["[substring('abc', 1, 5)]", "[substring('abc', 4)]", "[substring('abc', -1, 1)]"])('%s is a runtime failure', (text) => expectRuntimeFailure(text));
  it('toLower of a number is a failure', () => expectSomeError('[toLower(1)]'));
});

describe('string, int, bool, json', () => {
  table([
    // Documented examples of string().
    ["[string(createObject('valueA', 10, 'valueB', 'Example Text'))]", '{"valueA":10,"valueB":"Example Text"}'],
    ["[string(createArray('a', 'b', 'c'))]", '["a","b","c"]'],
    ['[string(5)]', '5'],
    ["[string('abc')]", 'abc'],
    ["[int('4')]", 4],
    ["[int('-12')]", -12],
    ['[int(7)]', 7],
    ["[bool('true')]", true],
    ["[bool('false')]", false],
    ['[bool(1)]', true],
    ['[bool(0)]', false],
    ['[json(\'{"a": "b"}\')]', { a: 'b' }],
    ['[json(\'{"a": {"b": [1, 2]}}\').a.b[1]]', 2],
    ["[json('[1, 2, 3]')]", [1, 2, 3]],
    ["[json('null')]", null],
    ["[json('true')]", true],
    ["[json('42')]", 42],
    ['[json(\'"demo"\')]', 'demo'],
  ]);

  it.each(["[int('four')]", "[bool('maybe')]", "[json('{not json')]", "[json('')]"])('%s is a runtime failure', (text) => expectRuntimeFailure(text));
});

describe('createArray, createObject, union, coalesce', () => {
  table([
    ["[createArray('a', 'b', 'c')]", ['a', 'b', 'c']],
    ['[createArray(1, 2, 3)]', [1, 2, 3]],
    ["[createArray(createArray('a'), createObject('b', 1))]", [['a'], { b: 1 }]],
    ['[createArray()]', []],
    [
      "[createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true(), 'arrayProp', createArray('a', 'b', 'c'), 'objectProp', createObject('key1', 'value1'))]",
      { intProp: 1, stringProp: 'abc', boolProp: true, arrayProp: ['a', 'b', 'c'], objectProp: { key1: 'value1' } },
    ],
    ['[createObject()]', {}],
    // Documented examples of union().
    ["[union(parameters('firstObject'), parameters('secondObject'))]", { one: 'a', two: 'b', three: 'c2', four: 'd', five: 'e' }],
    ["[union(createArray('one', 'two', 'three'), createArray('three', 'four'))]", ['one', 'two', 'three', 'four']],
    // Documented deep merge: nested objects merged, nested arrays replaced.
    ["[union(variables('deepFirst'), variables('deepSecond'))]", { property: { one: 'a', two: 'b', three: 'c2', four: 'd', five: 'e' }, nestedArray: [3, 4] }],
    ["[union(variables('arrFirst'), variables('arrSecond'))]", [['one', 'two'], ['three'], ['four', 'two']]],
    ['[union(createArray(1, 1, 2), createArray(2, 3), createArray(3, 4))]', [1, 2, 3, 4]],
    // Documented: coalesce returns the first non-null value; empty values are not null.
    ["[coalesce(null(), null(), 'default')]", 'default'],
    ['[coalesce(null(), 1, 2)]', 1],
    ["[coalesce('', 'other')]", ''],
    ['[coalesce(null(), createArray())]', []],
    ['[coalesce(null(), createObject())]', {}],
    ['[coalesce(null())]', null],
    ["[coalesce(parameters('nothing'), 'fallback')]", 'fallback'],
  ]);

  it('createObject with an odd number of arguments is a failure', () => expectSomeError("[createObject('a')]"));
  it('union of an array and an object is a failure', () => expectSomeError("[union(createArray(1), createObject('a', 1))]"));
  it('createArray keeps Unknown items instead of becoming Unknown', () => {
    const value = evaluate("[createArray(1, parameters('unknownParam'))]");
    expect(Array.isArray(value)).toBe(true);
    expect(isUnknown((value as unknown[])[1])).toBe(true);
  });

  // ARM property names are case-insensitive (documented for expressions; member access works that
  // way here too), so union must treat 'a' and 'A' as the same property: later value wins.
  // BUG: union(createObject('a', 1), createObject('A', 2)) returns {"a":1,"A":2}.
  it('union treats property names case-insensitively', () => {
    const value = evaluate("[union(createObject('a', 1), createObject('A', 2))]") as Record<string, unknown>;
    expect(Object.keys(value)).toHaveLength(1);
    expect(Object.values(value)).toEqual([2]);
  });

  // BUG: the nested case duplicates the merged object under both spellings:
  // union({a:{x:1}}, {A:{y:2}}) returns {"a":{"x":1},"A":{"x":1,"y":2}}.
  it('union deep-merges nested objects whose names differ only in case', () => {
    const value = evaluate("[union(createObject('a', createObject('x', 1)), createObject('A', createObject('y', 2)))]") as Record<string, unknown>;
    expect(Object.keys(value)).toHaveLength(1);
    expect(Object.values(value)).toEqual([{ x: 1, y: 2 }]);
  });

  // Documented: union's arg1 and arg2 are both required.
  // BUG (leniency): union() with one argument is accepted (min arity 1).
  it('union() with one argument is an arity error (documented: arg2 required)', () => expectExpressionError('[union(createArray(1))]'));
});

describe('first, last, take, skip, range', () => {
  table([
    ["[first(createArray('one', 'two', 'three'))]", 'one'],
    ["[first('One Two Three')]", 'O'],
    ["[last(createArray('one', 'two', 'three'))]", 'three'],
    ["[last('One Two Three')]", 'e'],
    ["[first(parameters('objects')).name]", 'first'],
    ["[take(createArray('one', 'two', 'three'), 2)]", ['one', 'two']],
    ["[take('one two three', 2)]", 'on'],
    // Documented: <= 0 gives an empty value; more than the length gives everything.
    ["[take(createArray('one', 'two'), 0)]", []],
    ["[take(createArray('one', 'two'), -1)]", []],
    ["[take('abc', -1)]", ''],
    ["[take(createArray('one', 'two'), 10)]", ['one', 'two']],
    ["[skip(createArray('one', 'two', 'three'), 2)]", ['three']],
    ["[skip('one two three', 4)]", 'two three'],
    // Documented: <= 0 gives everything; more than the length gives an empty value.
    ["[skip(createArray('one', 'two'), 0)]", ['one', 'two']],
    ["[skip(createArray('one', 'two'), -3)]", ['one', 'two']],
    ["[skip(createArray('one', 'two'), 10)]", []],
    ["[skip('abc', 10)]", ''],
    // Documented example of range().
    ['[range(5, 3)]', [5, 6, 7]],
    ['[range(1, 3)]', [1, 2, 3]],
    ['[range(0, 0)]', []],
    ['[range(-2, 3)]', [-2, -1, 0]],
    ['[length(range(0, 10000))]', 10000],
  ]);

  // Documented: count "must be non-negative integer up to 10000".
  it.each(['[range(1, -1)]', '[range(0, 10001)]'])('%s is a runtime failure', (text) => expectRuntimeFailure(text));

  // Documented: "The sum of startIndex and count must be no greater than 2147483647."
  // BUG: range(2147483647, 2) returns [2147483647, 2147483648].
  it('range rejects startIndex + count > 2147483647 (documented)', () => expectSomeError('[range(2147483647, 2)]'));
});

describe('resourceId and friends', () => {
  const prefix = `/subscriptions/${SUB}/resourceGroups/${RG}/providers`;
  table([
    ["[resourceId('Microsoft.Storage/storageAccounts', 'st1')]", `${prefix}/Microsoft.Storage/storageAccounts/st1`],
    ["[resourceId('Microsoft.Storage/storageAccounts', parameters('storageName'))]", `${prefix}/Microsoft.Storage/storageAccounts/mystorage`],
    ["[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'default')]", `${prefix}/Microsoft.Network/virtualNetworks/vnet/subnets/default`],
    ["[resourceId('Microsoft.Compute/virtualMachines/extensions', 'vm1', 'ext')]", `${prefix}/Microsoft.Compute/virtualMachines/vm1/extensions/ext`],
    // With a resource group argument.
    [
      "[resourceId('otherResourceGroup', 'Microsoft.Storage/storageAccounts', 'st1')]",
      `/subscriptions/${SUB}/resourceGroups/otherResourceGroup/providers/Microsoft.Storage/storageAccounts/st1`,
    ],
    // With subscription and resource group arguments.
    [
      "[resourceId('aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', 'otherResourceGroup', 'Microsoft.Storage/storageAccounts', 'st1')]",
      '/subscriptions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/resourceGroups/otherResourceGroup/providers/Microsoft.Storage/storageAccounts/st1',
    ],
    ["[resourceId(subscription().subscriptionId, resourceGroup().name, 'Microsoft.Web/sites', 'app')]", `${prefix}/Microsoft.Web/sites/app`],
    ["[RESOURCEID('Microsoft.Storage/storageAccounts', 'st1')]", `${prefix}/Microsoft.Storage/storageAccounts/st1`],
    ["[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg2')]", `/subscriptions/${SUB}/providers/Microsoft.Resources/resourceGroups/rg2`],
    [
      "[subscriptionResourceId('aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', 'Microsoft.Resources/resourceGroups', 'rg2')]",
      '/subscriptions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/providers/Microsoft.Resources/resourceGroups/rg2',
    ],
    ["[tenantResourceId('Microsoft.Management/managementGroups', 'mg1')]", '/providers/Microsoft.Management/managementGroups/mg1'],
    [
      "[extensionResourceId(resourceId('Microsoft.Storage/storageAccounts', 'st1'), 'Microsoft.Authorization/locks', 'lock')]",
      `${prefix}/Microsoft.Storage/storageAccounts/st1/providers/Microsoft.Authorization/locks/lock`,
    ],
  ]);

  it('resourceId with too few name segments is a runtime failure', () =>
    expectRuntimeFailure("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')]"));
  it('resourceId with an Unknown name is Unknown', () => {
    expect(isUnknown(evaluate("[resourceId('Microsoft.Storage/storageAccounts', parameters('unknownParam'))]"))).toBe(true);
  });
  it('resourceId without a resource type argument is a failure', () => expectSomeError("[resourceId('a', 'b')]"));
});

describe('member access and indexing', () => {
  table([
    ["[parameters('obj').Name]", 'vm1'],
    // Property names are case-insensitive.
    ["[parameters('obj').name]", 'vm1'],
    ["[parameters('obj').NAME]", 'vm1'],
    ["[parameters('obj')['name']]", 'vm1'],
    ["[parameters('obj')['NAME']]", 'vm1'],
    ["[parameters('obj').nested.deep]", 42],
    ["[parameters('obj')['NESTED']['Deep']]", 42],
    ["[parameters('obj').nested.list[1]]", 'b'],
    ["[parameters('obj')['with space']]", true],
    ["[parameters('arr')[0]]", 'zero'],
    ["[parameters('arr')[2]]", 'two'],
    ["[parameters('arr')[add(1, 1)]]", 'two'],
    ["[parameters('objects')[1].name]", 'second'],
    ["[createObject('a', createArray(1, 2))['A'][1]]", 2],
    ["[createArray(createArray('x', 'y'))[0][1]]", 'y'],
    ['[resourceGroup().name]', RG],
    ['[resourceGroup().properties.provisioningState]', 'Succeeded'],
    ['[subscription().subscriptionId]', SUB],
    ['[copyIndex()]', 3],
    ['[copyIndex(1)]', 4],
  ]);

  it.each([
    ["[parameters('obj').missing]"],
    ["[parameters('arr')[3]]"],
    ["[parameters('arr')[-1]]"],
    ["[parameters('arr').name]"],
    ["[parameters('nothing').name]"],
    ["[parameters('obj')[0]]"],
    ["['text'.length]"],
  ])('%s is a runtime failure', (text) => expectRuntimeFailure(text));

  it('member access on an Unknown value stays Unknown', () => {
    expect(isUnknown(evaluate("[parameters('unknownParam').a.b[0]]"))).toBe(true);
    expect(isUnknown(evaluate("[copyIndex('noSuchLoop')]"))).toBe(true);
  });
});

describe('deployment-time functions give Unknown, not errors', () => {
  it.each([
    ["[reference('st1')]"],
    ["[reference('st1').primaryEndpoints.blob]"],
    ["[reference(resourceId('Microsoft.Storage/storageAccounts', 'st1'), '2023-01-01', 'Full').properties.x]"],
    ["[reference('st1')['items'][3]]"],
    ["[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st1'), '2023-01-01')]"],
    ["[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st1'), '2023-01-01').keys[0].value]"],
    ["[listSecrets('id', '2020-01-01').value]"],
    ["[listAccountSas('id', '2020-01-01', createObject())]"],
    ["[concat('prefix-', reference('st1').name)]"],
    ["[toUpper(listKeys('id', '2020-01-01').key1)]"],
    ["[length(reference('st1').items)]"],
    ['[utcNow()]'],
    ['[newGuid()]'],
  ])('%s', (text) => {
    const value = evaluate(text);
    expect(isUnknown(value)).toBe(true);
  });

  it('the Unknown records the expression and a reason', () => {
    const value = evaluate("[reference('st1').x]") as Unknown;
    expect(value).toBeInstanceOf(Unknown);
    expect(value.expression).toContain('reference');
    expect(value.reason.length).toBeGreaterThan(0);
  });

  it('an Unknown argument does not hide a decisive or()/and() argument', () => {
    expect(evaluate("[or(reference('x').enabled, true())]")).toBe(true);
    expect(evaluate("[and(reference('x').enabled, false())]")).toBe(false);
    expect(isUnknown(evaluate("[and(reference('x').enabled, true())]"))).toBe(true);
  });
});

describe('unknown functions, wrong arity, syntax errors', () => {
  it.each([['[notAFunction()]'], ["[someFunction('a', 1)]"], ["[concat('a', notAFunction())]"], ["[myNamespace.myFunction('a')]"]])(
    '%s gives Unknown',
    (text) => {
      expect(isUnknown(evaluate(text))).toBe(true);
    },
  );

  it.each([
    ["[if(true(), 'a')]"],
    ["[if(true(), 'a', 'b', 'c')]"],
    ['[toLower()]'],
    ["[toLower('a', 'b')]"],
    ['[equals(1)]'],
    ['[not()]'],
    ['[substring()]'],
    ["[substring('a', 0, 1, 2)]"],
    ["[resourceId('Microsoft.Storage/storageAccounts')]"],
    ['[range(1)]'],
    ["[split('a')]"],
    ["[replace('a', 'b')]"],
    ['[trim()]'],
    ['[length()]'],
    ["[length('a', 'b')]"],
    ['[json()]'],
    ['[first()]'],
    ['[take(createArray())]'],
    ['[int()]'],
    ['[reference()]'],
    ['[string()]'],
    ['[empty()]'],
    ["[contains('a')]"],
    ['[true(1)]'],
    ['[and()]'],
    ['[coalesce()]'],
  ])('%s is an arity error (ExpressionError)', (text) => expectExpressionError(text));

  it.each([
    ["[concat('a']"],
    ["[concat('a)]"],
    ["[concat('a',)]"],
    ["[concat('a' 'b')]"],
    ['[]'],
    ['[ ]'],
    ['[foo]'],
    ['[1 2]'],
    ['[#]'],
    ["[parameters('obj').]"],
    ["[parameters('arr')[0]"],
    ['[(1)]'],
  ])('%s is a syntax error (ExpressionError)', (text) => expectExpressionError(text));

  it('an undeclared parameter throws ExpressionError (from the scope)', () => expectExpressionError("[parameters('undeclared')]"));

  // String literals end at a quote that is not doubled (the tokenizer matches them with a regular expression: no backtracking into a doubled quote).
  it.each([
    ["''''", "'"],
    ["'a'''", "a'"],
    ["'it''s'", "it's"],
    ["''", ''],
    ["concat('a''', 'b')", "a'b"],
  ])('the literal %s is the string %j', (text, value) => {
    expect(evaluateString(`[${text}]`, scope)).toBe(value);
  });

  it.each([
    ["'''", 0],
    ["'a'''b'", 6],
    ["concat('a', 'b)", 12],
    ['-', 0],
    ['1.2.3', 0],
    ['concat(1, é)', 10],
  ])('%s is a lexical error at offset %i', (text, offset) => {
    try {
      parseExpression(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as ExpressionError).offset).toBe(offset);
    }
  });

  it('ExpressionError from the parser carries an offset', () => {
    try {
      parseExpression("concat('a' 'b')");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as ExpressionError).offset).toBe(11);
    }
  });
});

describe('contract violations found while testing', () => {
  // index.ts documents: "Throws ExpressionError only for syntax errors and undeclared names";
  // runtime failures should become Unknown. .NET would reject these format strings with a
  // FormatException (a deployment error), i.e. a runtime failure.
  // BUG: each of these throws a raw RangeError out of evaluateString.
  it.each([["[format('{0:N101}', 1)]"], ["[format('{0:D2000000000}', 1)]"], ["[format('{0,2000000000}', 'a')]"], ["[format('{0:X2000000000}', 1)]"]])(
    '%s fails as a runtime error, not a RangeError',
    (text) => expectSomeError(text),
  );

  // Documented (ARM lambda functions): a lambda can only be used directly as an argument of
  // filter, groupBy, map, mapValues, reduce, sort or toObject.
  // BUG: string(lambda('x', 1)) returns a JSON dump of the evaluator's internals (the lambda
  // body AST and the whole evaluation context, including the expander's frame in expandTemplate).
  it("[string(lambda('x', 1))] is an error, not a serialized Lambda", () => expectSomeError("[string(lambda('x', 1))]"));
});

describe('lambda functions (sanity)', () => {
  table([
    ["[map(createArray(1, 2, 3), lambda('x', mul(lambdaVariables('x'), 2)))]", [2, 4, 6]],
    ["[filter(createArray(1, 2, 3, 4), lambda('x', equals(mod(lambdaVariables('x'), 2), 0)))]", [2, 4]],
    ["[reduce(createArray(1, 2, 3), 0, lambda('acc', 'x', add(lambdaVariables('acc'), lambdaVariables('x'))))]", 6],
    ["[sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]", [1, 2, 3]],
    ["[toObject(parameters('objects'), lambda('o', lambdaVariables('o').name))]", { first: { name: 'first' }, second: { name: 'second' } }],
  ]);
});

describe('expandTemplate evaluates expressions in templates', () => {
  function expand(template: Record<string, unknown>, target?: Record<string, unknown>) {
    const read = readJsonDocument('template.json', JSON.stringify(template));
    if (!read.ok) throw new Error('test template does not parse');
    return expandTemplate(read.document, { target });
  }

  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: {
      prefix: { type: 'string', defaultValue: 'Web' },
      count: { type: 'int', defaultValue: 2 },
    },
    variables: {
      lowerPrefix: "[toLower(parameters('PREFIX'))]",
      tags: { env: 'test' },
    },
    resources: [
      {
        type: 'Microsoft.Storage/storageAccounts',
        apiVersion: '2023-01-01',
        name: "[concat(variables('LOWERPREFIX'), 'st', copyIndex(1))]",
        copy: { name: 'storageLoop', count: "[parameters('count')]" },
        properties: {
          selfId: "[resourceId('Microsoft.Storage/storageAccounts', concat(variables('lowerPrefix'), 'st'))]",
          escaped: '[[literal]',
          notExpression: '[literal] text',
          env: "[variables('tags').ENV]",
          endpoint: "[reference('other').primaryEndpoints.blob]",
        },
      },
    ],
  };

  it('evaluates names in copy loops, parameter defaults and variables (case-insensitively)', () => {
    const result = expand(template);
    expect(result.resources.map((resource) => resource.name)).toEqual(['webst1', 'webst2']);
  });

  it('evaluates properties: resourceId with the target, [[ escapes, member access, reference() as Unknown', () => {
    const result = expand(template, { subscriptionId: SUB, resourceGroupName: RG });
    const properties = result.resources[0].body.properties as Record<string, unknown>;
    expect(properties.selfId).toBe(`/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/webst`);
    expect(properties.escaped).toBe('[literal]');
    expect(properties.notExpression).toBe('[literal] text');
    expect(properties.env).toBe('test');
    expect(isUnknown(properties.endpoint)).toBe(true);
  });

  it('never throws on bad expressions: they become Unknown with a diagnostic', () => {
    const bad = {
      ...template,
      variables: { ...template.variables, broken: "[concat('a']" },
      resources: [
        {
          type: 'Microsoft.Storage/storageAccounts',
          apiVersion: '2023-01-01',
          name: 'st',
          properties: { syntax: "[variables('broken')]", arity: '[toLower()]', notAnExpression: "[concat('a'", rangeError: "[format('{0:N101}', 1)]" },
        },
      ],
    };
    const result = expand(bad);
    const properties = result.resources[0].body.properties as Record<string, unknown>;
    expect(isUnknown(properties.syntax)).toBe(true);
    expect(isUnknown(properties.arity)).toBe(true);
    // Does not end with ']': a literal string, as documented.
    expect(properties.notAnExpression).toBe("[concat('a'");
    // The RangeError escaping evaluateString (see above) is contained by the expander.
    expect(isUnknown(properties.rangeError)).toBe(true);
    expect(result.diagnostics.some((diagnostic) => diagnostic.message.includes('toLower()'))).toBe(true);
  });

  // See "contract violations": in expandTemplate the serialized lambda leaks the expander's frame.
  it('a lambda outside a lambda function does not leak evaluator state into resource properties', () => {
    const leaky = {
      ...template,
      resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: 'st', properties: { value: "[string(lambda('x', 1))]" } }],
    };
    const properties = expand(leaky).resources[0].body.properties as Record<string, unknown>;
    expect(typeof properties.value === 'string' && properties.value.includes('"frame"')).toBe(false);
  });
});

describe('items()', () => {
  it('orders the keys alphabetically, with their values', () => {
    expect(evaluate(`[items(json('{"zb": 1, "Ab": 2, "aab": 3}'))]`)).toEqual([
      { key: 'aab', value: 3 },
      { key: 'Ab', value: 2 },
      { key: 'zb', value: 1 },
    ]);
  });

  it('orders them the same whatever the locale of the machine (Danish sorts "aa" after "z")', () => {
    // ICU takes its default locale from the environment at start-up: a process of its own.
    const script = [
      `const { evaluateString } = await import(${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'src/template/expression/index.ts')).href)});`,
      `const value = evaluateString(\`[items(json('{"zb": 1, "aab": 2}'))]\`, { parameter() {}, variable() {} });`,
      'process.stdout.write(value.map((item) => item.key).join(" ") + " " + new Intl.Collator().resolvedOptions().locale);',
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, LANG: 'da_DK.UTF-8', LC_ALL: 'da_DK.UTF-8' },
    });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('aab zb da-DK');
  });
});
