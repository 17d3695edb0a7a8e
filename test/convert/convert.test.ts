import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as pulumi from '@pulumi/pulumi';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { lintPulumiResources } from '../../components/policy/index.js';
import { convertTemplate, type Conversion } from '../../components/convert/convert.js';
import { lintPulumiProgram } from '../../components/typescript/lint.js';
import type { Finding } from '../../src/engine/finding.js';
import { lintTemplate } from '../../src/engine/lint.js';
import { FIXTURES, REPO_ROOT, SHARED, sharedExists, TODAY } from '../helpers/lint-fixture.js';
import { flush, useMocks } from '../pulumi/helpers/mocks.js';
import { CHECK_ROOT, typeCheck } from '../../scripts/convert-check.js';

function templates(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return templates(path);
    return name.endsWith('.json') && !/\.(parameters|inventory)\.json$/.test(name) ? [path] : [];
  });
}

const convert = (path: string): Conversion =>
  convertTemplate({ file: relative(REPO_ROOT, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }, { patchwiseVersion: '^0.1.0', today: TODAY });

const fixtures = templates(FIXTURES)
  .filter((path) => !path.includes('parse-error'))
  .sort();
/** Every compute template of the corpus (`npm run convert:corpus` prints the rates and timings). */
const corpus = sharedExists()
  ? (JSON.parse(readFileSync(join(SHARED, 'corpus', 'index.json'), 'utf8')) as Array<{ path: string; computeResourceTypes: string[] }>)
      .filter((entry) => entry.computeResourceTypes.length > 0)
      .map((entry) => join(SHARED, 'corpus', entry.path))
  : [];

/** Invalid fixtures whose program shows a finding the template hid, and why. */
const NEW_FINDINGS_EXPECTED: Record<string, string> = {
  'fixtures/arm/rules/os-upgrade/api-version/invalid/legacy-property.json':
    'upgradePolicy.automaticOSUpgrade (ignored at the API version the template uses) becomes automaticOSUpgradePolicy, which needs the health signal the template lacks (OU2)',
  'fixtures/arm/rules/os-upgrade/api-version/invalid/policy-before-2018-10.json':
    'azure-native deploys a current API version, where the automatic OS upgrade policy the template writes takes effect: its other requirements then apply',
};

describe('patchwise convert', () => {
  const converted = new Map<string, Conversion>();
  for (const path of [...fixtures, ...corpus]) converted.set(path, convert(path));

  it('converts every fixture and every compute template of the corpus; every resource is a component, an azure-native resource or a TODO block', () => {
    expect(converted.size).toBe(fixtures.length + corpus.length);
    for (const [path, conversion] of converted) {
      const { summary } = conversion;
      expect(summary.components + summary.plain + summary.notConverted, path).toBeLessThanOrEqual(summary.resources);
      expect(Object.keys(conversion.files).sort()).toEqual(['Pulumi.dev.yaml.example', 'Pulumi.yaml', 'index.ts', 'package.json', 'tsconfig.json']);
    }
  });

  it('the generated programs type-check against the components (one tsc run)', () => {
    const paths = [...converted.keys()];
    const failed = typeCheck(paths.map((path) => converted.get(path)!.files['index.ts']));
    expect([...failed].map(([index, error]) => `${relative(REPO_ROOT, paths[index])}: ${error}`)).toEqual([]);
  }, 120_000);

  it('the generated programs lint clean statically; from a template with errors, with no more errors than it had', () => {
    const errorsOf = (findings: Finding[]) => findings.filter((finding) => finding.severity === 'error' && !finding.suppressed);
    for (const [path, conversion] of converted) {
      const errors = errorsOf(lintPulumiProgram({ file: 'index.ts', text: conversion.files['index.ts'] }, { rules: ALL_RULES, today: TODAY }).findings);
      const shown = errors.map((finding) => `${relative(REPO_ROOT, path)}:${finding.line} ${finding.ruleId} ${finding.message}`);
      // Plain azure-native resources keep what the template wrote (invalid fixtures, corpus templates with
      // reviewed errors); components correct it. A template without errors gives a program without errors.
      const before = errorsOf(
        lintTemplate({ file: path, text: readFileSync(path, 'utf8') }, { rules: ALL_RULES, today: TODAY, allowedValues: false }).findings,
      );
      if (before.length === 0) expect(shown).toEqual([]);
      else if (!NEW_FINDINGS_EXPECTED[relative(REPO_ROOT, path).split('\\').join('/')])
        expect(errors.length, shown.join('\n')).toBeLessThanOrEqual(before.length);
    }
  });

  it('matches the golden files', () => {
    for (const name of [
      'examples/legacy-app.json',
      'examples/web-tier.json',
      'rules/schedules/install-patches/invalid/bad-values.json',
      'rules/guest-patching/windows-automatic-updates/invalid/platform-updates-off.json',
    ]) {
      const files = converted.get(join(FIXTURES, name))!.files;
      const golden = join(REPO_ROOT, 'fixtures', 'convert', name.replace(/\.json$/, ''));
      for (const file of ['index.ts', 'Pulumi.dev.yaml.example']) {
        const path = join(golden, file);
        // A missing golden file is written locally (then reviewed and committed); in CI it is a failure.
        if (process.env.UPDATE_GOLDEN || (!existsSync(path) && !process.env.CI)) {
          mkdirSync(golden, { recursive: true });
          writeFileSync(path, files[file]);
        }
        expect(files[file], path).toBe(readFileSync(path, 'utf8'));
      }
    }
  });

  it('keeps secrets secret, uniqueString as ARM computes it, and says what it cannot translate', () => {
    const text = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: {
        password: { type: 'securestring' },
        size: { type: 'string', defaultValue: 'Standard_D2s_v5', allowedValues: ['Standard_D2s_v5', 'Standard_D4s_v5'] },
      },
      variables: { storageName: "[concat('st', uniqueString(resourceGroup().id))]" },
      resources: [
        {
          type: 'Microsoft.Storage/storageAccounts',
          apiVersion: '2023-01-01',
          name: "[variables('storageName')]",
          location: '[resourceGroup().location]',
          sku: { name: 'Standard_LRS' },
          kind: 'StorageV2',
        },
        {
          type: 'Microsoft.Network/publicIPAddresses',
          apiVersion: '2023-09-01',
          name: 'ip',
          location: 'westeurope',
          properties: { dnsSettings: { domainNameLabel: "[reference('other').dns]" } },
        },
      ],
    });
    const program = convertTemplate({ file: 'main.json', text }).files['index.ts'];
    expect(program).toContain('config.requireSecret("password")');
    expect(program).toContain('uniqueString(resourceGroupId)');
    expect(program).toContain('as "Standard_D2s_v5" | "Standard_D4s_v5"');
    expect(program).toContain(`// TODO(patchwise): dnsSettings.domainNameLabel: "[reference('other').dns]"`);
    expect(program).toContain(`todo("[reference('other').dns]")`);
  });
});

