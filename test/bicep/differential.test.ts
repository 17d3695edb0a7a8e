/**
 * The differential oracle of ../shared/corpus-bicep/README.md: linting each AVM module's
 * `main.bicep` gives the same findings (rule, resource, property path) as linting the compiled
 * `main.json` Bicep made of it, and expands to the same resources (type, evaluated name, whether
 * conditional). Registry modules are read from a throw-away restore cache filled with the
 * compiled templates `main.json` inlines (test/helpers/bicep-restore-cache.ts). Without that
 * cache their resources are unknown: the findings must then be a subset, never a new one.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { bicepReader, type BicepDocument } from '../../src/bicep/index.js';
import type { Finding } from '../../src/engine/finding.js';
import { lintTemplate, prepareTemplate, type LintContext } from '../../src/engine/lint.js';
import { isUnknown } from '../../src/model/unknown.js';
import { restoreCacheFromCompiled } from '../helpers/bicep-restore-cache.js';
import { SHARED, TODAY } from '../helpers/lint-fixture.js';

const BICEP_ROOT = join(SHARED, 'corpus-bicep', 'avm');
const JSON_ROOT = join(SHARED, 'corpus', 'avm', 'avm');
const COMPUTE_MODULES = [
  'res/compute/virtual-machine',
  'res/compute/virtual-machine/extension',
  'res/compute/virtual-machine-scale-set',
  'res/compute/virtual-machine-scale-set/extension',
  'res/maintenance/configuration-assignment',
];

/**
 * Modules whose expanded resources differ, each with the difference and why (docs/bicep.md).
 * `+` only from the .bicep, `-` only from main.json.
 */
const EXPLAINED: Record<string, { differences: string[]; why: string }> = {
  'ptn/ai-platform/baseline': {
    differences: [
      '+ Microsoft.Network/privateDnsZones privatelink.blob.core.windows.net',
      '+ Microsoft.Network/privateDnsZones privatelink.file.core.windows.net',
      "- Microsoft.Network/privateDnsZones [format('privatelink.blob.{0}', environment().suffixes.storage)]",
      "- Microsoft.Network/privateDnsZones [format('privatelink.file.{0}', environment().suffixes.storage)]",
    ],
    why: 'main.json writes the interpolated object keys as "[format(...)]" keys; the ARM expander keeps keys as text, the Bicep lowering evaluates them (what ARM deploys)',
  },
};

function compiledModules(folder = JSON_ROOT, out: string[] = []): string[] {
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) compiledModules(path, out);
    else if (entry === 'main.json') out.push(relative(JSON_ROOT, folder));
  }
  return out.sort();
}

const context: LintContext = { rules: ALL_RULES, today: TODAY };
const key = (finding: Finding) =>
  `${finding.ruleId} | ${finding.resource?.type ?? ''} | ${finding.resource?.name ?? ''} | ${finding.path ?? ''} | ${finding.severity}`;
const NO_CACHE = join(SHARED, 'no-bicep-cache');

