/** What users of linters expect (issue 15): stdin, globs, rule selection, config printing, suggestions, suppressions, shards, merge, cache, init, plurals, budgets, repository-relative SARIF. */
import { readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import type { Finding } from '../src/engine/finding.js';
import { runCli } from './helpers/cli.js';
import { run as runPlain } from './plan/helpers.js';
import { FIXTURES } from './helpers/lint-fixture.js';
import { scratchFolder, TEMPLATE_SCHEMA, windowsVmTemplate, writeFiles } from './helpers/scratch.js';

const failing = (name = 'vm1') =>
  JSON.stringify(
    windowsVmTemplate({ name, windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: false, patchSettings: { patchMode: 'AutomaticByOS' } } }),
    null,
    2,
  );
const valid = JSON.stringify(windowsVmTemplate(), null, 2);

async function runWith(args: string[], cwd: string, extra: Partial<CliIO> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env: {}, stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), stdoutIsTTY: false, ...extra };
  const code = await main([...args, '--today', '2026-11-23'], io);
  return { code, stdout, stderr };
}

const json = (stdout: string) => JSON.parse(stdout) as { findings: Finding[]; summary: Record<string, number> };

describe('standard input', () => {
  it("'-' reads one template; --stdin-filename names it and finds its parameters file", async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'infra/main.parameters.json': '{"parameters": {}}' });
    const result = await runWith(['lint', '-', '--stdin-filename', 'infra/main.json', '-f', 'json'], dir, { readStdin: async () => failing() });
    expect(result.code).toBe(1);
    expect(json(result.stdout).findings.map((finding) => `${finding.file} ${finding.ruleId}`)).toEqual([
      'infra/main.json guest-patching/windows-automatic-updates',
    ]);
  });

  it('a broken template on standard input is a parse error at its position', async () => {
    const result = await runWith(['lint', '-', '-f', 'json'], scratchFolder(), { readStdin: async () => '{\n  "$schema": 1,' });
    expect(json(result.stdout).findings[0]).toMatchObject({ ruleId: 'parse-error', file: '<stdin>', line: 2 });
  });

  it('--fix with standard input is a usage error; --stdin-filename without - too', async () => {
    expect((await runWith(['lint', '-', '--fix'], scratchFolder(), { readStdin: async () => valid })).code).toBe(2);
    expect((await runWith(['lint', '--stdin-filename', 'a.json'], scratchFolder())).code).toBe(2);
  });
});

describe('choosing files and rules', () => {
  it('a quoted glob on the command line', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'infra/a/x.json': failing('x'), 'infra/b/y.json': failing('y'), 'infra/b/y.txt': failing('t'), 'other/z.json': failing('z') });
    const result = await runCli(['lint', 'infra/**/*.json', '-f', 'json'], dir);
    expect([...new Set(json(result.stdout).findings.map((finding) => finding.file))]).toEqual(['infra/a/x.json', 'infra/b/y.json']);
    expect((await runCli(['lint', 'nothing/**/*.json'], dir)).stderr).toMatch(/no files match/);
  });

  it('--rule runs only the named rules (globs too); --skip-rule switches rules off; parse-error stays on', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'a.json': failing(), 'broken.json': `{"$schema": "${TEMPLATE_SCHEMA}",` });
    const only = json((await runCli(['lint', '.', '-f', 'json', '--rule', 'schedules/*'], dir)).stdout).findings.map((finding) => finding.ruleId);
    expect(only).toEqual(['parse-error']);
    const skipped = json(
      (await runCli(['lint', '.', '-f', 'json', '--skip-rule', 'guest-patching/windows-automatic-updates', '--skip-rule', 'parse-error'], dir)).stdout,
    ).findings.map((finding) => finding.ruleId);
    expect(skipped).toEqual(['parse-error']);
    const unknown = await runCli(['lint', '.', '--rule', 'guest-patchin/*'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/matches no rule \(see 'patchwise rules'\)/);
    // A mistyped id (not a glob) gets a suggestion, here and in the configuration.
    const typo = await runCli(['lint', '.', '--skip-rule', 'guest-patching/rhel-packagkit'], dir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("--skip-rule guest-patching/rhel-packagkit matches no rule; did you mean 'guest-patching/rhel-packagekit'?");
    writeFiles(dir, { 'patchwise.config.json': JSON.stringify({ rules: { 'windows-automatic-update': 'off' } }) });
    const config = await runCli(['lint', '.'], dir);
    expect(config.code).toBe(2);
    expect(config.stderr).toContain(
      "unknown rule 'windows-automatic-update' in configuration; did you mean 'guest-patching/windows-automatic-updates' or 'os-upgrade/windows-automatic-updates'?",
    );
  });

  it('the configuration cannot switch parse-error off (use ignore)', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'a.json': valid, 'patchwise.config.json': '{"rules": {"parse-error": "off"}}' });
    const result = await runCli(['lint', '.'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/always an error/);
  });

  it('--print-config prints the effective settings for a file', async () => {
    const dir = scratchFolder();
    writeFiles(dir, {
      'a.json': valid,
      'patchwise.config.json': '{"extends": "patchwise:strict", "rules": {"guest-patching/rhel-packagekit": "off"}, "ignore": ["legacy/**"]}',
    });
    const config = JSON.parse((await runCli(['lint', '--print-config', 'legacy/old.json'], dir)).stdout) as {
      extends: string;
      ignored: boolean;
      rules: Record<string, string>;
    };
    expect(config.extends).toBe('patchwise:strict');
    expect(config.ignored).toBe(true);
    expect(config.rules['guest-patching/rhel-packagekit']).toBe('off');
    expect(config.rules['policy/periodic-assessment']).toBe('warning');
  });
});

