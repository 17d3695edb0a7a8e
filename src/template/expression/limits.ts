/**
 * What evaluating one template may cost. A template comes from a pull request: a few hundred
 * bytes of `map`/`range`/`concat` can ask for 10^12 steps or 100 GB, so every value an expression
 * builds is capped in size, and all the work for one file shares one budget. Past a limit the
 * value is Unknown (never an error finding) and the expander reports the limit once.
 * docs/limits.md lists these numbers.
 */
import { ExpressionError } from './scope.js';

export const EVALUATION_LIMITS = {
  /** Characters of a string an expression builds. */
  stringLength: 1024 * 1024,
  /** Items of an array, or keys of an object, an expression builds. */
  collectionSize: 100_000,
  /**
   * Values in a value fully unfolded: `createArray(x, x)` shares x, so forty such levels are a
   * few bytes in memory but 2^40 values to anything that walks them (JSON text, rules).
   */
  unfoldedSize: 1_000_000,
  /**
   * Work units for one template file, its allowedValues variants included: one per expression
   * node evaluated, per item or key of a value built (by a function or by expansion, copies
   * included), per 16 characters of a string built.
   */
  work: 5_000_000,
};

/** Characters of a built string that cost one work unit. */
const CHARACTERS_PER_UNIT = 16;

/**
 * A limit was hit: the value is Unknown. An ExpressionError, so callers of the evaluator that
 * handle syntax errors also handle this; the expander tells the two apart and reports the limit.
 */
export class EvaluationLimitError extends ExpressionError {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationLimitError';
  }
}

/** The work budget of one template file, shared by every expression evaluated for it. */
export class EvaluationBudget {
  private used = 0;

  constructor(readonly limit: number = EVALUATION_LIMITS.work) {}

  /** Spend units; throws EvaluationLimitError once the budget is spent (and on every later call). */
  charge(units: number): void {
    this.used += units;
    if (this.used > this.limit) throw new EvaluationLimitError(this.exhaustedMessage());
  }

  /** Spend units without throwing; false once the budget is spent. */
  tryCharge(units: number): boolean {
    this.used += units;
    return this.used <= this.limit;
  }

  get exhausted(): boolean {
    return this.used > this.limit;
  }

  get spent(): number {
    return this.used;
  }

  exhaustedMessage(): string {
    return `the evaluation budget of ${this.limit.toLocaleString('en-US')} steps for this file is spent`;
  }
}

/** Unfolded sizes of the objects and arrays measured so far (values are not changed once built). */
const unfolded = new WeakMap<object, number>();

/**
 * How many values `value` holds when every shared part is counted each time it appears. Memoized
 * per object, so measuring what a function built costs its own items; a value past the cap (or
 * nested past 256 levels) is a limit.
 */
export function unfoldedSize(value: unknown, depth = 0): number {
  if (value === null || typeof value !== 'object') return 1;
  const known = unfolded.get(value);
  if (known !== undefined) return known;
  if (depth > 256) throw new EvaluationLimitError('a value nested deeper than 256 levels');
  const children = Array.isArray(value) ? value : isPlainRecord(value) ? Object.values(value) : NO_CHILDREN;
  let size = 1;
  let shared = false;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child === null || typeof child !== 'object') size += 1;
    else {
      size += unfoldedSize(child, depth + 1);
      shared = true;
    }
    if (size > EVALUATION_LIMITS.unfoldedSize) {
      throw new EvaluationLimitError(`a value that unfolds to more than ${EVALUATION_LIMITS.unfoldedSize.toLocaleString('en-US')} values`);
    }
  }
  // Only containers of containers can multiply; flat ones are cheaper to count again than to remember.
  if (shared || size > 64) unfolded.set(value, size);
  return size;
}

const NO_CHILDREN: readonly unknown[] = [];

function isPlainRecord(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Check an array or object about to be built with `size` items, and pay for it. */
export function reserveItems(budget: EvaluationBudget, size: number, what: string): void {
  if (size > EVALUATION_LIMITS.collectionSize) {
    throw new EvaluationLimitError(`${what} would build more than ${EVALUATION_LIMITS.collectionSize.toLocaleString('en-US')} items`);
  }
  budget.charge(size);
}

/** Check a string about to be built with `length` characters, and pay for it. */
export function reserveCharacters(budget: EvaluationBudget, length: number, what: string): void {
  checkStringLength(length, what);
  budget.charge(Math.ceil(length / CHARACTERS_PER_UNIT));
}

/** Throw when a string of `length` characters would pass the string cap. */
export function checkStringLength(length: number, what: string): void {
  if (length > EVALUATION_LIMITS.stringLength) {
    throw new EvaluationLimitError(`${what} would build a string longer than ${EVALUATION_LIMITS.stringLength.toLocaleString('en-US')} characters`);
  }
}
