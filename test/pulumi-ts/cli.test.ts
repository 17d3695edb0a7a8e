import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/lint-fixture.js';
import { scratchFolder, writeFiles } from '../helpers/scratch.js';

const program = (enableAutomaticUpdates: string) => `import * as compute from '@pulumi/azure-native/compute/index.js';

new compute.VirtualMachine('vm', {
  resourceGroupName: 'rg',
  vmName: 'vm1',
  osProfile: {
    windowsConfiguration: {
      enableAutomaticUpdates: ${enableAutomaticUpdates},
      patchSettings: { patchMode: compute.WindowsVMGuestPatchMode.AutomaticByOS },
    },
  },
  storageProfile: { imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter', version: 'latest' } },
});
`;

function project(): string {
  const dir = scratchFolder('patchwise-pulumi-');
  writeFiles(dir, {
    'index.ts': program('false'),
    'helpers.ts': 'export const x = 1; // not a Pulumi program\n',
    'types.d.ts': "import * as compute from '@pulumi/azure-native/compute';\nexport declare const vm: compute.VirtualMachine;\n",
    'node_modules/dep/index.ts': program('false'),
    'dist/index.ts': program('false'),
    'infra/stack.mts': program('true'),
  });
  return dir;
}

describe('patchwise lint on a Pulumi project', () => {
  it('finds the programs in a folder (not node_modules, dist, .d.ts or other TypeScript) and reports at .ts positions', async () => {
    const dir = project();
    const result = await runCli(['lint', '.', '--format', 'json'], dir);
    const report = JSON.parse(result.stdout) as {
      findings: Array<{ file: string; line: number; column: number; ruleId: string; fix?: unknown }>;
      summary: { files: number };
    };
    expect(report.summary.files).toBe(2);
    expect(report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`)).toEqual([
      'index.ts:8:7 guest-patching/windows-automatic-updates',
    ]);
    expect(report.findings[0].fix).toBeDefined();
    expect(result.code).toBe(1);
  });

  it('every output format renders program findings (SARIF with the region)', async () => {
    const dir = project();
    const sarif = JSON.parse((await runCli(['lint', 'index.ts', '--format', 'sarif'], dir)).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: 'index.ts' },
      region: { startLine: 8, startColumn: 7 },
    });
    for (const format of ['stylish', 'junit', 'github', 'markdown']) {
      expect((await runCli(['lint', 'index.ts', '--format', format], dir)).stdout).toContain('8');
    }
  });

  it('--fix edits the literal in place and the file lints clean; --fix-dry-run prints the diff', async () => {
    const dir = project();
    const dry = await runCli(['lint', 'index.ts', '--fix-dry-run'], dir);
    expect(dry.stdout).toContain('-      enableAutomaticUpdates: false,');
    expect(dry.stdout).toContain('+      enableAutomaticUpdates: true,');
    expect(readFileSync(join(dir, 'index.ts'), 'utf8')).toBe(program('false'));
    const fixed = await runCli(['lint', 'index.ts', '--fix'], dir);
    expect(fixed.code).toBe(0);
    expect(readFileSync(join(dir, 'index.ts'), 'utf8')).toBe(program('true'));
  });

  it('a TypeScript file named on the command line that is not a Pulumi program is skipped with a note', async () => {
    const dir = project();
    const result = await runCli(['lint', 'helpers.ts', 'infra/stack.mts'], dir);
    expect(result.stderr).toContain('skipped helpers.ts: not a Pulumi program');
    expect(result.code).toBe(0);
  });

  it('--baseline gives the change rules the previous version of a program; one missing from the baseline folder is new', async () => {
    const dir = project();
    writeFiles(dir, { 'before/index.ts': program('true'), 'empty/.keep': '' });
    const ruleIds = async (baseline: string) =>
      (
        JSON.parse((await runCli(['lint', 'index.ts', '--baseline', baseline, '--format', 'json'], dir)).stdout) as { findings: Array<{ ruleId: string }> }
      ).findings.map((finding) => finding.ruleId);
    expect(await ruleIds('before/index.ts')).toContain('change/enable-automatic-updates-changed');
    expect(await ruleIds('empty')).not.toContain('change/enable-automatic-updates-changed');
  });

  it('--cache reuses the result of an unchanged program', async () => {
    const dir = project();
    const first = await runCli(['lint', 'index.ts', '--cache', '--format', 'json'], dir);
    const second = await runCli(['lint', 'index.ts', '--cache', '--format', 'json'], dir);
    expect(second.stderr).toMatch(/1 file unchanged since the cached run/);
    expect(second.stdout).toBe(first.stdout);
  });
});

describe('ts-morph stays off the ARM path', () => {
  /** Modules src/cli/main.ts and the lint command reach through static imports only. */
  function staticClosure(entry: string): Set<string> {
    const seen = new Set<string>();
    const specifiers = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const match of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
        specifiers.add(match[1]);
        const target = join(dirname(file), match[1].replace(/\.js$/, '.ts'));
        if (match[1].startsWith('.') && existsSync(target)) visit(target);
      }
    };
    visit(entry);
    return specifiers;
  }

  it('neither the CLI entry nor the lint command imports ts-morph statically', () => {
    expect([...staticClosure(join(REPO_ROOT, 'src', 'cli', 'main.ts'))]).not.toContain('ts-morph');
    expect([...staticClosure(join(REPO_ROOT, 'src', 'cli', 'lint.ts'))]).not.toContain('ts-morph');
  });

  it.skipIf(!existsSync(join(REPO_ROOT, 'dist', 'cli', 'main.js')))('the bundled main chunk holds no ts-morph import', () => {
    expect(readFileSync(join(REPO_ROOT, 'dist', 'cli', 'main.js'), 'utf8')).not.toMatch(/['"]ts-morph['"]/);
  });
});

describe('patchwise convert (CLI)', () => {
  it('writes the Pulumi project, refuses to overwrite it without --force, and says what it did', async () => {
    const dir = scratchFolder('patchwise-convert-');
    const template = join(REPO_ROOT, 'fixtures', 'arm', 'examples', 'legacy-app.json');
    const first = await runCli(['convert', template, '--out', 'infra', '--stack', 'prod'], dir);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('1 component(s)');
    for (const file of ['index.ts', 'Pulumi.yaml', 'package.json', 'tsconfig.json', 'Pulumi.prod.yaml.example'])
      expect(existsSync(join(dir, 'infra', file)), file).toBe(true);
    expect(readFileSync(join(dir, 'infra', 'index.ts'), 'utf8')).toContain('new PatchedVirtualMachine(');
    expect((await runCli(['convert', template, '--out', 'infra'], dir)).code).toBe(2);
    expect((await runCli(['convert', template, '--out', 'infra', '--force'], dir)).code).toBe(0);
  });

  it('reads a Bicep file natively; a file that is not a template is a usage error', async () => {
    const dir = scratchFolder('patchwise-convert-');
    const bicep = [
      '@secure()',
      'param adminPassword string',
      "resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' = {",
      "  name: 'vm1'",
      "  location: 'westeurope'",
      '  properties: {',
      "    hardwareProfile: { vmSize: 'Standard_D2s_v5' }",
      "    osProfile: { computerName: 'vm1', adminUsername: 'azureuser', adminPassword: adminPassword, windowsConfiguration: { enableAutomaticUpdates: false, patchSettings: { patchMode: 'AutomaticByPlatform' } } }",
      "    storageProfile: { imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition', version: 'latest' } }",
      "    networkProfile: { networkInterfaces: [ { id: resourceId('Microsoft.Network/networkInterfaces', 'nic1') } ] }",
      '  }',
      '}',
      '',
    ].join('\n');
    writeFiles(dir, { 'main.bicep': bicep, 'data.json': '{"a": 1}' });
    expect((await runCli(['convert', 'main.bicep', '--out', 'o'], dir)).code).toBe(0);
    const program = readFileSync(join(dir, 'o', 'index.ts'), 'utf8');
    expect(program).toContain('config.requireSecret("adminPassword")');
    expect(program).toContain('derived: enableAutomaticUpdates false in the template → true (GP2-GP4)');
    expect(program).toContain('patching: { mode: "platform" }');
    expect((await runCli(['convert', 'data.json', '--out', 'o2'], dir)).code).toBe(2);
  });
});