describe('suggestions and messages', () => {
  it('a mistyped command or option gets a suggestion', async () => {
    const dir = scratchFolder();
    expect((await runCli(['lnt'], dir)).stderr).toMatch(/Did you mean lint/);
    const option = await runCli(['lint', '--formt', 'json'], dir);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/Did you mean --format \(not formt\)/);
  });

  it('plural forms: 1 error, 1 warning; --quiet counts what it shows', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'a.json': failing() });
    expect((await runCli(['lint', '.'], dir)).stdout).toMatch(/1 problem \(1 error, 0 warnings, 0 infos\)/);
    const markdown = (await runCli(['lint', '.', '-f', 'markdown'], dir)).stdout;
    expect(markdown).toContain('Linted 1 template (1 compute resource).');
  });

  it('a long run on a terminal shows progress on stderr, cleared at the end', async () => {
    const dir = scratchFolder();
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`t${i}.json`] = valid;
    writeFiles(dir, files);
    const result = await runWith(['lint', '.'], dir, { stderrIsTTY: true });
    expect(result.stderr).toMatch(/\rpatchwise: 0\/60 files/);
    expect(result.stderr.endsWith('\r\u001b[K')).toBe(true);
    expect((await runWith(['lint', '.'], dir)).stderr).toBe('');
  });
});

