/** "Did you mean …?" for names a user typed: options, rule ids, schema properties. */

/** Levenshtein distance: insertions, deletions and substitutions of one character each. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/**
 * Known names a mistyped `name` may stand for: those that contain it (a rule id without its area),
 * else the nearest within a typo's reach (a third of its length, at least one edit), compared
 * with the whole name or, when `name` has no '/', with the part after the last '/'. Case-insensitive.
 */
export function similarNames(name: string, known: Iterable<string>, limit = 3): string[] {
  const typed = name.toLowerCase();
  const names = [...known];
  const containing = names.filter((candidate) => candidate.toLowerCase().includes(typed));
  if (typed.length >= 3 && containing.length > 0) return containing.slice(0, limit);
  const reach = Math.max(1, Math.floor(typed.length / 3));
  // A name typed without its area ('api-versoin') is compared with the last part of each ('area/name').
  const compared = (candidate: string) => (typed.includes('/') ? candidate : (candidate.split('/').pop() ?? candidate)).toLowerCase();
  return names
    .map((candidate) => ({ candidate, distance: editDistance(typed, compared(candidate)) }))
    .filter(({ distance }) => distance <= reach)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate, 'en'))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** `; did you mean 'a' or 'b'?` when there are similar names, else ''. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const near = similarNames(name, known);
  return near.length === 0 ? '' : `; did you mean ${near.map((candidate) => `'${candidate}'`).join(' or ')}?`;
}
