/**
 * A value the linter cannot know before deployment (e.g. `reference()`, a parameter without a
 * default). Rules must treat it as "could be anything": never report an error on it.
 */
export class Unknown {
  constructor(
    /** The expression text (or a short description) the value came from. */
    readonly expression: string,
    /** Why it is unknown, for info messages. */
    readonly reason: string,
  ) {}

  toString(): string {
    return `<unknown: ${this.expression}>`;
  }
}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

/** True when the value, or anything inside it (arrays, objects), is unknown. */
export function containsUnknown(value: unknown, depth = 0): boolean {
  if (value instanceof Unknown) return true;
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => containsUnknown(item, depth + 1));
  for (const key of Object.keys(value)) {
    if (containsUnknown((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}
