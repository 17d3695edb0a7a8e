/**
 * A CI gate never fails open (reliability audit D2, D4, D5, D12–D15, D17): every file that may be
 * a template is linted or reported, named on the command line or found in a folder.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/lint-fixture.js';
import { run as runMain } from '../plan/helpers.js';
import { canRunUnprivileged, runUnprivileged, scratchFolder, TEMPLATE_SCHEMA, windowsVmTemplate, writeFiles } from '../helpers/scratch.js';

const valid = JSON.stringify(windowsVmTemplate(), null, 2);
/** Breaks guest-patching/windows-automatic-updates: AutomaticByOS needs enableAutomaticUpdates true. */
const failing = JSON.stringify(
  windowsVmTemplate({ windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: false, patchSettings: { patchMode: 'AutomaticByOS' } } }),
  null,
  2,
);

async function lintJson(args: string[], cwd: string): Promise<{ code: number; findings: Finding[]; stderr: string }> {
  const run = await runCli(['lint', ...args, '--format', 'json'], cwd);
  return { code: run.code, findings: run.stdout ? (JSON.parse(run.stdout) as { findings: Finding[] }).findings : [], stderr: run.stderr };
}

const truncated = `{\n  "$schema": "${TEMPLATE_SCHEMA}",\n  "resources": [\n`;

