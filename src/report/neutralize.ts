/**
 * Text a template controls (resource names, quoted values, file names) must not steer what reads
 * the output: a line break would start a GitHub workflow command (`::error`, `::add-mask::`), an
 * escape sequence would rewrite the terminal, a bidirectional override would hide text. Such
 * characters are shown as escapes (`\n`, `\u001b`, `\u202e`).
 */
// C0 and C1 controls, DEL, and the bidirectional marks, embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function neutralizeControls(text: string): string {
  return text.replace(UNSAFE, (ch) => NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Every string in a value (a plan, a report object), neutralized and redacted by `clean`. */
export function mapStrings<T>(value: T, clean: (text: string) => string): T {
  const seen = new Map<object, unknown>();
  const visit = (item: unknown): unknown => {
    if (typeof item === 'string') return clean(item);
    if (item === null || typeof item !== 'object') return item;
    if (seen.has(item)) return seen.get(item);
    if (Array.isArray(item)) {
      const out: unknown[] = [];
      seen.set(item, out);
      for (const element of item) out.push(visit(element));
      return out;
    }
    const out: Record<string, unknown> = {};
    seen.set(item, out);
    for (const [key, entry] of Object.entries(item))
      Object.defineProperty(out, key, { value: visit(entry), enumerable: true, writable: true, configurable: true });
    return out;
  };
  return visit(value) as T;
}
