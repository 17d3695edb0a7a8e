/**
 * `npm run findings -- <fixture> [--preset strict] [--baseline <fixture>]`: the rule-tester rows
 * of a fixture (relative to fixtures/arm, or a path), to paste into its rule's test after review.
 * Every finding of every rule is printed (an invalid case lists them all), linted on the tester's day.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ALL_RULES } from '../rules/index.js';
import { parseConfig, resolveSettings } from '../src/engine/config.js';
import { lintTemplate } from '../src/engine/lint.js';
import { TODAY } from '../test/helpers/lint-fixture.js';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures', 'arm');

function main(argv: string[]): number {
  const [fixture, ...rest] = argv;
  if (!fixture || fixture === '--help') {
    process.stderr.write('usage: npm run findings -- <fixture> [--rule <id>] [--preset strict] [--baseline <fixture>]\n');
    return 2;
  }
  const option = (name: string) => {
    const at = rest.indexOf(`--${name}`);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  const read = (name: string) => {
    const path = name.includes('/') && !name.startsWith('rules/') && !name.startsWith('valid/') ? resolve(name) : resolve(FIXTURES, name);
    return { file: relative(process.cwd(), path), text: readFileSync(path, 'utf8') };
  };
  const preset = option('preset');
  const settings = preset ? resolveSettings(parseConfig(JSON.stringify({ extends: `patchwise:${preset}` }), 'patchwise.config.json'), ALL_RULES) : undefined;
  const baseline = option('baseline');
  const ruleUnderTest = option('rule') ?? /rules\/([^/]+\/[^/]+)\//.exec(fixture)?.[1];
  const rule = ALL_RULES.find((candidate) => candidate.id === ruleUnderTest);
  const findings = lintTemplate({ ...read(fixture), baseline: baseline ? read(baseline) : undefined }, { rules: ALL_RULES, today: TODAY, settings }).findings;
  for (const finding of findings.filter((entry) => !entry.suppressed)) {
    const own = finding.ruleId === rule?.id;
    const fields = [
      own ? undefined : `ruleId: '${finding.ruleId}'`,
      `messageId: '${finding.messageId ?? ''}'`,
      `path: '${finding.path ?? ''}'`,
      `line: ${finding.line}`,
      own && finding.severity === rule?.severity ? undefined : `severity: '${finding.severity}'`,
      finding.fix ? 'fix: true' : undefined,
    ].filter(Boolean);
    process.stdout.write(`{ ${fields.join(', ')} },\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