describe('files named on the command line (the pre-commit case)', () => {
  const cases: Array<{ name: string; file: string; content: string | Uint8Array; line: number; column: number; message: RegExp }> = [
    { name: 'truncated template', file: 'bad.json', content: truncated, line: 4, column: 1, message: /expected a value but the file ends/ },
    {
      name: 'missing comma',
      file: 'comma.json',
      content: `{"$schema": "${TEMPLATE_SCHEMA}"\n "resources": []}`,
      line: 2,
      column: 2,
      message: /expected ',' or '}' but found a string/,
    },
    { name: 'JSON that is not a template but broken', file: 'package.json', content: '{"name": "x",', line: 1, column: 14, message: /file ends/ },
    { name: 'a .jsonc file', file: 'main.jsonc', content: '{ // c\n  "a": [1,, 2] }', line: 2, column: 11, message: /expected a value but found ','/ },
    {
      name: 'not UTF-8',
      file: 'latin1.json',
      content: Buffer.concat([Buffer.from(`{"$schema": "${TEMPLATE_SCHEMA}", "x": "caf`), Buffer.from([0xe9]), Buffer.from('"}')]),
      line: 1,
      column: 1,
      message: /not UTF-8 text \(invalid byte sequence at byte \d+\)/,
    },
  ];
  for (const testCase of cases) {
    it(`${testCase.name}: a parse-error at the right place and exit 1`, async () => {
      const dir = scratchFolder();
      writeFiles(dir, { [testCase.file]: testCase.content });
      const result = await lintJson([testCase.file], dir);
      expect(result.code).toBe(1);
      expect(result.findings).toHaveLength(1);
      expect(result.findings[0]).toMatchObject({ ruleId: 'parse-error', severity: 'error', file: testCase.file, line: testCase.line, column: testCase.column });
      expect(result.findings[0].message).toMatch(testCase.message);
    });
  }

  it('a file over 32 MB is an error, not read whole and not skipped', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'huge.json': `{"$schema": "${TEMPLATE_SCHEMA}", "variables": {"x": "${'a'.repeat(33 * 1024 * 1024)}"}}` });
    const result = await lintJson(['huge.json'], dir);
    expect(result.code).toBe(1);
    expect(result.findings[0]).toMatchObject({ ruleId: 'parse-error', line: 1, column: 1 });
    expect(result.findings[0].message).toMatch(/larger than 32 MB/);
  });

  it('size is counted in bytes: 17 M two-byte characters are over the limit', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'wide.json': `{"$schema": "${TEMPLATE_SCHEMA}", "variables": {"x": "${'é'.repeat(17 * 1024 * 1024)}"}}` });
    const result = await lintJson(['wide.json'], dir);
    expect(result.findings[0].message).toMatch(/larger than 32 MB/);
  });

  it('a FIFO or other special file is reported, never read (it would block)', async () => {
    const dir = scratchFolder();
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
    const result = await lintJson(['pipe.json'], dir);
    expect(result.code).toBe(1);
    expect(result.findings[0].message).toMatch(/not a regular file/);
  });

  it('valid JSON without a deployment $schema is skipped with a note (exit 0)', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'package.json': '{"name": "x"}', 'main.json': valid });
    const result = await lintJson(['package.json', 'main.json'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('skipped package.json: not an ARM deployment template');
  });

  // pre-commit passes every staged file its pattern matches: a commit of package.json alone must not be blocked.
  const nothingToLint: Array<{ name: string; files: Record<string, string>; args: string[]; code: number; note: RegExp }> = [
    {
      name: 'only non-template JSON files named: exit 0 with a note per file',
      files: { 'package.json': '{"name": "x"}', '.vscode/settings.json': '{}' },
      args: ['package.json', '.vscode/settings.json'],
      code: 0,
      note: /skipped \.vscode\/settings\.json: not an ARM deployment template[\s\S]*skipped package\.json[\s\S]*no ARM templates among the files named/,
    },
    {
      name: 'only files the configuration ignores named: exit 0 with a note',
      files: { 'legacy/old.json': failing, 'patchwise.config.json': '{ "ignore": ["legacy/**"] }' },
      args: ['legacy/old.json'],
      code: 0,
      note: /ignored legacy\/old\.json \(an "ignore" glob of the configuration\)/,
    },
    {
      name: 'a folder without templates: exit 2 (a path that finds nothing is a mistake)',
      files: { 'infra/package.json': '{"name": "x"}' },
      args: ['infra'],
      code: 2,
      note: /no ARM templates or Bicep files found in infra/,
    },
  ];
  for (const testCase of nothingToLint) {
    it(testCase.name, async () => {
      const dir = scratchFolder();
      writeFiles(dir, testCase.files);
      const result = await runCli(['lint', ...testCase.args], dir);
      expect(result.stderr).toMatch(testCase.note);
      expect(result.code).toBe(testCase.code);
    });
  }

  // pre-commit passes a changed parameters file alone: the template it configures is what must be checked.
  const byParameter = JSON.stringify({
    ...windowsVmTemplate({
      windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: true, patchSettings: { patchMode: "[parameters('patchMode')]" } },
    }),
    parameters: { patchMode: { type: 'string', defaultValue: 'AutomaticByOS' } },
  });
  const parametersCases: Array<{ name: string; files: Record<string, string>; named: string; expected: string[] }> = [
    {
      name: 'a parameters file named alone: its template is linted with it',
      files: {
        'infra/main.json': byParameter,
        'infra/main.parameters.json': JSON.stringify({
          $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
          parameters: { patchMode: { value: 'Manual' } },
        }),
      },
      named: 'infra/main.parameters.json',
      expected: ['infra/main.json guest-patching/windows-automatic-updates'],
    },
    {
      name: 'a .bicepparam file named alone: its template is linted with it, and its syntax error is reported',
      files: {
        'infra/main.bicep': "param patchMode string = 'AutomaticByOS'\n",
        'infra/main.bicepparam': "using 'main.bicep'\nparam patchMode = 'Manual\n",
      },
      named: 'infra/main.bicepparam',
      expected: ['infra/main.bicepparam parse-error'],
    },
  ];
  for (const testCase of parametersCases) {
    it(testCase.name, async () => {
      const dir = scratchFolder();
      writeFiles(dir, testCase.files);
      const result = await lintJson([testCase.named], dir);
      expect(result.findings.map((finding) => `${finding.file} ${finding.ruleId}`)).toEqual(testCase.expected);
      expect(result.code).toBe(1);
    });
  }

  // A hook that runs in a subfolder (`cd infra && patchwise lint "$@"`) still gets names relative to the repository root, as git gives them.
  it('a file named relative to the repository root, from a subfolder, is found there', async () => {
    const dir = scratchFolder();
    execFileSync('git', ['init', '-q'], { cwd: dir });
    writeFiles(dir, { 'infra/main.json': failing, 'infra/ok.json': valid });
    const result = await runCli(['lint', 'infra/main.json', 'ok.json', '--format', 'sarif'], join(dir, 'infra'));
    const uris = (
      JSON.parse(result.stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> }
    ).runs[0].results.map((entry) => entry.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['infra/main.json']);
    expect(result.code).toBe(1);
    // A name found neither way is still a usage error.
    expect((await runCli(['lint', 'infra/missing.json'], join(dir, 'infra'))).code).toBe(2);
  });

  it('a named file the configuration ignores is left out beside templates that are linted', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'legacy/old.json': failing, 'main.json': failing, 'patchwise.config.json': '{ "ignore": ["legacy/**"] }' });
    const result = await lintJson(['legacy/old.json', 'main.json'], dir);
    expect(result.code).toBe(1);
    expect(result.findings.map((finding) => finding.file)).toEqual(['main.json']);
  });

  it('--format sarif with only non-templates named writes an empty log (the upload step has a file)', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'package.json': '{"name": "x"}' });
    const result = await runCli(['lint', 'package.json', '--format', 'sarif', '--output', 'out.sarif'], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).runs[0].results).toEqual([]);
  });

  it("'-' is a usage error, not a lint of the working folder", async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'main.json': failing });
    const result = await runCli(['lint', '-'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/standard input/);
  });

  it.skipIf(!canRunUnprivileged())('an unreadable template (no permission) is an error with exit 1, not skipped', () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'secret.json': valid });
    chmodSync(join(dir, 'secret.json'), 0o000);
    const result = runUnprivileged(['lint', 'secret.json', '-f', 'json'], dir);
    expect(result.code, result.stderr).toBe(1);
    const findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
    expect(findings[0]).toMatchObject({ ruleId: 'parse-error', file: 'secret.json' });
    expect(findings[0].message).toMatch(/permission denied/);
  });
});

