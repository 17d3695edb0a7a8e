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

const convert = (path: string): Conversion => convertTemplate({ file: relative(REPO_ROOT, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }, { patchwiseVersion: '^0.1.0', today: TODAY });

const fixtures = templates(FIXTURES).filter((path) => !path.includes('parse-error')).sort();
/** Every 6th compute template of the corpus: a representative subset (`npm run convert:corpus` runs them all). */
const corpus = sharedExists()
  ? (JSON.parse(readFileSync(join(SHARED, 'corpus', 'index.json'), 'utf8')) as Array<{ path: string; computeResourceTypes: string[] }>)
      .filter((entry) => entry.computeResourceTypes.length > 0)
      .filter((_, index) => index % 6 === 0)
      .map((entry) => join(SHARED, 'corpus', entry.path))
  : [];

/** Fixtures whose program does not type-check, and why (the template's own typing is too loose to be written faithfully). */
const KNOWN_TYPE_ERRORS: Record<string, string> = {
  'fixtures/arm/valid/scale-set-unknown-values.json': 'a string parameter without allowedValues is the scale set upgrade mode (an enum in azure-native)',
};

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

  it('converts every fixture and the corpus subset; every resource is a component, an azure-native resource or a TODO block', () => {
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
    const fixtureFailures = [...failed].filter(([index]) => fixtures.includes(paths[index])).map(([index, error]) => `${relative(REPO_ROOT, paths[index])}: ${error}`);
    expect(fixtureFailures.filter((line) => !Object.keys(KNOWN_TYPE_ERRORS).some((known) => line.startsWith(known)))).toEqual([]);
    const corpusPassing = paths.filter((path, index) => corpus.includes(path) && !failed.has(index)).length;
    if (corpus.length > 0) expect(corpusPassing / corpus.length).toBeGreaterThanOrEqual(0.6);
  }, 120_000);

  it('the generated programs lint clean statically; from an invalid template, with fewer errors than it had', () => {
    const errorsOf = (findings: Finding[]) => findings.filter((finding) => finding.severity === 'error' && !finding.suppressed);
    for (const [path, conversion] of converted) {
      const errors = errorsOf(lintPulumiProgram({ file: 'index.ts', text: conversion.files['index.ts'] }, { rules: ALL_RULES, today: TODAY }).findings);
      const shown = errors.map((finding) => `${relative(REPO_ROOT, path)}:${finding.line} ${finding.ruleId} ${finding.message}`);
      if (!path.split(/[\\/]/).includes('invalid')) expect(shown).toEqual([]);
      else {
        // Plain azure-native resources keep what the template wrote; components correct it.
        const before = errorsOf(lintTemplate({ file: path, text: readFileSync(path, 'utf8') }, { rules: ALL_RULES, today: TODAY, allowedValues: false }).findings);
        if (!NEW_FINDINGS_EXPECTED[relative(REPO_ROOT, path).split('\\').join('/')]) expect(errors.length, shown.join('\n')).toBeLessThanOrEqual(before.length);
      }
    }
  });

  it('matches the golden files', () => {
    for (const name of ['examples/legacy-app.json', 'examples/web-tier.json', 'rules/schedules/install-patches/invalid/bad-values.json', 'rules/guest-patching/windows-automatic-updates/invalid/platform-updates-off.json']) {
      const files = converted.get(join(FIXTURES, name))!.files;
      const golden = join(REPO_ROOT, 'fixtures', 'convert', name.replace(/\.json$/, ''));
      for (const file of ['index.ts', 'Pulumi.dev.yaml.example']) {
        const path = join(golden, file);
        if (process.env.UPDATE_GOLDEN || !existsSync(path)) {
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
      parameters: { password: { type: 'securestring' }, size: { type: 'string', defaultValue: 'Standard_D2s_v5', allowedValues: ['Standard_D2s_v5', 'Standard_D4s_v5'] } },
      variables: { storageName: "[concat('st', uniqueString(resourceGroup().id))]" },
      resources: [
        { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: "[variables('storageName')]", location: '[resourceGroup().location]', sku: { name: 'Standard_LRS' }, kind: 'StorageV2' },
        { type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2023-09-01', name: 'ip', location: 'westeurope', properties: { dnsSettings: { domainNameLabel: "[reference('other').dns]" } } },
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

describe('scale sets', () => {
  it('a Uniform scale set with automatic OS upgrade and a probe becomes AutoUpgradingScaleSet; one without a health signal stays plain, saying why', () => {
    const probe = convert(join(FIXTURES, 'rules/os-upgrade/health-signal/valid/uniform-probe-rolling.json')).files['index.ts'];
    expect(probe).toContain('new AutoUpgradingScaleSet(');
    expect(probe).toMatch(/health: \{ loadBalancerProbeId: /);
    const pinned = convert(join(FIXTURES, 'rules/os-upgrade/image-version-latest/invalid/pinned-version.json')).files['index.ts'];
    expect(pinned).toMatch(/changed: image.version '[^']+' → latest \(OU1\)|kept as a plain scale set/);
    const unhealthy = convert(join(FIXTURES, 'rules/os-upgrade/health-signal/invalid', readdirSync(join(FIXTURES, 'rules/os-upgrade/health-signal/invalid'))[0])).files['index.ts'];
    expect(unhealthy).toMatch(/kept as a plain scale set, not (AutoUpgradingScaleSet|PatchedFlexibleScaleSet): .*\((OU2|CF5)\)/);
  });
});

describe('a converted program under mocks', () => {
  it('creates the template resources through the components, and they lint with zero error findings', async () => {
    const mocks = await useMocks();
    // The mocks' project is patchwise-test: `new pulumi.Config()` reads its keys.
    pulumi.runtime.setConfig('patchwise-test:resourceGroupName', 'rg');
    pulumi.runtime.setConfig('patchwise-test:adminPassword', 'not-a-real-password-1!');
    const program = convert(join(FIXTURES, 'examples', 'web-tier.json')).files['index.ts'].replace("from 'patchwise/pulumi'", `from '${pathToFileURL(join(REPO_ROOT, 'components', 'pulumi', 'index.ts')).href}'`);
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
