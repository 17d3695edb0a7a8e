/**
 * Defence in depth: rules never put secrets in messages, but every formatter passes its text
 * through this so a SAS signature or an account key can never reach a report.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/([?&]sig=)[^&\s"'<>]+/gi, '$1REDACTED'],
  [/(AccountKey=)[^;\s"'<>]+/gi, '$1REDACTED'],
  [/(SharedAccessKey=)[^;\s"'<>]+/gi, '$1REDACTED'],
  [/(SharedAccessSignature=)[^;\s"'<>]+/gi, '$1REDACTED'],
  [/(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/g, '$1REDACTED'],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
