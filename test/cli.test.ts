/** The CLI in-process: exit codes, formats, configuration, baselines, colour, output files. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync, existsSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { CliIO } from '../src/cli/io.js';
import { FIXTURES, REPO_ROOT } from './helpers/lint-fixture.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], options: { cwd?: string; env?: Record<string, string>; tty?: boolean } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? {},
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTTY: options.tty ?? false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const fixture = (name: string) => relative(REPO_ROOT, join(FIXTURES, name));

describe('exit codes', () => {
  it('0 when there are no error findings', async () => {
    const result = await run(['lint', fixture('valid'), '--today', '2026-11-23']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('1 with error findings, and the stylish report names file, line and rule', async () => {
    const result = await run(['lint', fixture('rules/guest-patching/windows-automatic-updates/invalid/by-os-updates-off.json')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('fixtures/arm/rules/guest-patching/windows-automatic-updates/invalid/by-os-updates-off.json');
    expect(result.stdout).toMatch(/28:\d+\s+error\s+.*guest-patching\/windows-automatic-updates/);
  });

  it('1 when warnings exceed --max-warnings, 0 when they do not', async () => {
    const file = fixture('examples/legacy-app.json');
    expect((await run(['lint', file, '--max-warnings', '0'])).code).toBe(1);
    expect((await run(['lint', file, '--max-warnings', '5'])).code).toBe(0);
  });

  it('2 for usage errors: a missing path, a bad format, a bad --today', async () => {
    expect((await run(['lint', 'no/such/file.json'])).code).toBe(2);
    expect((await run(['lint', fixture('valid'), '--format', 'xml'])).code).toBe(2);
    expect((await run(['lint', fixture('valid'), '--today', 'tomorrow'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
  });

  it('2 for an invalid configuration file, with the problem named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchwise-config-'));
    writeFileSync(join(dir, 'patchwise.config.json'), JSON.stringify({ rules: { 'guest-patching/patch-mode-value': 'loud' } }));
    const result = await run(['lint', join(REPO_ROOT, fixture('valid'))], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/invalid configuration/);
    writeFileSync(join(dir, 'patchwise.config.json'), JSON.stringify({ rules: { 'no-such-rule': 'off' } }));
    expect((await run(['lint', join(REPO_ROOT, fixture('valid'))], { cwd: dir })).stderr).toMatch(/unknown rule 'no-such-rule'/);
  });

  // A mistyped id in a suppression suppresses nothing: the finding it was meant for stays, and nothing said why.
  it.each([
    [
      'guest-patching/windows-automatic-update',
      /unknown rule 'guest-patching\/windows-automatic-update' in \/suppressions\/0\/rules\/0; did you mean 'guest-patching\/windows-automatic-updates'/,
    ],
    ['guest-patching/nothing-like-it', /unknown rule 'guest-patching\/nothing-like-it' in \/suppressions\/0\/rules\/0/],
  ])('2 for a configuration suppression naming an unknown rule (%s)', async (id, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'patchwise-config-'));
    writeFileSync(join(dir, 'patchwise.config.json'), JSON.stringify({ suppressions: [{ rules: [id, 'extensions/*'], reason: 'x' }] }));
    const result = await run(['lint', join(REPO_ROOT, fixture('valid'))], { cwd: dir });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
  });
});

describe('configuration', () => {
  it('turns rules off, changes severity, ignores files and suppresses by resource glob', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchwise-config-'));
    mkdirSync(join(dir, 'infra', 'legacy'), { recursive: true });
    copyFileSync(join(FIXTURES, 'rules/guest-patching/windows-automatic-updates/invalid/by-os-updates-off.json'), join(dir, 'infra', 'by-os.json'));
    copyFileSync(join(FIXTURES, 'rules/guest-patching/vm-agent-required/invalid/platform-without-agent.json'), join(dir, 'infra', 'legacy', 'agent.json'));
    copyFileSync(join(FIXTURES, 'rules/guest-patching/patch-mode-value/invalid/linux-automatic-by-os.json'), join(dir, 'infra', 'linux.json'));
    writeFileSync(
      join(dir, 'patchwise.config.json'),
      JSON.stringify({
        rules: { 'guest-patching/windows-automatic-updates': 'warning' },
        ignore: ['infra/legacy/**'],
        suppressions: [{ rules: ['guest-patching/patch-*'], resources: ['vm*'], reason: 'migrating' }],
      }),
    );
    const result = await run(['lint', 'infra', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as {
      findings: Array<{ ruleId: string; severity: string; file: string; suppressed?: unknown }>;
      summary: Record<string, number>;
    };
    expect(report.findings.map((finding) => [finding.file, finding.ruleId, finding.severity, Boolean(finding.suppressed)])).toEqual([
      ['infra/by-os.json', 'guest-patching/windows-automatic-updates', 'warning', false],
      ['infra/linux.json', 'guest-patching/patch-mode-value', 'error', true],
    ]);
    expect(report.summary).toMatchObject({ files: 2, errors: 0, warnings: 1, suppressed: 1 });
    expect(result.code).toBe(0);
  });
});

describe('formats and output', () => {
  it('writes the report to --output and nothing to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchwise-out-'));
    const output = join(dir, 'report.sarif');
    const result = await run(['lint', fixture('rules'), '--format', 'sarif', '--output', output]);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    const sarif = JSON.parse(readFileSync(output, 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(5);
    expect(readdirSync(dir)).toEqual(['report.sarif']);
  });

  it.each(['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'])('%s runs on the invalid fixtures', async (format) => {
    const result = await run(['lint', fixture('rules'), '--format', format]);
    expect(result.code).toBe(1);
    expect(result.stdout.length).toBeGreaterThan(0);
  });

  it('--quiet reports errors only', async () => {
    const result = await run(['lint', fixture('examples'), '--quiet', '--format', 'json']);
    const report = JSON.parse(result.stdout) as { findings: Array<{ severity: string }> };
    expect(report.findings.every((finding) => finding.severity === 'error')).toBe(true);
  });

  it('colours only on a terminal and never with NO_COLOR', async () => {
    const file = fixture('rules/guest-patching/windows-automatic-updates/invalid/by-os-updates-off.json');
    const ansi = /\u001b\[/;
    expect((await run(['lint', file], { tty: true })).stdout).toMatch(ansi);
    expect((await run(['lint', file], { tty: false })).stdout).not.toMatch(ansi);
    expect((await run(['lint', file], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ansi);
  });

  it('skips explicitly named JSON files that are not templates, and parameter files in folders', async () => {
    const result = await run(['lint', fixture('examples/legacy-app.parameters.json'), fixture('examples/legacy-app.json')]);
    expect(result.stderr).toContain('skipped fixtures/arm/examples/legacy-app.parameters.json');
    const folder = await run(['lint', fixture('examples'), '--format', 'json']);
    const report = JSON.parse(folder.stdout) as { summary: { files: number } };
    expect(report.summary.files).toBe(2);
  });
});

describe('baselines', () => {
  it('--baseline FILE runs the change rules', async () => {
    const result = await run(['lint', fixture('change/after-by-os.json'), '--baseline', fixture('change/before-manual.json'), '--format', 'json']);
    const ids = (JSON.parse(result.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((finding) => finding.ruleId).sort();
    expect(ids).toEqual(['change/enable-automatic-updates-changed', 'change/patch-mode-switch']);
  });

  it('--baseline-ref REF takes the previous version from git', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchwise-git-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    copyFileSync(join(FIXTURES, 'change/before-manual.json'), join(dir, 'main.json'));
    git('add', '.');
    git('commit', '-q', '-m', 'before');
    copyFileSync(join(FIXTURES, 'change/after-platform.json'), join(dir, 'main.json'));
    // Manual -> AutomaticByPlatform with enableAutomaticUpdates false: supported, and GP2 not reported.
    const withBaseline = await run(['lint', 'main.json', '--baseline-ref', 'HEAD', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(withBaseline.stdout) as { findings: unknown[] }).findings).toEqual([]);
    const without = await run(['lint', 'main.json', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(without.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId)).toEqual([
      'guest-patching/windows-automatic-updates',
    ]);
    const unknownRef = await run(['lint', 'main.json', '--baseline-ref', 'no-such-ref'], { cwd: dir });
    expect(unknownRef.code).toBe(2);
    expect(unknownRef.stderr).toContain("--baseline-ref: 'no-such-ref' is not a revision of the git repository of");
    // A file the revision does not have is new (no error), whatever it holds.
    copyFileSync(join(FIXTURES, 'change/after-platform.json'), join(dir, 'added.json'));
    const added = await run(['lint', 'added.json', '--baseline-ref', 'HEAD', '--format', 'json'], { cwd: dir });
    expect(added.stderr).toBe('');
    expect((JSON.parse(added.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId)).toEqual([
      'guest-patching/windows-automatic-updates',
    ]);
  });

  // A symbolic link (committed, or not yet) lints its target: the previous version is the target's, not the link's text.
  it.each([
    ['committed', true],
    ['not committed yet', false],
  ])('--baseline-ref through a symbolic link to a template (%s) compares with the template at REF', async (_, commitLink) => {
    const dir = mkdtempSync(join(tmpdir(), 'patchwise-git-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    mkdirSync(join(dir, 'shared'));
    copyFileSync(join(FIXTURES, 'change/before-by-os.json'), join(dir, 'shared', 'vm.json'));
    symlinkSync('shared/vm.json', join(dir, 'prod.json'));
    git('add', 'shared', ...(commitLink ? ['prod.json'] : []));
    git('commit', '-q', '-m', 'before');
    copyFileSync(join(FIXTURES, 'change/after-manual.json'), join(dir, 'shared', 'vm.json'));
    const result = await run(['lint', 'prod.json', '--baseline-ref', 'HEAD', '--format', 'json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect((JSON.parse(result.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId)).toContain('change/patch-mode-switch');
  });

  it('--baseline-ref outside a git repository, or without git, says so (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchwise-no-git-'));
    copyFileSync(join(FIXTURES, 'change/after-platform.json'), join(dir, 'main.json'));
    const outside = await run(['lint', 'main.json', '--baseline-ref', 'HEAD'], { cwd: dir });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/--baseline-ref: git cannot read the repository of .*main\.json: fatal: not a git repository/);
    const path = process.env.PATH;
    process.env.PATH = join(dir, 'no-such-bin');
    try {
      const noGit = await run(['lint', 'main.json', '--baseline-ref', 'HEAD'], { cwd: dir });
      expect(noGit.code).toBe(2);
      expect(noGit.stderr).toContain('--baseline-ref needs git, which was not found (install it, or put it on PATH)');
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('rules and explain', () => {
  it('lists rules and requirement coverage', async () => {
    const rules = await run(['rules']);
    expect(rules.stdout).toContain('guest-patching/windows-automatic-updates');
    const coverage = await run(['rules', '--coverage', '--json']);
    const report = JSON.parse(coverage.stdout) as { covered: number; total: number; requirements: Array<{ id: string; rules: string[] }> };
    expect(report.requirements.find((row) => row.id === 'GP9')?.rules).toEqual(['change/enable-automatic-updates-changed']);
    expect(report.covered).toBeGreaterThanOrEqual(13);
  });

  it('explains a rule from its page, and rejects an unknown rule', async () => {
    const result = await run(['explain', 'guest-patching/vm-agent-required']);
    expect(result.stdout).toContain('# guest-patching/vm-agent-required');
    expect((await run(['explain', 'nope'])).code).toBe(2);
  });
});

describe('start-up stays light', () => {
  it('nothing the CLI imports, statically or dynamically, reaches Pulumi', () => {
    const seen = new Set<string>();
    const offenders: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)) {
        const specifier = match[1];
        if (specifier.startsWith('@pulumi/')) offenders.push(`${relative(REPO_ROOT, file)} -> ${specifier}`);
        if (!specifier.startsWith('.')) continue;
        const target = join(dirname(file), specifier.replace(/\.js$/, '.ts'));
        if (existsSync(target)) visit(target);
      }
    };
    visit(join(REPO_ROOT, 'src', 'cli', 'main.ts'));
    expect(seen.size).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });

  it.skipIf(!existsSync(join(REPO_ROOT, 'dist', 'cli', 'main.js')))(
    'linting a JSON template loads neither node:crypto nor node:child_process (no guid(), SARIF, cache, shard or git)',
    () => {
      // process.moduleLoadList names every built-in the process loaded; printed at exit by a preload.
      const preload = `data:text/javascript,process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(process.moduleLoadList)))`;
      const loaded = (args: string[]): string[] => {
        const run = spawnSync(process.execPath, ['--import', preload, join(REPO_ROOT, 'bin', 'patchwise.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
        return JSON.parse(run.stderr.slice(run.stderr.lastIndexOf('LOADED ') + 'LOADED '.length)) as string[];
      };
      const plain = loaded(['lint', join('fixtures', 'arm', 'examples', 'web-tier.json'), '--format', 'json']);
      expect(plain).not.toContain('NativeModule crypto');
      expect(plain).not.toContain('NativeModule child_process');
      // And they are there when asked for: SARIF fingerprints hash.
      expect(loaded(['lint', join('fixtures', 'arm', 'examples', 'web-tier.json'), '--format', 'sarif'])).toContain('NativeModule crypto');
    },
  );

  it.skipIf(!existsSync(join(REPO_ROOT, 'dist', 'cli', 'main.js')))('the bundled CLI the bin runs holds no Pulumi import either', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (name.endsWith('.js')) files.push(path);
        else if (!name.includes('.')) walk(path);
      }
    };
    walk(join(REPO_ROOT, 'dist', 'cli'));
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(/['"]@pulumi\//);
  });
});