describe('the dialect ARM accepts', () => {
  it('raw line breaks and tabs inside strings (multi-line scriptContent) lint without a parse error, with right positions', async () => {
    const dir = scratchFolder();
    const text = failing.replace('"computerName": "vm1"', '"computerName": "vm1",\n            "customData": "line one\nline\ttwo"');
    writeFiles(dir, { 'multi.json': text });
    const result = await lintJson(['multi.json'], dir);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['guest-patching/windows-automatic-updates']);
    const line = text.split('\n').findIndex((row) => row.includes('"enableAutomaticUpdates"')) + 1;
    expect(result.findings[0].line).toBe(line);
  });

  it('--fix keeps the multi-line string and writes valid ARM JSON', async () => {
    const dir = scratchFolder();
    const text = failing.replace('"computerName": "vm1"', '"computerName": "vm1",\n            "customData": "line one\nline two"');
    writeFiles(dir, { 'multi.json': text });
    const result = await runCli(['lint', 'multi.json', '--fix'], dir);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('comments and trailing commas at any depth, also nested 10,000 levels (no stack overflow)', async () => {
    const dir = scratchFolder();
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    writeFiles(dir, {
      'deep-comma.json': `{"$schema":"${TEMPLATE_SCHEMA}","resources":[],"variables":{"d":${deep},}}`,
      'deep-comment.json': `{"$schema":"${TEMPLATE_SCHEMA}", /* c */ "resources":[],"variables":{"d":${deep}}}`,
      'deep-truncated.json': `{"$schema":"${TEMPLATE_SCHEMA}","resources":[],"variables":{"d":${'['.repeat(10_000)}`,
    });
    const result = await lintJson(['.'], dir);
    expect(result.findings.filter((finding) => finding.ruleId === 'internal-error')).toEqual([]);
    const parseErrors = result.findings.filter((finding) => finding.ruleId === 'parse-error');
    expect(parseErrors.map((finding) => finding.file)).toEqual(['deep-truncated.json']);
    expect(parseErrors[0].column).toBeGreaterThan(10_000);
  });

  it('JSONC nested 1,000 levels is accepted like strict JSON (no 512-level limit at 1:1)', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'a.json': `{"$schema":"${TEMPLATE_SCHEMA}","resources":[],"variables":{"d":${'['.repeat(1000)}${']'.repeat(1000)},}}` });
    const result = await lintJson(['a.json'], dir);
    expect(result.findings).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('duplicate keys: the last one counts, as in ARM; the finding and the fix point at it', async () => {
    const dir = scratchFolder();
    const text = `{"$schema": "${TEMPLATE_SCHEMA}", "resources": [{"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2024-03-01", "name": "vm", "location": "westeurope",
  "properties": {"osProfile": {"windowsConfiguration": {
    "enableAutomaticUpdates": true,
    "enableAutomaticUpdates": false,
    "patchSettings": {"patchMode": "AutomaticByOS"}}}}}]}`;
    writeFiles(dir, { 'dup.json': text });
    const before = await lintJson(['dup.json'], dir);
    expect(before.findings.find((finding) => finding.ruleId === 'guest-patching/windows-automatic-updates')).toMatchObject({ line: 4 });
    await runCli(['lint', 'dup.json', '--fix'], dir);
    const after = await lintJson(['dup.json'], dir);
    expect(after.findings.filter((finding) => finding.ruleId === 'guest-patching/windows-automatic-updates')).toEqual([]);
  });
});

