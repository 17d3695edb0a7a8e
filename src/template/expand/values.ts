/** JSON values of a template evaluated in a scope: expressions, nesting, property `copy` loops. */
import type { JsonPath } from '../json.js';
import { getOrigin, setOrigin } from '../origin.js';
import { Unknown, isUnknown } from '../unknown.js';
import { defineProperty, isObject, LIMITS, type Json } from './context.js';
import { budgetSpent, reportLimit } from './diagnostics.js';
import { evaluate } from './expressions.js';
import type { Frame } from './frame.js';
import type { ArmScope } from './scope.js';

/**
 * Evaluate a JSON value of the template in a scope. `anchorNested`: record the origin of every
 * nested object and array, needed for values other expressions can pick apart (variables,
 * parameter defaults: `variables('x').profile` must still point into the variable). Resource
 * bodies only anchor their top level: locating walks down from the nearest anchor, which is
 * exact as long as the shape mirrors the source (copy items are anchored separately).
 */
export function expandValue(frame: Frame, raw: unknown, path: JsonPath, scope: ArmScope, depth: number, anchorNested = true): unknown {
  // A cheap first test ('['); evaluate() applies the full rule (isExpressionText, '[[' escapes).
  // The length test first: charCodeAt past the end deoptimizes the compiled function (an empty string).
  if (typeof raw === 'string') return raw.length !== 0 && raw.charCodeAt(0) === 91 ? evaluate(frame, raw, path, scope) : raw;
  if (raw === null || typeof raw !== 'object') return raw;
  // A value the reader could not express as ARM (a Bicep construct): unknown as it stands.
  if (isUnknown(raw)) return raw;
  if (depth > LIMITS.valueDepth) {
    reportLimit(frame, path, `values nested deeper than ${LIMITS.valueDepth} levels are not evaluated`);
    return new Unknown('(deeply nested value)', 'nested too deeply to evaluate');
  }
  const budget = frame.expansion.budget;
  // Every value expansion builds is paid for: copies inside copies multiply.
  if (Array.isArray(raw)) {
    if (!budget.tryCharge(raw.length)) return budgetSpent(frame, path);
    const out = new Array<unknown>(raw.length);
    // `path` is borrowed: extended and restored in place (no array per value); stored only as a copy.
    const borrowed = path as Array<string | number>;
    for (let i = 0; i < raw.length; i++) {
      borrowed.push(i);
      out[i] = expandValue(frame, raw[i], borrowed, scope, depth + 1, anchorNested);
      borrowed.pop();
    }
    if (anchorNested || depth === 0) setOrigin(out, { document: frame.document, path: path.slice() });
    return out;
  }
  const out: Json = {};
  const keys = Object.keys(raw);
  if (!budget.tryCharge(keys.length)) return budgetSpent(frame, path);
  for (const key of keys) {
    const child = (raw as Json)[key];
    if (key === 'copy' && isPropertyCopy(child)) {
      child.forEach((loop, index) => {
        const loopPath = [...path, 'copy', index];
        defineProperty(out, loop.name, expandCopyArray(frame, loop, loopPath, scope, depth + 1, anchorNested));
      });
      continue;
    }
    const borrowed = path as Array<string | number>;
    borrowed.push(key);
    defineProperty(out, key, expandValue(frame, child, borrowed, scope, depth + 1, anchorNested));
    borrowed.pop();
  }
  if (anchorNested || depth === 0) setOrigin(out, { document: frame.document, path: path.slice() });
  return out;
}

function isPropertyCopy(value: unknown): value is Array<Json & { name: string }> {
  return Array.isArray(value) && value.length > 0 && value.every((loop) => isObject(loop) && typeof loop.name === 'string' && 'input' in loop);
}

/** A `copy` element `{ name, count, input }` → the array it produces. */
export function expandCopyArray(frame: Frame, loop: Json, path: JsonPath, scope: ArmScope, depth: number, anchorNested = true): unknown {
  const name = String(loop.name);
  const count = copyCount(frame, loop.count, [...path, 'count'], scope);
  if (isUnknown(count)) return new Unknown(`copy '${name}'`, `the number of '${name}' items is not known: ${count.reason}`);
  if (!frame.expansion.budget.tryCharge(count)) return budgetSpent(frame, path);
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const inputPath = [...path, 'input'];
    const item = expandValue(frame, loop.input, inputPath, scope.withLoop(name, i), depth + 1, anchorNested);
    // Items come from `input`, not from an index of the array: always anchored.
    if (item !== null && typeof item === 'object' && !isUnknown(item) && !getOrigin(item)) setOrigin(item, { document: frame.document, path: inputPath });
    out.push(item);
  }
  setOrigin(out, { document: frame.document, path });
  return out;
}

/** The evaluated `count` of a copy loop, capped at ARM's limit. */
export function copyCount(frame: Frame, raw: unknown, path: JsonPath, scope: ArmScope): number | Unknown {
  const value = expandValue(frame, raw, path, scope, 0);
  if (isUnknown(value)) return value;
  const count = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    return new Unknown(String(raw), 'copy count is not a non-negative integer');
  }
  if (count > LIMITS.copyCount) {
    reportLimit(frame, path, `copy count ${count} is above ARM's limit of ${LIMITS.copyCount}; only the first ${LIMITS.copyCount} are expanded`);
    return LIMITS.copyCount;
  }
  return count;
}
