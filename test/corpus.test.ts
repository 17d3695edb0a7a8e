/**
 * Robustness on real templates: every template of the shared corpus is linted without a crash,
 * without a parse error (they are all valid JSON) and without an internal error. The error
 * findings it reports are pinned in test/corpus-errors.json after being reviewed one by one: a
 * new error there is either a new true violation (review and add it) or a false positive (fix it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { lintTemplate } from '../src/engine/lint.js';
import { isTemplateDocument } from '../src/template/parameters-file.js';
import { SHARED, TODAY, sharedExists } from './helpers/lint-fixture.js';

const corpus = join(SHARED, 'corpus');

function templates(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json') && !/\.parameters\.json$/i.test(name)) out.push(path);
    }
  };
  walk(corpus);
  return out;
}

describe.skipIf(!sharedExists())('corpus of real templates', () => {
  it('lints every template without a crash, a parse error or an internal error', () => {
    const files = templates();
    let linted = 0;
    const errors: string[] = [];
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      let value: unknown;
      try {
        value = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch {
        value = undefined;
      }
      if (!isTemplateDocument(value)) continue;
      const file = relative(corpus, path);
      const parametersPath = join(dirname(path), basename(path).replace(/\.json$/i, '.parameters.json'));
      let parameters;
      try {
        parameters = { file: relative(corpus, parametersPath), text: readFileSync(parametersPath, 'utf8') };
      } catch {
        parameters = undefined;
      }
      const result = lintTemplate({ file, text, parameters }, { rules: ALL_RULES, today: TODAY });
      linted += 1;
      for (const finding of result.findings) {
        expect(finding.ruleId, `${file}:${finding.line} ${finding.message}`).not.toBe('parse-error');
        expect(finding.ruleId, `${file}:${finding.line} ${finding.message}`).not.toBe('internal-error');
        if (finding.severity === 'error') errors.push(`${file}:${finding.line} ${finding.ruleId} ${finding.message}`);
      }
    }
    expect(linted).toBeGreaterThanOrEqual(313);
    const reviewed = JSON.parse(readFileSync(join(dirname(new URL(import.meta.url).pathname), 'corpus-errors.json'), 'utf8')) as { errors: string[] };
    expect(errors.sort()).toEqual([...reviewed.errors].sort());
  });
});