describe('suppression comments', () => {
  const template = (comment: string) => `{
  "$schema": "${TEMPLATE_SCHEMA}",
  "resources": [{ "type": "Microsoft.Compute/virtualMachines", "apiVersion": "2024-03-01", "name": "vm", "location": "westeurope",
    "properties": { "osProfile": { "windowsConfiguration": {
      ${comment}
      "enableAutomaticUpdates": false,
      "patchSettings": { "patchMode": "AutomaticByOS" } } } } }]
}`;

  it('patchwise-disable-next-line suppresses that line (kept, marked, with its reason)', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'a.json': template('// patchwise-disable-next-line guest-patching/windows-automatic-updates replaced in Q3') });
    const result = await runCli(['lint', '.', '-f', 'json'], dir);
    expect(result.code).toBe(0);
    expect(json(result.stdout).findings).toEqual([
      expect.objectContaining({ ruleId: 'guest-patching/windows-automatic-updates', suppressed: { kind: 'inline', reason: 'replaced in Q3' } }),
    ]);
  });

  it('an unknown rule id and an unused suppression are reported', async () => {
    const dir = scratchFolder();
    writeFiles(dir, {
      'typo.json': template('// patchwise-disable-next-line guest-patching/windows-automatic-update'),
      'unused.json': template('// patchwise-disable-next-line schedules/reboot-setting'),
    });
    const findings = json((await runCli(['lint', '.', '-f', 'json'], dir)).stdout).findings.map(
      (finding) => `${finding.file}:${finding.line} ${finding.ruleId}`,
    );
    expect(findings).toContain('typo.json:5 suppression/unknown-rule');
    expect(findings).toContain('unused.json:5 suppression/unused');
  });

  // The pre-commit hook runs without a baseline, CI with --baseline-ref: a suppression of a change rule is needed by the one and
  // must not be called unused ("remove it") by the other.
  it.each([
    [
      'a comment',
      (text: string) =>
        text.replace('"patchMode": "Manual"', '// patchwise-disable-next-line change/patch-mode-switch recreated\n              "patchMode": "Manual"'),
    ],
    [
      'resource metadata',
      (text: string) =>
        text.replace('"name": "vm1",', '"name": "vm1",\n      "metadata": { "patchwise": { "suppress": ["change/*"], "reason": "recreated" } },'),
    ],
  ])('a suppression of a change rule by %s is not unused in a run without a baseline', async (_, suppress) => {
    const dir = scratchFolder();
    writeFiles(dir, {
      'main.json': suppress(readFileSync(join(FIXTURES, 'change/after-manual.json'), 'utf8')),
      'before.json': readFileSync(join(FIXTURES, 'change/before-by-os.json'), 'utf8'),
    });
    const ruleIds = async (args: string[]) => json((await runCli(['lint', 'main.json', '-f', 'json', ...args], dir)).stdout).findings.map((f) => f.ruleId);
    expect(await ruleIds(['--baseline', 'before.json'])).toContain('change/patch-mode-switch');
    expect(await ruleIds(['--baseline', 'before.json'])).not.toContain('suppression/unused');
    expect(await ruleIds([])).not.toContain('suppression/unused');
  });

  it('a suppression of a finding only an allowed value gives is not unused with --no-allowed-values (defaults only)', async () => {
    const dir = scratchFolder();
    const text = readFileSync(join(FIXTURES, 'allowed-values/invalid/patch-mode-default-passes.json'), 'utf8').replace(
      '"enableAutomaticUpdates": true,',
      '// patchwise-disable-next-line guest-patching/windows-automatic-updates Manual is for the lab only\n            "enableAutomaticUpdates": true,',
    );
    writeFiles(dir, { 'main.json': text });
    const ruleIds = async (args: string[]) => json((await runCli(['lint', 'main.json', '-f', 'json', ...args], dir)).stdout).findings.map((f) => f.ruleId);
    expect(await ruleIds([])).toEqual(['guest-patching/windows-automatic-updates']);
    expect(await ruleIds(['--no-allowed-values'])).toEqual([]);
  });

  it('metadata suppressions naming an unknown rule, or suppressing nothing, are reported', async () => {
    const dir = scratchFolder();
    const base = JSON.parse(valid) as { resources: Array<Record<string, unknown>> };
    base.resources[0].metadata = { patchwise: { suppress: ['guest-patching/no-such-rule'] } };
    const unused = JSON.parse(valid) as { resources: Array<Record<string, unknown>> };
    unused.resources[0].metadata = { patchwise: { suppress: ['guest-patching/windows-automatic-updates'], reason: 'old' } };
    writeFiles(dir, { 'a.json': JSON.stringify(base, null, 2), 'b.json': JSON.stringify(unused, null, 2) });
    const findings = json((await runCli(['lint', '.', '-f', 'json'], dir)).stdout).findings.map((finding) => `${finding.file} ${finding.ruleId}`);
    expect(findings).toEqual(['a.json suppression/unknown-rule', 'b.json suppression/unused']);
  });
});