describe('folder scans', () => {
  it('templates behind symbolic links (files and folders) are linted once; link loops end', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'real/main.json': failing, 'other/x.txt': '' });
    symlinkSync(join(dir, 'real', 'main.json'), join(dir, 'linked.json'));
    symlinkSync(join(dir, 'real'), join(dir, 'other', 'real-link'));
    symlinkSync(dir, join(dir, 'real', 'loop'));
    const result = await lintJson(['.'], dir);
    const files = [...new Set(result.findings.map((finding) => finding.file))].sort();
    expect(files).toEqual(['linked.json', 'other/real-link/main.json', 'real/main.json'].filter((file) => files.includes(file)));
    expect(files).toContain('linked.json');
    expect(result.code).toBe(1);
  });

  it('a broken symbolic link named .json is reported', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'main.json': valid });
    symlinkSync(join(dir, 'gone.json'), join(dir, 'dangling.json'));
    const result = await lintJson(['.'], dir);
    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: 'parse-error', file: 'dangling.json', message: expect.stringMatching(/broken symbolic link/) }),
    ]);
  });

  it('UTF-16 templates, with and without a byte-order mark, little and big endian, are linted', async () => {
    const dir = scratchFolder();
    const le = Buffer.from(`\uFEFF${failing}`, 'utf16le');
    const be = Buffer.from(failing, 'utf16le').swap16();
    writeFiles(dir, { 'le-bom.json': le, 'le.json': Buffer.from(failing, 'utf16le'), 'be.json': be });
    const result = await lintJson(['.'], dir);
    expect(result.findings.map((finding) => `${finding.file} ${finding.ruleId}`).sort()).toEqual([
      'be.json guest-patching/windows-automatic-updates',
      'le-bom.json guest-patching/windows-automatic-updates',
      'le.json guest-patching/windows-automatic-updates',
    ]);
  });

  it('--fix writes a UTF-16 template back in UTF-16 with its byte-order mark', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'le-bom.json': Buffer.from(`\uFEFF${failing}`, 'utf16le') });
    await runCli(['lint', '.', '--fix'], dir);
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(join(dir, 'le-bom.json'));
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    expect(bytes.toString('utf16le')).toContain('"enableAutomaticUpdates": true');
  });

  it('a template whose $schema uses a JSON escape is found', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'escaped.json': failing.replace('deploymentTemplate.json', 'deployment\\u0054emplate.json') });
    const result = await lintJson(['.'], dir);
    expect(result.findings.map((finding) => finding.file)).toEqual(['escaped.json']);
  });

  it('a template named *.parameters.json is linted; parameters files are not', async () => {
    const dir = scratchFolder();
    writeFiles(dir, {
      'azuredeploy.parameters.json': failing,
      'main.parameters.json': JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', parameters: {} }),
    });
    const result = await lintJson(['.'], dir);
    expect(result.findings.map((finding) => finding.file)).toEqual(['azuredeploy.parameters.json']);
  });

  it('a broken template is a parse error even when its $schema line is the broken part', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'a.json': valid.replace(`"$schema": "${TEMPLATE_SCHEMA}",`, `"$schema": "${TEMPLATE_SCHEMA},`), 'data.json': '{"not": "a template",' });
    const result = await lintJson(['.'], dir);
    expect(result.findings.map((finding) => `${finding.file} ${finding.ruleId}`)).toEqual(['a.json parse-error']);
  });

  it('an over-sized JSON file that is not a template is skipped; an over-sized template is reported', async () => {
    const dir = scratchFolder();
    const big = 'a'.repeat(33 * 1024 * 1024);
    writeFiles(dir, { 'data.json': `{"x": "${big}"}`, 'template.json': `{"$schema": "${TEMPLATE_SCHEMA}", "x": "${big}"}` });
    const result = await lintJson(['.'], dir);
    expect(result.findings.map((finding) => `${finding.file} ${finding.ruleId}`)).toEqual(['template.json parse-error']);
  });

  it('a sibling parameters file that cannot be used is a finding, and the other templates are still linted', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'a.json': valid, 'a.parameters.json': '[1, 2]', 'b.json': failing });
    const result = await lintJson(['.'], dir);
    expect(result.findings.map((finding) => `${finding.file} ${finding.ruleId}`)).toEqual([
      'a.parameters.json template/invalid-parameters',
      'b.json guest-patching/windows-automatic-updates',
    ]);
  });

  it('a sibling parameters file behind a symbolic link is used; a folder of that name is not a parameters file', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'a.json': valid, 'shared/params.txt': '[1, 2]', 'b.json': valid, 'b.parameters.json/keep.txt': '' });
    symlinkSync(join(dir, 'shared', 'params.txt'), join(dir, 'a.parameters.json'));
    const result = await lintJson(['.'], dir);
    expect(result.findings.map((finding) => `${finding.file} ${finding.ruleId}`)).toEqual(['a.parameters.json template/invalid-parameters']);
  });

  it('a file read as a sibling parameters file and as a candidate is linted as both', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'azuredeploy.json': valid, 'azuredeploy.parameters.json': failing, 'b.json': valid, 'b.parameters.json': '{"parameters": {' });
    const result = await lintJson(['.'], dir);
    expect(result.findings.map((finding) => `${finding.file} ${finding.ruleId}`)).toEqual([
      'azuredeploy.parameters.json template/invalid-parameters',
      'azuredeploy.parameters.json guest-patching/windows-automatic-updates',
      'b.parameters.json parse-error',
    ]);
  });

  it('a template named on the command line finds its sibling parameters file', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'infra/a.json': valid, 'infra/a.parameters.json': '[1, 2]' });
    const result = await lintJson(['infra/a.json'], dir);
    expect(result.findings.map((finding) => `${finding.file} ${finding.ruleId}`)).toEqual(['infra/a.parameters.json template/invalid-parameters']);
  });

  it.skipIf(!canRunUnprivileged())('unreadable files and folders are reported, and an unreadable parameters file does not abort the run', () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'locked/main.json': valid, 'closed.json': valid, 'b.json': valid, 'b.parameters.json': '{"parameters": {}}' });
    chmodSync(join(dir, 'locked'), 0o000);
    chmodSync(join(dir, 'closed.json'), 0o000);
    chmodSync(join(dir, 'b.parameters.json'), 0o000);
    const result = runUnprivileged(['lint', '.', '-f', 'json'], dir);
    chmodSync(join(dir, 'locked'), 0o755);
    expect(result.code, result.stderr).toBe(1);
    const findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
    expect(findings.map((finding) => `${finding.file} ${finding.ruleId}`).sort()).toEqual([
      'b.parameters.json parse-error',
      'closed.json parse-error',
      'locked parse-error',
    ]);
  });
});

