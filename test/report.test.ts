/** Output formats: the JSON contract (validated against its schema), SARIF structure, escaping, redaction, colour. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Finding, LintResult } from '../src/engine/finding.js';
import { formatters, type FormatName } from '../src/report/index.js';
import { ALL_RULES } from '../rules/index.js';
import { describeRules } from '../src/engine/lint-result.js';
import { main } from '../src/cli/main.js';
import type { CliIO } from '../src/cli/io.js';
import { REPO_ROOT } from './helpers/lint-fixture.js';

const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof import('ajv').default;

const SECRET_URI = 'https://store.blob.core.windows.net/scripts/run.ps1?sv=2022-11-02&se=2026-01-01T00%3A00%3A00Z&sp=r&sig=AbCdEf0123456789%2BsecretSig%3D';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'guest-patching/windows-automatic-updates',
    severity: 'error',
    message: 'patchMode Manual requires enableAutomaticUpdates false',
    file: 'infra/vm.json',
    line: 12,
    column: 7,
    endLine: 12,
    endColumn: 30,
    resource: { type: 'Microsoft.Compute/virtualMachines', name: 'vm1' },
    path: 'properties.osProfile.windowsConfiguration.enableAutomaticUpdates',
    requirements: ['GP2'],
    ...overrides,
  };
}

function result(findings: Finding[]): LintResult {
  const active = findings.filter((f) => !f.suppressed);
  return {
    findings,
    version: '0.0.0-test',
    rules: describeRules(ALL_RULES),
    summary: {
      files: 1,
      resources: 1,
      errors: active.filter((f) => f.severity === 'error').length,
      warnings: active.filter((f) => f.severity === 'warning').length,
      infos: active.filter((f) => f.severity === 'info').length,
      suppressed: findings.length - active.length,
      fixable: 0,
    },
  };
}

const plain = { color: false, cwd: REPO_ROOT };

async function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io: CliIO = { cwd: REPO_ROOT, env: {}, stdout: (text) => void (stdout += text), stderr: () => undefined, stdoutIsTTY: false };
  const code = await main(args, io);
  return { code, stdout };
}

describe('json format', () => {
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'findings.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it('the report of every invalid fixture validates against schemas/findings.schema.json', async () => {
    const { stdout } = await cli(['lint', 'fixtures/arm/rules', 'fixtures/arm/valid', '--format', 'json', '--today', '2026-11-23']);
    const report = JSON.parse(stdout);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.findings.length).toBeGreaterThan(10);
    expect(report.findings.some((f: { suppressed?: unknown }) => f.suppressed)).toBe(true);
  });

  it('the schema rejects a report that breaks the contract', () => {
    const report = JSON.parse(formatters.json(result([finding()]), plain));
    expect(validate(report)).toBe(true);
    delete report.findings[0].line;
    expect(validate(report)).toBe(false);
    const badSeverity = JSON.parse(formatters.json(result([finding({ severity: 'fatal' as never })]), plain));
    expect(validate(badSeverity)).toBe(false);
  });

  it('keeps the documented field names and the dotted path', () => {
    const report = JSON.parse(formatters.json(result([finding()]), plain));
    expect(report.findings[0]).toMatchObject({
      ruleId: 'guest-patching/windows-automatic-updates',
      severity: 'error',
      file: 'infra/vm.json',
      line: 12,
      column: 7,
      resource: { type: 'Microsoft.Compute/virtualMachines', name: 'vm1' },
      path: 'properties.osProfile.windowsConfiguration.enableAutomaticUpdates',
      requirements: ['GP2'],
    });
    expect(report.summary).toMatchObject({ errors: 1, warnings: 0, suppressed: 0 });
  });
});

describe('sarif format', () => {
  it('is SARIF 2.1.0 with rules, help URIs, physical locations and suppressions', () => {
    const findings = [
      finding(),
      finding({ severity: 'info', ruleId: 'guest-patching/rhel-packagekit', line: 30, suppressed: { kind: 'inline', reason: 'known' } }),
    ];
    const log = JSON.parse(formatters.sarif(result(findings), plain)) as Log;
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    const rules = run.tool.driver.rules ?? [];
    expect(rules.length).toBeGreaterThanOrEqual(ALL_RULES.length);
    for (const rule of rules) expect(rule.helpUri).toMatch(/^https:\/\/.+\/docs\/rules\/.+\.md$/);
    const [first, second] = run.results ?? [];
    expect(first.level).toBe('error');
    expect(rules[first.ruleIndex ?? -1]?.id).toBe(first.ruleId);
    expect(first.locations?.[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'infra/vm.json' }, region: { startLine: 12, startColumn: 7 } });
    expect(first.partialFingerprints?.['patchwiseFinding/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(second.level).toBe('note');
    expect(second.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'known' }]);
  });

  it('keeps the fingerprint when only the line moves', () => {
    const a = JSON.parse(formatters.sarif(result([finding({ line: 12 })]), plain)) as Log;
    const b = JSON.parse(formatters.sarif(result([finding({ line: 40 })]), plain)) as Log;
    const print = (log: Log) => log.runs[0].results?.[0].partialFingerprints?.['patchwiseFinding/v1'];
    expect(print(a)).toBe(print(b));
  });

  // A relative URI: '#' would start a fragment, '?' a query, and 'c:' before the first '/' a scheme.
  it.each([
    ['infra\\my vm.json', 'infra/my%20vm.json'],
    ['infra/vm#2.json', 'infra/vm%232.json'],
    ['infra/what?.json', 'infra/what%3F.json'],
    ['c:d/vm.json', 'c%3Ad/vm.json'],
    ['infra/100%.json', 'infra/100%25.json'],
  ])('uses forward slashes and URI-encodes file path %j in locations and fixes', (file, uri) => {
    const fix = { description: 'set x', edits: [{ offset: 1, length: 1, content: 'true' }] };
    const log = JSON.parse(formatters.sarif(result([finding({ file, fix })]), plain)) as Log;
    const entry = log.runs[0].results?.[0];
    expect(entry?.locations?.[0].physicalLocation?.artifactLocation?.uri).toBe(uri);
    expect(entry?.fixes?.[0].artifactChanges[0].artifactLocation.uri).toBe(uri);
  });
});

describe('redaction and escaping in every format', () => {
  const names = Object.keys(formatters) as FormatName[];

  it.each(names)('%s never prints a SAS signature', (name) => {
    const text = formatters[name](result([finding({ message: `script ${SECRET_URI} expired`, resource: { type: 'x', name: SECRET_URI } })]), plain);
    expect(text).not.toContain('AbCdEf0123456789');
    expect(text).toContain('sig=REDACTED');
  });

  it('junit escapes XML and marks suppressed findings as skipped', () => {
    const xml = formatters.junit(result([finding({ message: 'a < b & "c" \u0001' }), finding({ suppressed: { kind: 'config' } })]), plain);
    expect(xml).toContain('a &lt; b &amp; &quot;c&quot; ');
    expect(xml).not.toContain('\u0001');
    expect(xml).toContain('<skipped message="suppressed: config"/>');
    expect(xml).toMatch(/<testsuites name="patchwise" tests="2" failures="1">/);
  });

  it('github escapes workflow-command data and properties', () => {
    const text = formatters.github(result([finding({ message: '50% done\nnext line', file: 'a,b:c.json' })]), plain);
    expect(text).toBe(
      '::error file=a%2Cb%3Ac.json,line=12,col=7,endLine=12,title=patchwise guest-patching/windows-automatic-updates::50%25 done\\nnext line\n',
    );
  });

  it('markdown keeps table cells intact', () => {
    const text = formatters.markdown(result([finding({ message: 'a | b' })]), plain);
    expect(text).not.toMatch(/[^\\]\| b/);
  });

  it('stylish colours only when asked', () => {
    const findings = [finding()];
    expect(formatters.stylish(result(findings), plain)).not.toMatch(/\u001b\[/);
    expect(formatters.stylish(result(findings), { ...plain, color: true })).toMatch(/\u001b\[/);
  });
});