describe('monorepos: shards, merge, cache', () => {
  function repo(): string {
    const dir = scratchFolder();
    const files: Record<string, string> = {};
    for (let i = 0; i < 24; i++) files[`svc${i}/main.json`] = i % 3 === 0 ? failing(`vm${i}`) : valid;
    files['svc1/broken.json'] = `{"$schema": "${TEMPLATE_SCHEMA}",`;
    writeFiles(dir, files);
    return dir;
  }

  it('shards split the files disjointly and stably; merged shard reports equal one full run', async () => {
    const dir = repo();
    const full = json((await runCli(['lint', '.', '-f', 'json'], dir)).stdout);
    const seen: string[] = [];
    for (let shard = 1; shard <= 3; shard++) {
      const result = await runCli(['lint', '.', '-f', 'json', '--shard', `${shard}/3`, '-o', `shard-${shard}.json`], dir);
      expect(result.code).toBeLessThan(2);
      const again = await runCli(['lint', '.', '-f', 'json', '--shard', `${shard}/3`], dir);
      expect(json(again.stdout).findings).toEqual(json(readFileSync(join(dir, `shard-${shard}.json`), 'utf8')).findings);
      seen.push(...json(again.stdout).findings.map((finding) => finding.file));
    }
    expect(seen.sort()).toEqual(full.findings.map((finding) => finding.file).sort());
    const merged = await runPlain(['merge', 'shard-1.json', 'shard-2.json', 'shard-3.json', '-f', 'json'], dir);
    expect(merged.code).toBe(1);
    const report = json(merged.stdout);
    expect(report.summary).toMatchObject({ files: full.summary.files, errors: full.summary.errors, warnings: full.summary.warnings });
    expect(report.findings.map((finding) => `${finding.file}:${finding.line}`).sort()).toEqual(
      full.findings.map((finding) => `${finding.file}:${finding.line}`).sort(),
    );
  });

  it('merge joins SARIF logs into one run with every rule once', async () => {
    const dir = repo();
    for (let shard = 1; shard <= 2; shard++) await runCli(['lint', '.', '-f', 'sarif', '--shard', `${shard}/2`, '-o', `s${shard}.sarif`], dir);
    const merged = JSON.parse((await runPlain(['merge', 's1.sarif', 's2.sarif', '-f', 'sarif'], dir)).stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; ruleIndex: number }>; tool: { driver: { rules: Array<{ id: string }> } } }>;
    };
    expect(merged.runs).toHaveLength(1);
    const { rules } = merged.runs[0].tool.driver;
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
    for (const result of merged.runs[0].results) expect(rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(merged.runs[0].results.length).toBe(9);
    expect((await runPlain(['merge', 's1.sarif', '-f', 'json'], dir)).code).toBe(2);
  });

  it('an empty shard succeeds with an empty report', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'only.json': valid });
    const codes = await Promise.all([1, 2, 3, 4, 5].map(async (shard) => (await runCli(['lint', '.', '--shard', `${shard}/5`, '-f', 'json'], dir)).code));
    expect(codes.every((code) => code === 0)).toBe(true);
    expect((await runCli(['lint', '.', '--shard', '6/5'], dir)).code).toBe(2);
  });

  it('--cache: unchanged files come from the cache with the same findings; a changed file is linted again', async () => {
    const dir = repo();
    const first = await runCli(['lint', '.', '-f', 'json', '--cache'], dir);
    expect(readdirSync(join(dir, '.patchwise-cache'))).toEqual(['lint-results.json']);
    const second = await runCli(['lint', '.', '-f', 'json', '--cache'], dir);
    expect(second.stderr).toMatch(/24 files unchanged since the cached run/);
    expect(json(second.stdout).findings).toEqual(json(first.stdout).findings);
    writeFileSync(join(dir, 'svc1/main.json'), failing('changed'));
    const third = await runCli(['lint', '.', '-f', 'json', '--cache'], dir);
    expect(third.stderr).toMatch(/23 files unchanged/);
    expect(json(third.stdout).findings.some((finding) => finding.resource?.name === 'changed')).toBe(true);
    // Another setting is another key: nothing is reused.
    expect((await runCli(['lint', '.', '--cache', '--skip-rule', 'schedules/*'], dir)).stderr).not.toMatch(/unchanged/);
  });

  it('--cache that cannot be written (read-only checkout, a file in the way): a warning, the run keeps its result', async () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'main.json': failing('vm1'), blocked: 'a file where the cache folder would go' });
    const run = await runCli(['lint', '.', '-f', 'json', '--cache', '--cache-location', 'blocked/cache'], dir);
    expect(run.code).toBe(1);
    expect(json(run.stdout).findings.length).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/^patchwise: --cache: cannot write .*lint-results\.json: .* \(the results were not cached\)$/m);
    expect(readdirSync(dir).sort()).toEqual(['blocked', 'main.json']);
  });
});