describe('options that name files', () => {
  it('a malformed --baseline is exit 2, never a silent "no baseline"', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'after.json': valid, 'broken.json': truncated });
    const result = await runCli(['lint', 'after.json', '--baseline', 'broken.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--baseline: broken\.json:4:1: invalid JSON/);
  });

  it('a --baseline folder whose copy of the file is broken is exit 2; a file missing there is new', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'now/a.json': valid, 'now/b.json': valid, 'old/now/a.json': '{' });
    const result = await runCli(['lint', 'now', '--baseline', 'old'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--baseline: old\/now\/a\.json:1:2/);
  });

  it('a --baseline folder mirrors the path argument (as plan reads it), else the working folder', async () => {
    const { readFileSync } = await import('node:fs');
    const change = (name: string) => readFileSync(join(FIXTURES, 'change', name), 'utf8');
    const dir = scratchFolder();
    writeFiles(dir, { 'infra/main.json': change('after-platform-updates-on.json'), 'previous/main.json': change('before-manual.json') });
    const mirrored = await lintJson(['infra', '--baseline', 'previous'], dir);
    expect(mirrored.findings.map((finding) => finding.ruleId)).toContain('change/enable-automatic-updates-changed');
    writeFiles(dir, { 'whole/infra/main.json': change('before-manual.json') });
    const fromRoot = await lintJson(['infra', '--baseline', 'whole'], dir);
    expect(fromRoot.findings.map((finding) => finding.ruleId)).toContain('change/enable-automatic-updates-changed');
  });

  it('a malformed baseline at --baseline-ref is exit 2', async () => {
    const dir = scratchFolder();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    writeFiles(dir, { 'main.json': truncated });
    git('add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'broken');
    writeFileSync(join(dir, 'main.json'), valid);
    const result = await runCli(['lint', 'main.json', '--baseline-ref', 'HEAD'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--baseline-ref: main\.json@HEAD:4:1/);
  });

  it('plan stops with exit 2 on a malformed --baseline too', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'after.json': valid, 'broken.json': truncated });
    const result = await runMain(['plan', 'after.json', '--baseline', 'broken.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--baseline: broken\.json:4:1/);
  });

  for (const [name, content] of [
    ['an array', '[1]'],
    ['a string', '"x"'],
    ['parameters as an array', '{"parameters": [1]}'],
    ['the template itself', valid],
  ] as const) {
    it(`--parameters that is ${name} is exit 2, not silently ignored`, async () => {
      const dir = scratchFolder();
      writeFiles(dir, { 'main.json': valid, 'p.json': content });
      const result = await runCli(['lint', 'main.json', '--parameters', 'p.json'], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--parameters: p\.json is not a deployment parameters file/);
    });
  }

  it('plan: a broken template named on the command line stops the plan (exit 2) with its position', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'bad.json': truncated });
    const result = await runMain(['plan', 'bad.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot plan bad\.json:4:1: invalid JSON/);
  });

  it('a config file with a byte-order mark, comments and trailing commas is read', async () => {
    const dir = scratchFolder();
    writeFiles(dir, {
      'main.json': failing,
      'patchwise.config.json': '\uFEFF{\n  // quiet\n  "rules": { "guest-patching/windows-automatic-updates": "off", },\n}',
    });
    const result = await runCli(['lint', 'main.json'], dir);
    expect(result.code, result.stderr).toBe(0);
  });

  it('a config with 200,000 invalid settings prints the first problems only', async () => {
    const dir = scratchFolder();
    const rules: Record<string, string> = {};
    for (let i = 0; i < 200_000; i++) rules[`r${i}`] = 'loud';
    writeFiles(dir, { 'main.json': valid, 'patchwise.config.json': JSON.stringify({ rules }) });
    const result = await runCli(['lint', 'main.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr.length).toBeLessThan(5000);
    expect(result.stderr).toMatch(/and \d+ more/);
  });
});

