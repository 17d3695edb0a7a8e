/**
 * No secret is ever printed, and template text cannot steer what reads the output (reliability
 * audit D3, D10). Secrets are planted in every place a template or parameters file can hold them;
 * every format of `lint`, `--fix-dry-run`, every format of `plan`, and stderr are searched.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { redactSourceText } from '../../src/report/redact.js';
import { run as runMain } from '../plan/helpers.js';
import { REPO_ROOT } from '../helpers/lint-fixture.js';
import { scratchFolder, TEMPLATE_SCHEMA, writeFiles } from '../helpers/scratch.js';

/** Each planted value; none may appear in any output. */
const SECRETS = [
  'ONELINEPROTECTEDPW',
  'ONELINESTORAGEKEY',
  'ONELINESASSIG',
  'LITERALADMINPW',
  'CUSTOMDATASECRET',
  'PROTEXPIREDSIG',
  'EXPRBARESIG',
  'EXPRSPLITSIG',
  'EXPRENCODEDSIG',
  'EXPRSPLITACCOUNTKEY',
  'EXPRPWSECRET',
  'EXPRPWDSECRET',
  'PARAMDEFAULTPW',
  'SQLCONNPW',
  'PARAMFILEPW',
  'MALFORMEDESCAPE',
  'MALFORMEDUNTERMINATED',
  'BEARERTOKEN',
] as const;