describe('SARIF for code scanning', () => {
  it('paths and fingerprints are relative to the repository root, whatever folder patchwise runs in', async () => {
    const { execFileSync } = await import('node:child_process');
    const dir = scratchFolder();
    execFileSync('git', ['init', '-q'], { cwd: dir });
    writeFiles(dir, { 'infra/web/main.json': failing() });
    const fromRoot = JSON.parse((await runCli(['lint', 'infra', '-f', 'sarif'], dir)).stdout);
    const fromSub = JSON.parse((await runCli(['lint', '.', '-f', 'sarif'], join(dir, 'infra'))).stdout);
    const where = (log: typeof fromRoot) =>
      log.runs[0].results.map(
        (result: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>; partialFingerprints: Record<string, string> }) => [
          result.locations[0].physicalLocation.artifactLocation.uri,
          result.partialFingerprints['patchwiseFinding/v1'],
        ],
      );
    expect(where(fromSub)).toEqual(where(fromRoot));
    expect(where(fromRoot)[0][0]).toBe('infra/web/main.json');
    const github = (await runCli(['lint', '.', '-f', 'github'], join(dir, 'infra'))).stdout;
    expect(github).toContain('file=infra/web/main.json');
  });

  it('every finding keeps its fingerprint when lines are added above it (suppression findings too)', async () => {
    const dir = scratchFolder();
    const template = JSON.stringify(JSON.parse(failing('vm1')), null, 2).replace(
      '"computerName"',
      '// patchwise-disable-next-line schedules/reboot-setting\n          // patchwise-disable-next-line guest-patching/no-such-rule\n          "computerName"',
    );
    const prints = async (text: string) => {
      writeFiles(dir, { 'main.json': text });
      const log = JSON.parse((await runCli(['lint', 'main.json', '-f', 'sarif'], dir)).stdout);
      return log.runs[0].results.map(
        (entry: { ruleId: string; partialFingerprints: Record<string, string> }) => `${entry.ruleId} ${entry.partialFingerprints['patchwiseFinding/v1']}`,
      );
    };
    const before = await prints(template);
    expect(before.map((entry: string) => entry.split(' ')[0])).toEqual(expect.arrayContaining(['suppression/unused', 'suppression/unknown-rule']));
    expect(await prints(template.replace('"resources"', '"variables": {\n    "a": 1\n  },\n  "resources"'))).toEqual(before);
  });

  it('two findings of one rule on one property have distinct fingerprints', async () => {
    const result = await runCli(['lint', join(FIXTURES, 'rules'), '-f', 'sarif'], FIXTURES);
    const fingerprints = JSON.parse(result.stdout).runs[0].results.map(
      (entry: { partialFingerprints: Record<string, string> }) => entry.partialFingerprints['patchwiseFinding/v1'],
    );
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it('a markdown comment of 300 findings stays under GitHub’s 65,536 characters, with "and N more"', async () => {
    const dir = scratchFolder();
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`infra/service-with-a-long-name-${i}/main.json`] = failing(`vm-with-a-long-name-${i}`);
    writeFiles(dir, files);
    const markdown = (await runCli(['lint', '.', '-f', 'markdown'], dir)).stdout;
    expect(markdown.length).toBeLessThan(65_536);
    expect(markdown).toMatch(/… and \d+ more findings/);
    expect(markdown).toContain('[guest-patching/windows-automatic-updates]: ');
  });
});

describe('patchwise init', () => {
  it('writes the config (and workflow, pre-commit entry) and never overwrites without --force', async () => {
    const dir = scratchFolder();
    const first = await runPlain(['init', '--github', '--pre-commit'], dir);
    expect(first.code).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, 'patchwise.config.json'), 'utf8'));
    expect(config.$schema).toBe('./node_modules/patchwise/schemas/config.schema.json');
    expect(readFileSync(join(dir, '.github/workflows/patchwise.yml'), 'utf8')).toContain('security-events: write');
    expect(readFileSync(join(dir, '.pre-commit-config.yaml'), 'utf8')).toContain('id: patchwise-lint');
    writeFileSync(join(dir, 'patchwise.config.json'), '{"rules": {}}');
    const again = await runPlain(['init'], dir);
    expect(again.stderr).toMatch(/exists: kept/);
    expect(readFileSync(join(dir, 'patchwise.config.json'), 'utf8')).toBe('{"rules": {}}');
    await runPlain(['init', '--force'], dir);
    expect(readFileSync(join(dir, 'patchwise.config.json'), 'utf8')).toContain('$schema');
    // The config it writes is valid and lints.
    writeFiles(dir, { 'a.json': valid });
    expect((await runCli(['lint', '.'], dir)).code).toBe(0);
  });

  it('a file it cannot write is a usage error (exit 2) with the reason; never through a link out of the folder', async () => {
    const dir = scratchFolder();
    const outside = scratchFolder();
    writeFiles(outside, { 'precious.json': 'precious' });
    symlinkSync(join(outside, 'precious.json'), join(dir, 'patchwise.config.json'));
    const linked = await runPlain(['init', '--force'], dir);
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain('patchwise.config.json is a symbolic link to');
    expect(linked.stderr).toContain('outside the working folder: refusing to write through it');
    expect(readFileSync(join(outside, 'precious.json'), 'utf8')).toBe('precious');
    // A file where the workflow's folder would go (also refused as root, unlike a read-only folder).
    const blocked = scratchFolder();
    writeFiles(blocked, { '.github': 'a file' });
    const result = await runPlain(['init', '--github'], blocked);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^patchwise: cannot write \.github\/workflows\/patchwise\.yml: /m);
    expect(result.stderr).not.toMatch(/internal error/);
  });
});
