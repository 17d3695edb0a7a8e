/**
 * Fuzzing read → expand → lint: the fixtures (fixtures/arm/**) with values and structure mutated
 * by fast-check, hostile expressions among the replacements. Every run completes within a time
 * bound, throws nothing and produces no internal-error finding. The run count is modest so the
 * file takes a few seconds; raise FUZZ_RUNS locally for a longer search.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { lintTemplate } from '../../src/engine/lint.js';
import { FIXTURES, TODAY } from '../helpers/lint-fixture.js';
import { extglobBomb } from './cases.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const TIME_BOUND_MS = 10_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

const fixtures = ((): Array<{ name: string; value: Json }> => {
  const out: Array<{ name: string; value: Json }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json') && !name.endsWith('.parameters.json')) {
        try {
          out.push({ name: path.slice(FIXTURES.length + 1), value: JSON.parse(readFileSync(path, 'utf8')) as Json });
        } catch {
          // the parse-error fixtures
        }
      }
    }
  };
  walk(FIXTURES);
  return out;
})();

/** Expressions that once hung, blew up memory or crashed, and ordinary ones. */
const EXPRESSIONS = [
  "[flatten(map(range(0, 10000), lambda('x', range(0, 10000))))]",
  "[reduce(range(0, 40), createArray(1), lambda('a', 'x', concat(lambdaVariables('a'), lambdaVariables('a'))))]",
  "[map(range(0, 10000), lambda('x', length(map(range(0, 10000), lambda('y', length(range(0, 10000)))))))]",
  '[intersection(range(0, 10000), range(0, 10000))]',
  `[format('${'{0:'.repeat(3000)}', 1)]`,
  "[string(createArray(padLeft('', 16000, 'x'), padLeft('', 16000, 'y')))]",
  "[json('[[[[[[[[[[1]]]]]]]]]]')]",
  "[createArray(createArray(createArray(variables('missing'), 1), createArray(2)), createArray(3))]",
  '[copyIndex()]',
  "[parameters('adminPassword')]",
  "[concat('vm', copyIndex())]",
  '[resourceGroup().location]',
  "[if(equals(1, 1), 'Manual', 'AutomaticByOS')]",
  "[union(createObject('A', 1), createObject('a', createObject('b', 2)))]",
  '[unclosed(',
];

const replacement: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(...EXPRESSIONS, null, true, false, 0, -1, 800, 100_000, 1e308, '', 'Manual', 'AutomaticByPlatform', 'AutomaticByOS', 'ImageDefault'),
  fc.constantFrom<Json>(`${' '.repeat(20_000)}x`, 'x'.repeat(70_000), {
    copy: [{ name: 'c', count: 800, input: { copy: [{ name: 'd', count: 800, input: "[copyIndex('d')]" }] } }],
  }),
  fc.constantFrom<Json>({ patchwise: { suppress: [extglobBomb(10), 'a'.repeat(70_000), '*'] } }, { name: 'loop', count: 100_000 }),
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

/** Paths to every value of a template. */
function pathsOf(value: Json, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, index) => pathsOf(item, [...path, index], out));
  else if (value !== null && typeof value === 'object') for (const key of Object.keys(value)) pathsOf(value[key], [...path, key], out);
  return out;
}

function mutate(root: Json, path: Path, operation: 'replace' | 'delete' | 'duplicate', value: Json): Json {
  const copy = structuredClone(root);
  if (path.length === 0) return operation === 'replace' ? value : copy;
  let parent = copy as Record<string | number, Json>;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (operation === 'replace') parent[last] = value;
  else if (operation === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (Array.isArray(parent)) parent.push(structuredClone(parent[last as number]));
  else parent[`${last}Copy`] = structuredClone(parent[last]);
  return copy;
}

describe('fuzzing read → expand → lint over mutated fixtures', () => {
  it(`completes without a throw or an internal error (${RUNS} runs)`, () => {
    const mutation = fc
      .record({
        fixture: fc.nat({ max: fixtures.length - 1 }),
        pick: fc.nat(),
        operation: fc.constantFrom('replace', 'replace', 'delete', 'duplicate') as fc.Arbitrary<'replace' | 'delete' | 'duplicate'>,
        value: replacement,
        steps: fc.integer({ min: 1, max: 3 }),
      })
      .map(({ fixture, pick, operation, value, steps }) => {
        let template = fixtures[fixture].value;
        for (let step = 0; step < steps; step++) {
          const paths = pathsOf(template);
          template = mutate(template, paths[(pick * (step + 1)) % paths.length], operation, value);
        }
        return { name: fixtures[fixture].name, text: JSON.stringify(template, null, 2) };
      });
    fc.assert(
      fc.property(mutation, ({ name, text }) => {
        const started = performance.now();
        const result = lintTemplate({ file: name, text }, { rules: ALL_RULES, today: TODAY });
        expect(performance.now() - started, name).toBeLessThan(TIME_BOUND_MS);
        expect(
          result.findings.filter((finding) => finding.ruleId === 'internal-error'),
          name,
        ).toEqual([]);
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261203) },
    );
  });
});