describe('expressions with a translation', () => {
  const template = (body: Record<string, unknown>) =>
    JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', ...body });

  it('reference() and listKeys() of a declared resource read its outputs and the azure-native invoke; of anything else, a TODO', () => {
    const program = convertTemplate({
      file: 'main.json',
      text: template({
        parameters: { storageName: { type: 'string' } },
        resources: [
          {
            type: 'Microsoft.Storage/storageAccounts',
            apiVersion: '2023-01-01',
            name: "[parameters('storageName')]",
            location: 'westeurope',
            sku: { name: 'Standard_LRS' },
            kind: 'StorageV2',
          },
          {
            type: 'Microsoft.Network/publicIPAddresses',
            apiVersion: '2023-09-01',
            name: 'ip',
            location: 'westeurope',
            properties: { dnsSettings: { domainNameLabel: 'x' } },
          },
          {
            type: 'Microsoft.Network/networkInterfaces',
            apiVersion: '2023-09-01',
            name: 'nic',
            location: 'westeurope',
            tags: {
              blob: "[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('storageName'))).primaryEndpoints.blob]",
              fqdn: "[reference('ip').dnsSettings.fqdn]",
              key: "[listKeys(resourceId('Microsoft.Storage/storageAccounts', parameters('storageName')), '2023-01-01').keys[0].value]",
              legacy: "[listKeys(concat('Microsoft.Storage/storageAccounts/', parameters('storageName')), '2015-06-15').key1]",
              other: "[reference('elsewhere').value]",
            },
          },
        ],
      }),
    }).files['index.ts'];
    expect(program).toContain('blob: storageAccount.primaryEndpoints.apply((value) => value?.blob)');
    expect(program).toContain('fqdn: ip.dnsSettings.apply((value) => value?.fqdn)');
    expect(program).toContain(
      'storage.listStorageAccountKeysOutput({ resourceGroupName, accountName: storageAccount.name }).apply((result) => result.keys?.[0]?.value)',
    );
    expect(program).toContain('.apply((result) => result.keys[0].value)');
    expect(program).toContain(`todo("[reference('elsewhere').value]")`);
  });

  it('property and variable copy loops become Array.from with copyIndex(name) as the index', () => {
    const program = convertTemplate({
      file: 'main.json',
      text: template({
        parameters: { count: { type: 'int', defaultValue: 2 } },
        variables: { copy: [{ name: 'names', count: "[parameters('count')]", input: "[concat('disk', copyIndex('names'))]" }] },
        resources: [
          {
            type: 'Microsoft.Network/virtualNetworks',
            apiVersion: '2023-09-01',
            name: 'vnet',
            location: 'westeurope',
            properties: {
              addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
              copy: [
                {
                  name: 'subnets',
                  count: 2,
                  input: { name: "[concat('s', copyIndex('subnets'))]", properties: { addressPrefix: "[concat('10.0.', copyIndex('subnets'), '.0/24')]" } },
                },
              ],
            },
          },
        ],
      }),
    }).files['index.ts'];
    expect(program).toContain('const names = Array.from({ length: count }, (_, namesIndex) => (`disk${namesIndex}`));');
    expect(program).toContain(
      'subnets: Array.from({ length: 2 }, (_, subnetsIndex) => ({ name: `s${subnetsIndex}`, addressPrefix: `10.0.${subnetsIndex}.0/24` }))',
    );
  });
});

