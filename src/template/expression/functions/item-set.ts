/**
 * A set of values under `deepEquals`, for union and intersection in linear time: primitives
 * (and Unknown values, which equal only themselves) by identity in a Set; arrays and objects by a
 * canonical key (object keys lower-cased and sorted), compared with deepEquals inside a key's
 * bucket so the result is exactly what deepEquals says.
 */
import { EVALUATION_LIMITS, EvaluationLimitError, type EvaluationBudget } from '../limits.js';
import { deepEquals, isPlainObject } from '../runtime.js';

export class ItemSet {
  private readonly simple = new Set<unknown>();
  private readonly buckets = new Map<string, unknown[]>();

  constructor(private readonly budget: EvaluationBudget) {}

  has(item: unknown): boolean {
    if (!isComposite(item)) return this.simple.has(item);
    const bucket = this.buckets.get(canonicalKey(item, this.budget));
    return bucket !== undefined && bucket.some((other) => deepEquals(other, item, this.budget));
  }

  /** Add the item; false when an equal item was already there. */
  add(item: unknown): boolean {
    if (!isComposite(item)) {
      if (this.simple.has(item)) return false;
      this.simple.add(item);
      return true;
    }
    const key = canonicalKey(item, this.budget);
    const bucket = this.buckets.get(key);
    if (!bucket) {
      this.buckets.set(key, [item]);
      return true;
    }
    if (bucket.some((other) => deepEquals(other, item, this.budget))) return false;
    bucket.push(item);
    return true;
  }
}

function isComposite(value: unknown): value is unknown[] | Record<string, unknown> {
  return Array.isArray(value) || isPlainObject(value);
}

/** Equal values (by deepEquals) have equal keys; the key is paid for per value visited. */
function canonicalKey(value: unknown, budget: EvaluationBudget): string {
  const parts: string[] = [];
  let length = 0;
  const write = (text: string) => {
    length += text.length;
    if (length > EVALUATION_LIMITS.stringLength)
      throw new EvaluationLimitError(`a value compared by union or intersection is larger than ${EVALUATION_LIMITS.stringLength} characters`);
    parts.push(text);
  };
  const visit = (item: unknown, depth: number) => {
    budget.charge(1);
    if (depth > 256) throw new EvaluationLimitError('a value compared by union or intersection is nested deeper than 256 levels');
    if (Array.isArray(item)) {
      write('[');
      for (const entry of item) {
        visit(entry, depth + 1);
        write(',');
      }
      write(']');
    } else if (isPlainObject(item)) {
      write('{');
      for (const key of Object.keys(item).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))) {
        write(JSON.stringify(key.toLowerCase()));
        write(':');
        visit(item[key], depth + 1);
        write(',');
      }
      write('}');
    } else if (typeof item === 'string') write(JSON.stringify(item));
    else if (item === null || typeof item === 'number' || typeof item === 'boolean') write(String(item));
    else write('?'); // Unknown: equal only to itself, which deepEquals checks in the bucket
  };
  visit(value, 0);
  return parts.join('');
}