const vmProperties = {
  hardwareProfile: { vmSize: 'Standard_D2s_v5' },
  osProfile: {
    computerName: 'vm1',
    adminUsername: 'azureuser',
    adminPassword: 'LITERALADMINPW',
    customData: 'CUSTOMDATASECRET',
    windowsConfiguration: { enableAutomaticUpdates: false, provisionVMAgent: true, patchSettings: { patchMode: 'AutomaticByOS' } },
  },
  storageProfile: { imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter', version: 'latest' } },
};

/**
 * The extension's properties on the line after the brace: a fix that inserts a property there lays
 * that line out again, so its edit copies every sibling (a one-line object keeps its line: no copy).
 */
const oneLineExtension = `{\n        "publisher": "Microsoft.Compute", "type": "CustomScriptExtension", "typeHandlerVersion": "1.10", "enableAutomaticUpgrade": true, "protectedSettings": {"commandToExecute": "run.cmd -p ONELINEPROTECTEDPW", "storageAccountKey": "ONELINESTORAGEKEY", "fileUris": ["https://s.blob.core.windows.net/c/x.ps1?sv=2022-11-02&se=2030-01-01&sp=r&sig=ONELINESASSIG%3D"]}}`;

function mainTemplate(): string {
  const template = {
    $schema: TEMPLATE_SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: {
      conn: { type: 'string', defaultValue: 'Server=db;User=sa;Password=PARAMDEFAULTPW;' },
      adminPassword: { type: 'securestring' },
    },
    variables: { sql: 'Server=db;Pwd=SQLCONNPW;' },
    resources: [
      {
        type: 'Microsoft.Compute/virtualMachines',
        apiVersion: '2024-03-01',
        name: "[concat('vm-', parameters('conn'))]",
        location: 'westeurope',
        tags: {
          expr: "[concat('x', 'sig=EXPRBARESIG', '&sig=', 'EXPRSPLITSIG', '%26sig%3DEXPRENCODEDSIG', 'AccountKey=', 'EXPRSPLITACCOUNTKEY', 'Password=EXPRPWSECRET', 'pwd: EXPRPWDSECRET', 'Bearer BEARERTOKEN', parameters('undeclared'))]",
        },
        properties: vmProperties,
      },
      {
        type: 'Microsoft.Compute/virtualMachines',
        apiVersion: '2024-03-01',
        name: "[concat('db-', variables('sql'))]",
        location: 'westeurope',
        properties: vmProperties,
      },
      {
        type: 'Microsoft.Compute/virtualMachines/extensions',
        apiVersion: '2024-07-01',
        name: 'vm1/script',
        location: 'westeurope',
        properties: '__ONE_LINE__',
      },
      {
        type: 'Microsoft.Compute/virtualMachines/extensions',
        apiVersion: '2024-07-01',
        name: 'vm1/expired',
        location: 'westeurope',
        properties: {
          publisher: 'Microsoft.Compute',
          type: 'CustomScriptExtension',
          typeHandlerVersion: '1.10',
          autoUpgradeMinorVersion: true,
          protectedSettings: { fileUris: ['https://s.blob.core.windows.net/c/y.ps1?sv=2022-11-02&se=2020-01-01&sp=r&sig=PROTEXPIREDSIG'] },
        },
      },
    ],
  };
  return JSON.stringify(template, null, 2).replace('"__ONE_LINE__"', oneLineExtension);
}

function plantedFolder(): string {
  const dir = scratchFolder();
  writeFiles(dir, {
    'main.json': mainTemplate(),
    // A parameters file with a password and a broken string right at another one.
    'broken/azuredeploy.json': JSON.stringify({ $schema: TEMPLATE_SCHEMA, parameters: { adminPassword: { type: 'securestring' } }, resources: [] }),
    'broken/azuredeploy.parameters.json': '{"parameters": {"adminPassword": {"value": "PARAMFILEPW"}, "other": {"value": "MALFORMED\\qESCAPE"}}}',
    'unterminated.json': `{"$schema": "${TEMPLATE_SCHEMA}", "parameters": {"p": {"type": "string", "defaultValue": "MALFORMEDUNTERMINATED`,
  });
  return dir;
}

function expectNoSecret(text: string, where: string): void {
  for (const secret of SECRETS) expect(text.includes(secret), `${secret} printed by ${where}`).toBe(false);
}

describe('planted secrets never reach an output', () => {
  for (const format of ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown']) {
    it(`lint --format ${format} (stdout, stderr and --output file)`, async () => {
      const dir = plantedFolder();
      const printed = await runCli(['lint', '.', '--format', format], dir);
      expect(printed.code).toBe(1);
      expectNoSecret(printed.stdout + printed.stderr, format);
      const written = await runCli(['lint', '.', '--format', format, '-o', 'report.out'], dir);
      expectNoSecret(readFileSync(join(dir, 'report.out'), 'utf8') + written.stderr, `${format} -o`);
    });
  }

  it('the planted template does exercise every channel (the test can fail)', async () => {
    const dir = plantedFolder();
    const report = JSON.parse((await runCli(['lint', '.', '--format', 'json'], dir)).stdout) as {
      findings: Array<{ ruleId: string; file: string; message: string; fix?: { description: string; edits: unknown[] } }>;
    };
    const ids = report.findings.map((finding) => `${finding.file} ${finding.ruleId}`);
    expect(ids).toContain('main.json template/invalid-expression');
    expect(ids).toContain('main.json extensions/auto-upgrade-minor-version');
    expect(ids).toContain('main.json credentials/sas-expiry');
    expect(ids).toContain('broken/azuredeploy.parameters.json parse-error');
    expect(ids).toContain('unterminated.json parse-error');
    // The one-line fix holds the protected settings: described, its edits withheld.
    const oneLine = report.findings.find((finding) => finding.ruleId === 'extensions/auto-upgrade-minor-version');
    expect(oneLine?.fix?.edits).toEqual([]);
    expect(oneLine?.fix?.description).toMatch(/holds a secret/);
    // The names are shown, with the password redacted.
    expect(JSON.stringify(report)).toContain('Password=REDACTED');
  });

  it('--fix-dry-run diff', async () => {
    const dir = plantedFolder();
    const result = await runCli(['lint', '.', '--fix-dry-run'], dir);
    expect(result.stdout).toContain('+++ b/main.json');
    expect(result.stdout).toContain('"autoUpgradeMinorVersion": true');
    expectNoSecret(result.stdout + result.stderr, '--fix-dry-run');
  });

  it('--fix applies the fix the report withheld (the secret stays in the file, unchanged)', async () => {
    const dir = plantedFolder();
    await runCli(['lint', 'main.json', '--fix'], dir);
    const fixed = readFileSync(join(dir, 'main.json'), 'utf8');
    expect(fixed).toContain('ONELINEPROTECTEDPW');
    expect(fixed).toMatch(/"autoUpgradeMinorVersion": ?true/);
  });

  it('--fix-dry-run of a Bicep file: secret values in the diff context are redacted (Bicep syntax: bare keys, single quotes)', async () => {
    const dir = scratchFolder();
    const bicep = readFileSync(join(REPO_ROOT, 'fixtures', 'bicep', 'windows-vm-loop.bicep'), 'utf8')
      .replace('      adminPassword: adminPassword', "      adminPassword: 'BICEPLITERALPW'")
      .replace('        provisionVMAgent: true', "        provisionVMAgent: true\n        customData: 'BICEPCUSTOMDATA'");
    writeFiles(dir, { 'main.bicep': bicep });
    const result = await runCli(['lint', 'main.bicep', '--fix-dry-run'], dir);
    expect(result.stdout).toContain('+++ b/main.bicep');
    expect(result.stdout).toContain("customData: 'REDACTED'");
    for (const secret of ['BICEPLITERALPW', 'BICEPCUSTOMDATA']) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('--fix-dry-run of a Bicep file: a secure or secret-named parameter or variable beside the fix is redacted', async () => {
    const dir = scratchFolder();
    const bicep = [
      '@secure()',
      "param adminPassword string = 'BICEPSECUREDEFAULT'",
      "var storageKey = 'BICEPVARKEY'",
      "resource ext 'Microsoft.Compute/virtualMachines/extensions@2024-07-01' = {",
      '  properties: {',
      '    autoUpgradeMinorVersion: false',
      '    enableAutomaticUpgrade: true',
      "    publisher: 'Microsoft.ManagedServices'",
      "    type: 'ApplicationHealthWindows'",
      "    typeHandlerVersion: '1.0'",
      '  }',
      "  name: 'vm1/health'",
      '}',
      '',
    ].join('\n');
    writeFiles(dir, { 'main.bicep': bicep });
    const result = await runCli(['lint', 'main.bicep', '--fix-dry-run'], dir);
    expect(result.stdout).toContain('+    autoUpgradeMinorVersion: true');
    expect(result.stdout).toContain("var storageKey = 'REDACTED'");
    for (const secret of ['BICEPSECUREDEFAULT', 'BICEPVARKEY']) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  // Declarations hold values by name as properties do: `param NAME TYPE = value`, `var NAME = value`, `const NAME = value`.
  it.each([
    ['bicep', "@secure()\nparam opaque string = 'SECRET'\n", "@secure()\nparam opaque string = 'REDACTED'\n"],
    ['bicep', "param adminPassword string = 'SECRET'\n", "param adminPassword string = 'REDACTED'\n"],
    ['bicep', "var sasToken = 'SECRET'\noutput location string = 'westeurope'\n", "var sasToken = 'REDACTED'\noutput location string = 'westeurope'\n"],
    [
      'bicep',
      "@secure()\nparam key string\nresource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {\n  name: 'vm1'\n}\n",
      "@secure()\nparam key string\nresource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {\n  name: 'vm1'\n}\n",
    ],
    ['bicep', "param location string = 'westeurope'\n", "param location string = 'westeurope'\n"],
    ['ts', 'const adminPassword = "SECRET";\nconst location = "westeurope";\n', 'const adminPassword = "REDACTED";\nconst location = "westeurope";\n'],
    ['ts', "let apiKey: string = 'SECRET';\n", "let apiKey: string = 'REDACTED';\n"],
  ])('a %s declaration: %j', (kind, text, redacted) => {
    expect(redactSourceText(text, kind === 'bicep' ? 'main.bicep' : 'index.ts')).toBe(redacted);
  });

  for (const format of ['text', 'markdown', 'json']) {
    it(`plan --format ${format}`, async () => {
      const dir = plantedFolder();
      const result = await runMain(['plan', 'main.json', '--format', format], dir);
      expect(result.code, result.stderr).toBeLessThan(2);
      expectNoSecret(result.stdout + result.stderr, `plan ${format}`);
    });
  }

  it('plan stderr on a broken parameters file', async () => {
    const dir = plantedFolder();
    const result = await runMain(['plan', 'broken/azuredeploy.json'], dir);
    expect(result.code).toBe(2);
    expectNoSecret(result.stderr, 'plan stderr');
  });

  it('--parameters errors on stderr', async () => {
    const dir = plantedFolder();
    const result = await runCli(['lint', 'main.json', '--parameters', 'broken/azuredeploy.parameters.json'], dir);
    expect(result.code).toBe(2);
    expectNoSecret(result.stderr, '--parameters stderr');
  });
});

describe('template text cannot inject commands or escape sequences', () => {
  const injected = 'vm\n::error file=README.md,line=1::injected by template\u001b[2J\u001b]0;title\u0007\r\u202Eevil';
  function injectionFolder(): string {
    const dir = scratchFolder();
    const template = JSON.parse(mainTemplate().replace(oneLineExtension, '{}')) as { resources: Array<Record<string, unknown>> };
    template.resources = [{ ...template.resources[0], name: injected, tags: {} }];
    writeFiles(dir, { 'inj.json': JSON.stringify(template) });
    return dir;
  }

  for (const format of ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown']) {
    it(`lint --format ${format}: no line starts with '::' and no control character but line ends`, async () => {
      const result = await runCli(['lint', '.', '--format', format], injectionFolder());
      // Formats that show the resource name show it escaped.
      if (!['github', 'markdown'].includes(format)) expect(result.stdout).toContain('injected by template');
      for (const line of result.stdout.split('\n')) {
        if (format !== 'github') expect(line.startsWith('::')).toBe(false);
        expect(line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
      }
      if (format === 'github')
        expect(result.stdout.split('\n').every((line) => line === '' || /^::(error|warning|notice) file=inj\.json,/.test(line))).toBe(true);
    });
  }

  it('--fix-dry-run of a Bicep file: a secure or secret-named parameter or variable beside the fix is redacted', async () => {
    const dir = scratchFolder();
    const bicep = [
      '@secure()',
      "param adminPassword string = 'BICEPSECUREDEFAULT'",
      "var storageKey = 'BICEPVARKEY'",
      "resource ext 'Microsoft.Compute/virtualMachines/extensions@2024-07-01' = {",
      '  properties: {',
      '    autoUpgradeMinorVersion: false',
      '    enableAutomaticUpgrade: true',
      "    publisher: 'Microsoft.ManagedServices'",
      "    type: 'ApplicationHealthWindows'",
      "    typeHandlerVersion: '1.0'",
      '  }',
      "  name: 'vm1/health'",
      '}',
      '',
    ].join('\n');
    writeFiles(dir, { 'main.bicep': bicep });
    const result = await runCli(['lint', 'main.bicep', '--fix-dry-run'], dir);
    expect(result.stdout).toContain('+    autoUpgradeMinorVersion: true');
    expect(result.stdout).toContain("var storageKey = 'REDACTED'");
    for (const secret of ['BICEPSECUREDEFAULT', 'BICEPVARKEY']) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  // Declarations hold values by name as properties do: `param NAME TYPE = value`, `var NAME = value`, `const NAME = value`.
  it.each([
    ['bicep', "@secure()\nparam opaque string = 'SECRET'\n", "@secure()\nparam opaque string = 'REDACTED'\n"],
    ['bicep', "param adminPassword string = 'SECRET'\n", "param adminPassword string = 'REDACTED'\n"],
    ['bicep', "var sasToken = 'SECRET'\noutput location string = 'westeurope'\n", "var sasToken = 'REDACTED'\noutput location string = 'westeurope'\n"],
    [
      'bicep',
      "@secure()\nparam key string\nresource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {\n  name: 'vm1'\n}\n",
      "@secure()\nparam key string\nresource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {\n  name: 'vm1'\n}\n",
    ],
    ['bicep', "param location string = 'westeurope'\n", "param location string = 'westeurope'\n"],
    ['ts', 'const adminPassword = "SECRET";\nconst location = "westeurope";\n', 'const adminPassword = "REDACTED";\nconst location = "westeurope";\n'],
    ['ts', "let apiKey: string = 'SECRET';\n", "let apiKey: string = 'REDACTED';\n"],
  ])('a %s declaration: %j', (kind, text, redacted) => {
    expect(redactSourceText(text, kind === 'bicep' ? 'main.bicep' : 'index.ts')).toBe(redacted);
  });

  for (const format of ['text', 'markdown', 'json']) {
    it(`plan --format ${format}`, async () => {
      const result = await runMain(['plan', '.', '--format', format], injectionFolder());
      for (const line of result.stdout.split('\n')) {
        expect(line.startsWith('::')).toBe(false);
        expect(line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
      }
    });
  }
});
