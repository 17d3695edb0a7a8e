/**
 * Is a template string an expression? ARM's rule, in one place: it starts with `[` and ends with
 * `]`; a leading `[[` escapes the bracket (a literal string). `"[abc"` is a plain string.
 */
export function isExpressionText(value: unknown): boolean {
  return (
    typeof value === 'string' && value.length >= 2 && value.charCodeAt(0) === 91 && value.charCodeAt(value.length - 1) === 93 && value.charCodeAt(1) !== 91
  );
}
