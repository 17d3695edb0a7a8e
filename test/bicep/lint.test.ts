/**
 * `patchwise lint` and `plan` on Bicep files, end to end through the CLI: findings at `.bicep`
 * lines, local modules located in their own file, `.bicepparam` beside the template, registry
 * modules noted, suppression comments, fixes as edits of the `.bicep` text, SARIF locations.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import { runCli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/lint-fixture.js';
import { run as runPlan } from '../plan/helpers.js';

const FIXTURES = join(REPO_ROOT, 'fixtures', 'bicep');

function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'patchwise-bicep-'));
  cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

async function lintJson(args: string[], cwd: string): Promise<{ code: number; findings: Finding[]; stderr: string }> {
  const run = await runCli(['lint', ...args, '--format', 'json'], cwd);
  return { code: run.code, findings: (JSON.parse(run.stdout) as { findings: Finding[] }).findings, stderr: run.stderr };
}

const brief = (finding: Finding) =>
  `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.path} ${finding.resource?.name ?? ''}${finding.instances ? ` x${finding.instances}` : ''}${finding.suppressed ? ' (suppressed)' : ''}`;

describe('lint on .bicep files', () => {
  it('reports at .bicep lines, once for the instances of a loop and for a child named through parent:', async () => {
    const { code, findings } = await lintJson(['windows-vm-loop.bicep'], FIXTURES);
    expect(code).toBe(1);
    expect(findings.map(brief)).toEqual([
      // The comment suppresses a rule that does not fire on line 23: it suppresses nothing, and says so.
      'windows-vm-loop.bicep:22:9 suppression/unused undefined ',
      // vm-a and vm-b fail alike at one line: one finding named after the first, with the count.
      'windows-vm-loop.bicep:23:9 guest-patching/windows-automatic-updates properties.osProfile.windowsConfiguration.enableAutomaticUpdates vm-a x2',
      'windows-vm-loop.bicep:49:5 extensions/auto-upgrade-minor-version properties.autoUpgradeMinorVersion vm-a/health',
    ]);
  });

  it('reads main.bicepparam beside main.bicep, follows local modules into their file and notes registry modules it cannot read', async () => {
    const { findings, stderr } = await lintJson(['with-module/main.bicep'], FIXTURES);
    expect(findings.map(brief)).toEqual([
      'with-module/main.bicep:19:9 guest-patching/windows-automatic-updates properties.osProfile.windowsConfiguration.enableAutomaticUpdates app-vm',
      'with-module/modules/extension.bicep:18:5 extensions/auto-upgrade-minor-version properties.autoUpgradeMinorVersion app-vm/ApplicationHealthWindows',
    ]);
    expect(stderr).toContain("with-module/main.bicep: module not read: br/public:avm/res/network/network-interface:0.5.3: not in Bicep's restore cache");
  });

  it('reads a registry module from the restore cache or from a path mapped in patchwise.config.json', async () => {
    const dir = scratchCopy();
    const compiled = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { name: { type: 'string' } },
      resources: [
        {
          type: 'Microsoft.Compute/virtualMachines/extensions',
          apiVersion: '2024-07-01',
          name: "[format('{0}/ext', parameters('name'))]",
          properties: {
            publisher: 'Microsoft.ManagedServices',
            type: 'ApplicationHealthWindows',
            typeHandlerVersion: '1.0',
            enableAutomaticUpgrade: true,
            autoUpgradeMinorVersion: false,
          },
        },
      ],
    });
    const cache = join(dir, 'cache', 'br', 'mcr.microsoft.com', 'bicep$avm$res$network$network-interface', '0.5.3$');
    cpSync(join(dir, 'with-module', 'main.bicep'), join(dir, 'with-module', 'copy.bicep'));
    writeFileSync(join(dir, 'patchwise.config.json'), JSON.stringify({ bicep: { cacheRoot: 'cache' } }));
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, 'main.json'), compiled);
    const fromCache = await lintJson(['with-module/main.bicep'], dir);
    expect(fromCache.stderr).not.toContain('module not read');
    expect(fromCache.findings.map(brief)).toContain(
      'with-module/main.bicep:19:9 guest-patching/windows-automatic-updates properties.osProfile.windowsConfiguration.enableAutomaticUpdates app-vm',
    );
    expect(fromCache.findings.filter((finding) => finding.resource?.name === 'app-nic/ext')).toHaveLength(1);

    writeFileSync(join(dir, 'vendored.json'), compiled);
    writeFileSync(
      join(dir, 'patchwise.config.json'),
      JSON.stringify({ bicep: { modules: { 'br/public:avm/res/network/network-interface:0.5.3': 'vendored.json' } } }),
    );
    const mapped = await lintJson(['with-module/main.bicep'], dir);
    expect(mapped.stderr).not.toContain('module not read');
    expect(mapped.findings.filter((finding) => finding.resource?.name === 'app-nic/ext').map((finding) => finding.file)).toEqual(['vendored.json']);
  });

  it('scans folders for .bicep files and reports a syntax error at its position while linting the rest', async () => {
    const dir = scratchCopy();
    writeFileSync(join(dir, 'broken.bicep'), "param a string\nvar b = {\n  x: 'unterminated\n}\n");
    const { code, findings } = await lintJson(['.'], dir);
    expect(code).toBe(1);
    const parseErrors = findings.filter((finding) => finding.ruleId === 'parse-error');
    expect(parseErrors.map((finding) => `${finding.file}:${finding.line}:${finding.column}`)).toEqual(['broken.bicep:3:19']);
    expect(findings.some((finding) => finding.file === 'windows-vm-loop.bicep')).toBe(true);
    expect(findings.some((finding) => finding.file === 'with-module/modules/extension.bicep')).toBe(true);
  });

  it('a main.json Bicep compiled from a main.bicep of the same scan is not read again (a note says so); another JSON beside it is', async () => {
    const dir = scratchCopy();
    const compiled = JSON.parse(
      readFileSync(join(REPO_ROOT, 'fixtures', 'arm', 'rules', 'extensions', 'auto-upgrade-minor-version', 'invalid', 'vm-extension-resource.json'), 'utf8'),
    ) as Record<string, unknown>;
    mkdirSync(join(dir, 'dup'));
    cpSync(join(dir, 'windows-vm-loop.bicep'), join(dir, 'dup', 'main.bicep'));
    writeFileSync(join(dir, 'dup', 'main.json'), JSON.stringify({ ...compiled, metadata: { _generator: { name: 'bicep', version: '0.30.23.60470' } } }));
    const scan = await lintJson(['dup'], dir);
    expect(scan.stderr).toContain('patchwise: skipped dup/main.json: Bicep compiled it from dup/main.bicep, which is read instead');
    expect(new Set(scan.findings.map((finding) => finding.file))).toEqual(new Set(['dup/main.bicep']));
    // Named alone, it is linted; and a JSON not written by Bicep is linted beside the .bicep.
    expect((await lintJson(['dup/main.json'], dir)).findings.length).toBeGreaterThan(0);
    writeFileSync(join(dir, 'dup', 'main.json'), JSON.stringify(compiled));
    expect(new Set((await lintJson(['dup'], dir)).findings.map((finding) => finding.file))).toEqual(new Set(['dup/main.bicep', 'dup/main.json']));
  });

  it('honours // patchwise-disable-next-line comments and config suppressions', async () => {
    const dir = scratchCopy();
    const path = join(dir, 'windows-vm-loop.bicep');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(
        '// patchwise-disable-next-line guest-patching/api-version reason here',
        '// patchwise-disable-next-line guest-patching/windows-automatic-updates moving to AutomaticByOS in Q3',
      ),
    );
    writeFileSync(
      join(dir, 'patchwise.config.json'),
      JSON.stringify({ suppressions: [{ rules: ['extensions/*'], files: ['*.bicep'], reason: 'owned by the platform team' }] }),
    );
    const { code, findings } = await lintJson(['windows-vm-loop.bicep'], dir);
    expect(code).toBe(0);
    expect(findings.map((finding) => finding.suppressed)).toEqual([
      { kind: 'inline', reason: 'moving to AutomaticByOS in Q3' }, // both loop instances, as one finding
      { kind: 'config', reason: 'owned by the platform team' },
    ]);
  });

  // The declaration that does not parse is not checked at all: a comment must not let it pass.
  it.each([
    ['a comment on the line', "  name: 'vm1' 'x' // patchwise-disable-line parse-error\n"],
    ['a comment on the line before', "  // patchwise-disable-next-line parse-error\n  name: 'vm1' 'x'\n"],
    ['a glob', "  // patchwise-disable-next-line *\n  name: 'vm1' 'x'\n"],
  ])('a syntax error is never suppressed, by %s', async (_, body) => {
    const dir = mkdtempSync(join(tmpdir(), 'patchwise-bicep-'));
    writeFileSync(join(dir, 'main.bicep'), `resource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {\n${body}  location: 'westeurope'\n}\n`);
    const { code, findings } = await lintJson(['main.bicep'], dir);
    expect(findings.filter((finding) => finding.ruleId === 'parse-error' && !finding.suppressed)).toHaveLength(1);
    expect(code).toBe(1);
  });

  it('--fix edits literal values in the .bicep text and leaves parameters and module inputs alone', async () => {
    const dir = scratchCopy();
    const before = readFileSync(join(dir, 'windows-vm-loop.bicep'), 'utf8');
    const run = await runCli(['lint', 'windows-vm-loop.bicep', 'with-module/main.bicep', '--fix'], dir);
    expect(run.code).toBe(0);
    const after = readFileSync(join(dir, 'windows-vm-loop.bicep'), 'utf8');
    expect(after).toBe(
      before
        .replace('enableAutomaticUpdates: false', 'enableAutomaticUpdates: true')
        .replace('autoUpgradeMinorVersion: false', 'autoUpgradeMinorVersion: true'),
    );
    // The module's value comes from its caller's params: no fix in either file; the VM's literal is fixed.
    expect(readFileSync(join(dir, 'with-module', 'modules', 'extension.bicep'), 'utf8')).toBe(
      readFileSync(join(FIXTURES, 'with-module', 'modules', 'extension.bicep'), 'utf8'),
    );
    expect(readFileSync(join(dir, 'with-module', 'main.bicep'), 'utf8')).toContain('enableAutomaticUpdates: false');
  });

  it('--fix adds a missing property on its own line of the object written in the .bicep file', async () => {
    const dir = scratchCopy();
    const path = join(dir, 'windows-vm-loop.bicep');
    const before = readFileSync(path, 'utf8').replace('    autoUpgradeMinorVersion: false\n', '');
    writeFileSync(path, before);
    const run = await runCli(['lint', 'windows-vm-loop.bicep', '--fix'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(
      before
        .replace('enableAutomaticUpdates: false', 'enableAutomaticUpdates: true')
        .replace('    enableAutomaticUpgrade: true\n', '    enableAutomaticUpgrade: true\n    autoUpgradeMinorVersion: true\n'),
    );
  });

  it('gives SARIF locations in the .bicep file and keeps ARM property paths in JSON', async () => {
    const run = await runCli(['lint', 'windows-vm-loop.bicep', '--format', 'sarif'], FIXTURES);
    const sarif = JSON.parse(run.stdout) as {
      runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }>;
    };
    const locations = sarif.runs[0].results.map(
      (result) => `${result.locations[0].physicalLocation.artifactLocation.uri}:${result.locations[0].physicalLocation.region.startLine}`,
    );
    // From the repository root (code scanning); the suppression of a rule that does not fire there is reported unused.
    expect(locations).toEqual([
      'fixtures/bicep/windows-vm-loop.bicep:22',
      'fixtures/bicep/windows-vm-loop.bicep:23',
      'fixtures/bicep/windows-vm-loop.bicep:49',
    ]);
    // The loop's two instances are one result; its message says so.
    expect(JSON.stringify(sarif)).toContain('(2 copy-loop instances)');
  });

  it('takes --parameters FILE.bicepparam and refuses one that does not parse', async () => {
    const dir = scratchCopy();
    writeFileSync(join(dir, 'auto.bicepparam'), "using './with-module/main.bicep'\nparam patchMode = 'AutomaticByPlatform'\n");
    const { findings } = await lintJson(['with-module/main.bicep', '--parameters', 'auto.bicepparam'], dir);
    expect(findings.filter((finding) => finding.ruleId === 'guest-patching/windows-automatic-updates')).toEqual([]);
    writeFileSync(join(dir, 'bad.bicepparam'), "param patchMode = 'x\n");
    const bad = await runCli(['lint', 'with-module/main.bicep', '--parameters', 'bad.bicepparam'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--parameters: bad\.bicepparam:1:/);
  });

  it('change rules compare with the previous .bicep version', async () => {
    const dir = scratchCopy();
    const old = join(dir, 'old.bicep');
    writeFileSync(old, readFileSync(join(dir, 'windows-vm-loop.bicep'), 'utf8').replace('enableAutomaticUpdates: false', 'enableAutomaticUpdates: true'));
    const { findings } = await lintJson(['windows-vm-loop.bicep', '--baseline', 'old.bicep'], dir);
    expect(findings.some((finding) => finding.ruleId.startsWith('change/'))).toBe(true);
  });

  it('plans the fleet of a .bicep file', async () => {
    const result = await runPlan(['plan', join(FIXTURES, 'windows-vm-loop.bicep'), '--start', '2026-12-08', '--format', 'json']);
    expect(result.code, result.stderr).toBeLessThan(2);
    const plan = JSON.parse(result.stdout) as { summary: { targets: number } };
    expect(plan.summary.targets).toBe(2);
  });
});