describe('scale sets', () => {
  it('a Uniform scale set with automatic OS upgrade and a probe becomes AutoUpgradingScaleSet; one without a health signal stays plain, saying why', () => {
    const probe = convert(join(FIXTURES, 'rules/os-upgrade/health-signal/valid/uniform-probe-rolling.json')).files['index.ts'];
    expect(probe).toContain('new AutoUpgradingScaleSet(');
    expect(probe).toMatch(/health: \{ loadBalancerProbeId: /);
    const pinned = convert(join(FIXTURES, 'rules/os-upgrade/image-version-latest/invalid/pinned-version.json')).files['index.ts'];
    expect(pinned).toMatch(/changed: image.version '[^']+' → latest \(OU1\)|kept as a plain scale set/);
    const unhealthy = convert(
      join(FIXTURES, 'rules/os-upgrade/health-signal/invalid', readdirSync(join(FIXTURES, 'rules/os-upgrade/health-signal/invalid'))[0]),
    ).files['index.ts'];
    expect(unhealthy).toMatch(/kept as a plain scale set, not (AutoUpgradingScaleSet|PatchedFlexibleScaleSet): .*\((OU2|CF5)\)/);
  });
});

describe('a converted program under mocks', () => {
  it('creates the template resources through the components, and they lint with zero error findings', async () => {
    const mocks = await useMocks();
    // The mocks' project is patchwise-test: `new pulumi.Config()` reads its keys.
    pulumi.runtime.setConfig('patchwise-test:resourceGroupName', 'rg');
    pulumi.runtime.setConfig('patchwise-test:adminPassword', 'not-a-real-password-1!');
    const program = convert(join(FIXTURES, 'examples', 'web-tier.json')).files['index.ts'].replace(
      "from 'patchwise/pulumi'",
      `from '${pathToFileURL(join(REPO_ROOT, 'components', 'pulumi', 'index.ts')).href}'`,
    );
    const dir = join(CHECK_ROOT, '..', 'patchwise-convert-mocks');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.ts'), program);
    await import(pathToFileURL(join(dir, 'index.ts')).href);
    for (let round = 0; round < 10; round++) await flush();
    const types = mocks.resources.map((resource) => resource.type);
    expect(types.filter((type) => type === 'azure-native:compute:VirtualMachine')).toHaveLength(3);
    expect(types).toContain('patchwise:azure:PatchedVirtualMachine');
    const findings = lintPulumiResources(
      mocks.resources.map((resource) => ({ type: resource.type, name: resource.name, props: resource.inputs })),
      { rules: ALL_RULES, today: TODAY },
    );
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  });
});
