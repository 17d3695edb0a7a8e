/**
 * Globs for rule ids and resource names (suppressions): `*` (any characters but `/`), `**` (any
 * characters), `?` (one character but `/`) and `{a,b}` alternatives, without case. A small matcher
 * instead of picomatch: these patterns come from templates, and a picomatch extglob such as
 * `+([a-z/-])+([a-z/-])…` is exponential, and patterns over 65,536 characters throw. This one is
 * at worst the pattern's length times the name's (names over 1,024 characters, and empty ones, match nothing).
 */

export const NAME_GLOB_LIMITS = {
  /** Characters of a pattern; rule ids and resource names are far shorter. */
  length: 1024,
  /** Alternatives a pattern's `{a,b}` groups expand to. */
  alternatives: 64,
  /** Longer names (Azure's are at most a few hundred characters) match no glob: matching stays cheap. */
  nameLength: 1024,
};

export type NameGlob = { ok: true; matches(name: string): boolean } | { ok: false; problem: string };

/** Character classes, negation and extglobs: picomatch syntax this matcher does not take. */
const UNSUPPORTED = /[[\]()!]/;

export function compileNameGlob(pattern: string): NameGlob {
  if (pattern.length > NAME_GLOB_LIMITS.length) return { ok: false, problem: `a glob longer than ${NAME_GLOB_LIMITS.length} characters` };
  if (UNSUPPORTED.test(pattern))
    return { ok: false, problem: `'${preview(pattern)}' uses [classes], !negation or extglobs: only *, **, ? and {a,b} are supported` };
  const alternatives = expandBraces(pattern.toLowerCase());
  if (typeof alternatives === 'string') return { ok: false, problem: `'${preview(pattern)}': ${alternatives}` };
  const compiled = alternatives.map((alternative) => alternative.split('/'));
  return { ok: true, matches: (name) => name.length > 0 && name.length <= NAME_GLOB_LIMITS.nameLength && matchesAny(compiled, name.toLowerCase().split('/')) };
}

function preview(pattern: string): string {
  return pattern.length > 60 ? `${pattern.slice(0, 57)}...` : pattern;
}

/** `a{b,c}d` → [abd, acd]; a problem (unbalanced braces, too many alternatives) as a string. */
function expandBraces(pattern: string): string[] | string {
  const open = pattern.indexOf('{');
  if (open < 0) return pattern.includes('}') ? 'unbalanced braces' : [pattern];
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let i = open; i < pattern.length && close < 0; i++) {
    const ch = pattern[i];
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) close = i;
    else if (ch === ',' && depth === 1) commas.push(i);
  }
  if (close < 0) return 'unbalanced braces';
  const head = pattern.slice(0, open);
  if (head.includes('}')) return 'unbalanced braces';
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const expanded = expandBraces(head + pattern.slice(bounds[i] + 1, bounds[i + 1]) + pattern.slice(close + 1));
    if (typeof expanded === 'string') return expanded;
    out.push(...expanded);
    if (out.length > NAME_GLOB_LIMITS.alternatives) return `more than ${NAME_GLOB_LIMITS.alternatives} {a,b} alternatives`;
  }
  return out;
}

function matchesAny(alternatives: readonly string[][], name: string[]): boolean {
  return alternatives.some((segments) => matchSegments(segments, name));
}

/** Segments of the pattern against segments of the name; `**` spans any number of segments. */
function matchSegments(pattern: readonly string[], name: readonly string[]): boolean {
  // reachable[j]: the pattern so far can match exactly the first j name segments.
  let reachable = new Array<boolean>(name.length + 1).fill(false);
  reachable[0] = true;
  for (const segment of pattern) {
    const next = new Array<boolean>(name.length + 1).fill(false);
    let spanning = false;
    for (let j = 0; j <= name.length; j++) {
      if (segment === '**') {
        spanning ||= reachable[j];
        next[j] = spanning;
      } else if (reachable[j] && j < name.length && matchSegment(segment, name[j])) next[j + 1] = true;
    }
    reachable = next;
  }
  return reachable[name.length];
}

/** `*` and `?` within one segment: the classic greedy match, backtracking only to the last `*`. */
function matchSegment(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
