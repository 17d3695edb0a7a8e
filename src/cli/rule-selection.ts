/**
 * `--rule` and `--skip-rule` (like Checkov's `--check`/`--skip-check`): choose rules on the command
 * line, by id or glob (`guest-patching/*`). They switch rules off for this run only; the engine's
 * own findings (parse-error, internal-error) are never switched off by them, so a selection can
 * never make a broken file pass.
 */
import picomatch from 'picomatch';
import { ALWAYS_REPORTED } from '../engine/core-rules.js';
import type { RuleSetting } from '../engine/rule.js';
import { UsageError } from './files.js';
import { didYouMean } from '../similar-names.js';

export function selectRules(settings: Map<string, RuleSetting>, only: readonly string[], skip: readonly string[]): Map<string, RuleSetting> {
  if (only.length === 0 && skip.length === 0) return settings;
  const ids = [...settings.keys()];
  const matcher = (option: string, pattern: string) => {
    const match = picomatch(pattern, { nocase: true });
    if (!ids.some((id) => match(id))) {
      const near = /[*?{[]/.test(pattern) ? '' : didYouMean(pattern, ids);
      throw new UsageError(`${option} ${pattern} matches no rule${near} (see 'patchwise rules')`);
    }
    return match;
  };
  const onlyMatchers = only.map((pattern) => matcher('--rule', pattern));
  const skipMatchers = skip.map((pattern) => matcher('--skip-rule', pattern));
  const selected = new Map(settings);
  for (const id of ids) {
    if (ALWAYS_REPORTED.has(id)) continue;
    const chosen = onlyMatchers.length === 0 || onlyMatchers.some((match) => match(id));
    if (!chosen || skipMatchers.some((match) => match(id))) selected.set(id, 'off');
  }
  return selected;
}