function bicepRead(cacheRoot: string) {
  return bicepReader({
    readText: (file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    display: (file) => relative(BICEP_ROOT, file),
    cacheRoot,
  });
}

function lintBicep(path: string, cacheRoot = NO_CACHE): { findings: Finding[]; notes: readonly string[] } {
  let document: BicepDocument | undefined;
  const read = bicepRead(cacheRoot);
  const result = lintTemplate(
    {
      file: relative(BICEP_ROOT, path),
      text: readFileSync(path, 'utf8'),
      reader: {
        template: (input) => {
          const out = read(input.file, path, input.text);
          if (out.ok) document = out.document as BicepDocument;
          return out;
        },
      },
    },
    context,
  );
  return { findings: result.findings, notes: document?.notes ?? [] };
}

/** Every deployed resource by type, evaluated name and whether it is conditional. */
function expandedResources(prepared: ReturnType<typeof prepareTemplate>): string[] {
  return (prepared.expanded?.resources ?? [])
    .filter((resource) => !resource.existing)
    .map((resource) => `${resource.type} ${typeof resource.name === 'string' ? resource.name : '(unknown)'}${resource.conditional ? ' (conditional)' : ''}`)
    .sort();
}

/** The evaluated OS profiles (patch settings and all) of the VMs and scale sets, unknown values as `(unknown)`. */
function osProfiles(prepared: ReturnType<typeof prepareTemplate>): string[] {
  return (prepared.expanded?.resources ?? [])
    .filter((resource) => !resource.existing && /^Microsoft\.Compute\/(virtualMachines|virtualMachineScaleSets)$/i.test(resource.type))
    .map((resource) => {
      const properties = (resource.body.properties ?? {}) as { osProfile?: unknown; virtualMachineProfile?: { osProfile?: unknown } };
      const profile = properties.osProfile ?? properties.virtualMachineProfile?.osProfile;
      return `${String(resource.name)} ${JSON.stringify(profile, (_key, value: unknown) => (isUnknown(value) ? '(unknown)' : value))}`;
    })
    .sort();
}

/** What one sorted list holds more often than the other (`+` the .bicep's, `-` main.json's). */
function differences(fromBicep: string[], fromJson: string[]): string[] {
  const counts = new Map<string, number>();
  for (const item of fromBicep) counts.set(item, (counts.get(item) ?? 0) + 1);
  for (const item of fromJson) counts.set(item, (counts.get(item) ?? 0) - 1);
  return [...counts]
    .filter(([, count]) => count !== 0)
    .map(([item, count]) => `${count > 0 ? '+' : '-'} ${item}`)
    .sort();
}

describe.skipIf(!existsSync(BICEP_ROOT) || !existsSync(JSON_ROOT))('Bicep against its compiled JSON (differential oracle)', () => {
  const modules = existsSync(JSON_ROOT) ? compiledModules() : [];
  const caches: string[] = [];
  afterAll(() => {
    for (const cache of caches) rmSync(cache, { recursive: true, force: true });
  });

  it('covers the 69 compiled modules, the compute ones among them', () => {
    expect(modules).toHaveLength(69);
    for (const module of COMPUTE_MODULES) expect(modules).toContain(module);
  });

  it.each(modules)('%s: the same findings and resources as main.json, registry modules from a restore cache', (module) => {
    const bicepPath = join(BICEP_ROOT, module, 'main.bicep');
    const jsonText = readFileSync(join(JSON_ROOT, module, 'main.json'), 'utf8');
    const cacheRoot = mkdtempSync(join(tmpdir(), 'patchwise-bicep-cache-'));
    caches.push(cacheRoot);
    restoreCacheFromCompiled(bicepPath, JSON.parse(jsonText) as Record<string, unknown>, cacheRoot);

    const bicep = lintBicep(bicepPath, cacheRoot);
    const compiled = lintTemplate({ file: 'main.json', text: jsonText }, context);
    expect(bicep.notes).toEqual([]);
    expect(bicep.findings.map(key).sort()).toEqual(compiled.findings.map(key).sort());

    const read = bicepRead(cacheRoot);
    const bicepResources = expandedResources(
      prepareTemplate({ file: 'main.bicep', text: readFileSync(bicepPath, 'utf8') }, undefined, context, {
        reader: { template: (input) => read(input.file, bicepPath, input.text) },
        // Every resource, not only those the rules read: the whole lowering is compared.
        expandAll: true,
      }),
    );
    const jsonResources = expandedResources(prepareTemplate({ file: 'main.json', text: jsonText }, undefined, context, { expandAll: true }));
    expect(bicepResources.length).toBe(jsonResources.length);
    expect(differences(bicepResources, jsonResources)).toEqual(EXPLAINED[module]?.differences ?? []);
  });

  it.each(modules)('%s without a restore cache: unread registry modules are noted and add no finding', (module) => {
    const bicep = lintBicep(join(BICEP_ROOT, module, 'main.bicep'));
    const compiled = lintTemplate({ file: 'main.json', text: readFileSync(join(JSON_ROOT, module, 'main.json'), 'utf8') }, context);
    for (const finding of bicep.findings) {
      expect(['parse-error', 'internal-error', 'template/invalid-expression'], `${finding.file}:${finding.line} ${finding.message}`).not.toContain(
        finding.ruleId,
      );
    }
    const fromBicep = bicep.findings.map(key).sort();
    const fromJson = compiled.findings.map(key).sort();
    const registryModulesUnread = bicep.notes.some((note) => /^(br|ts)[:/]/.test(note));
    if (!registryModulesUnread) expect(fromBicep).toEqual(fromJson);
    else for (const finding of fromBicep) expect(fromJson).toContain(finding);
  });
});

/**
 * AVM's compute test scenarios deploy the module as users do (patch modes, hotpatch, maintenance
 * configurations). Their JSON twin: the same scenario with the module read from its compiled
 * `main.json` (mapped in place of `../../../main.bicep`) instead of lowered from `main.bicep`.
 */
describe.skipIf(!existsSync(BICEP_ROOT) || !existsSync(JSON_ROOT))('AVM compute test scenarios (tests/e2e)', () => {
  const scenarios = ['virtual-machine', 'virtual-machine-scale-set'].flatMap((module) => {
    const folder = join(BICEP_ROOT, 'res', 'compute', module, 'tests', 'e2e');
    const compiled = join(JSON_ROOT, 'res', 'compute', module, 'main.json');
    return existsSync(folder)
      ? readdirSync(folder)
          .map((name) => ({ path: join(folder, name, 'main.test.bicep'), compiled }))
          .filter(({ path }) => existsSync(path))
      : [];
  });

  it('covers the 20 scenarios of both modules', () => {
    expect(scenarios).toHaveLength(20);
  });

  // The module's registry modules (inlined in main.json), restored once for both modules.
  const cacheRoot = mkdtempSync(join(tmpdir(), 'patchwise-bicep-cache-'));
  for (const module of ['virtual-machine', 'virtual-machine-scale-set']) {
    const compiled = join(JSON_ROOT, 'res', 'compute', module, 'main.json');
    if (existsSync(compiled))
      restoreCacheFromCompiled(
        join(BICEP_ROOT, 'res', 'compute', module, 'main.bicep'),
        JSON.parse(readFileSync(compiled, 'utf8')) as Record<string, unknown>,
        cacheRoot,
      );
  }
  afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

  it.each(scenarios.map((scenario) => [relative(BICEP_ROOT, scenario.path), scenario]))('%s lints as its JSON twin does', (_name, { path, compiled }) => {
    const { findings } = lintBicep(path, cacheRoot);
    const broken = findings.filter((finding) => ['parse-error', 'internal-error', 'template/invalid-expression'].includes(finding.ruleId));
    expect(broken.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.message}`)).toEqual([]);
    const twin = bicepReader({
      readText: (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined),
      display: (file) => relative(BICEP_ROOT, file),
      cacheRoot,
      moduleMap: new Map([['../../../main.bicep', compiled]]),
    });
    const input = { file: relative(BICEP_ROOT, path), text: readFileSync(path, 'utf8') };
    const fromJson = lintTemplate({ ...input, reader: { template: (read) => twin(read.file, path, read.text) } }, context).findings;
    expect(findings.map(key).sort()).toEqual(fromJson.map(key).sort());
    // Findings are rare here: the resources and the OS profiles the patch rules read must match too.
    const fromBicep = bicepRead(cacheRoot);
    const bicepSide = prepareTemplate(input, undefined, context, { reader: { template: (read) => fromBicep(read.file, path, read.text) }, expandAll: true });
    const jsonSide = prepareTemplate(input, undefined, context, { reader: { template: (read) => twin(read.file, path, read.text) }, expandAll: true });
    expect(expandedResources(bicepSide)).toEqual(expandedResources(jsonSide));
    expect(osProfiles(bicepSide)).toEqual(osProfiles(jsonSide));
    // One scenario (atmg) is switched off in AVM: `if (false)` deploys nothing.
    if (!input.text.includes(': if (false)')) expect(osProfiles(bicepSide).length).toBeGreaterThan(0);
  });
});