describe('suppressions cannot make a broken file pass', () => {
  const broken = `{\n  "$schema": "${TEMPLATE_SCHEMA}",\n  "resources": [\n`;

  it('a configuration suppression of every rule in a folder still reports its unreadable files (and suppresses the rest)', async () => {
    const dir = scratchFolder();
    writeFiles(dir, {
      'legacy/broken.json': broken,
      'legacy/failing.json': failing,
      'patchwise.config.json': JSON.stringify({ suppressions: [{ rules: ['*', '*/*'], files: ['legacy/**'], reason: 'legacy' }] }),
    });
    const result = await lintJson(['legacy'], dir);
    expect(result.code).toBe(1);
    const active = result.findings.filter((finding) => !finding.suppressed);
    expect(active.map((finding) => `${finding.file} ${finding.ruleId}`)).toEqual(['legacy/broken.json parse-error']);
    expect(result.findings.some((finding) => finding.file === 'legacy/failing.json' && finding.suppressed)).toBe(true);
  });

  for (const id of ['parse-error', 'internal-error']) {
    it(`a configuration suppression naming ${id} is a configuration error (exit 2)`, async () => {
      const dir = scratchFolder();
      writeFiles(dir, { 'main.json': broken, 'patchwise.config.json': JSON.stringify({ suppressions: [{ rules: [id], reason: 'x' }] }) });
      const result = await runCli(['lint', 'main.json'], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `/suppressions/0/rules/0: '${id}' cannot be suppressed (a file patchwise cannot read must not pass): use "ignore" to leave files out`,
      );
    });
  }
});

describe('one file failing does not stop the others', () => {
  it('a folder with a broken, a deep and a valid failing template reports all three', async () => {
    const dir = scratchFolder();
    mkdirSync(join(dir, 'sub'));
    writeFiles(dir, {
      'a-broken.json': truncated,
      'b-deep.json': `{"$schema":"${TEMPLATE_SCHEMA}","resources":[],"variables":{"d":${'['.repeat(50_000)}${']'.repeat(50_000)},}}`,
      'sub/c.json': failing,
    });
    const result = await lintJson(['.'], dir);
    expect(result.findings.map((finding) => `${finding.file} ${finding.ruleId}`)).toEqual([
      'a-broken.json parse-error',
      'sub/c.json guest-patching/windows-automatic-updates',
    ]);
  });
});
