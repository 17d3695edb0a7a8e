/**
 * The differential oracle of ../shared/corpus-bicep/README.md: linting each AVM module's
 * `main.bicep` gives the same findings (rule, resource, property path) as linting the compiled
 * `main.json` Bicep made of it. Where the `.bicep` calls registry modules that are not restored
 * (their compiled templates are inlined in `main.json`), its findings must still be a subset:
 * what is not read is unknown, never wrong.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { bicepReader, type BicepDocument } from '../../src/bicep/index.js';
import type { Finding } from '../../src/engine/finding.js';
import { lintTemplate, prepareTemplate, type LintContext } from '../../src/engine/lint.js';
import { MODEL_RESOURCE_TYPES } from '../../src/model/build.js';
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

function bicepRead(_path: string) {
  return bicepReader({
    readText: (file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    display: (file) => relative(BICEP_ROOT, file),
    cacheRoot: join(SHARED, 'no-bicep-cache'),
  });
}

function lintBicep(path: string): { findings: Finding[]; notes: readonly string[] } {
  let document: BicepDocument | undefined;
  const read = bicepRead(path);
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

describe.skipIf(!existsSync(BICEP_ROOT) || !existsSync(JSON_ROOT))('Bicep against its compiled JSON (differential oracle)', () => {
  const modules = existsSync(JSON_ROOT) ? compiledModules() : [];

  it('covers the 69 compiled modules, the compute ones among them', () => {
    expect(modules).toHaveLength(69);
    for (const module of COMPUTE_MODULES) expect(modules).toContain(module);
  });

  it.each(modules)('%s: the same findings as main.json (a subset where registry modules are not read)', (module) => {
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
    if (COMPUTE_MODULES.includes(module) || !registryModulesUnread) expect(fromBicep).toEqual(fromJson);
    else for (const finding of fromBicep) expect(fromJson).toContain(finding);
  });
});

/** The resources the model reads (VMs, scale sets, extensions, assignments…), by type, name and whether they are conditional. */
function modelResources(expanded: ReturnType<typeof prepareTemplate>['expanded']): string[] {
  const types = new Set(MODEL_RESOURCE_TYPES);
  return (expanded?.resources ?? [])
    .filter((resource) => !resource.existing && types.has(resource.type.toLowerCase()))
    .map((resource) => `${resource.type} ${typeof resource.name === 'string' ? resource.name : '(unknown)'} ${resource.conditional ? 'conditional' : ''}`)
    .sort();
}

describe.skipIf(!existsSync(BICEP_ROOT) || !existsSync(JSON_ROOT))('compute modules expand to the same resources as their compiled JSON', () => {
  it.each(COMPUTE_MODULES)('%s', (module) => {
    const path = join(BICEP_ROOT, module, 'main.bicep');
    const read = bicepRead(path);
    const bicep = prepareTemplate({ file: 'main.bicep', text: readFileSync(path, 'utf8') }, undefined, context, {
      reader: { template: (input) => read(input.file, path, input.text) },
    });
    const compiled = prepareTemplate({ file: 'main.json', text: readFileSync(join(JSON_ROOT, module, 'main.json'), 'utf8') }, undefined, context);
    expect(modelResources(bicep.expanded)).toEqual(modelResources(compiled.expanded));
    expect(modelResources(bicep.expanded).length).toBeGreaterThan(0);
  });
});

describe.skipIf(!existsSync(BICEP_ROOT))('AVM compute test scenarios (tests/e2e)', () => {
  const scenarios = ['virtual-machine', 'virtual-machine-scale-set'].flatMap((module) => {
    const folder = join(BICEP_ROOT, 'res', 'compute', module, 'tests', 'e2e');
    return existsSync(folder)
      ? readdirSync(folder)
          .map((name) => join(folder, name, 'main.test.bicep'))
          .filter(existsSync)
      : [];
  });

  it.each(scenarios.map((path) => [relative(BICEP_ROOT, path), path]))('%s lints without a parse, internal or expression error', (_name, path) => {
    const { findings } = lintBicep(path);
    const broken = findings.filter((finding) => ['parse-error', 'internal-error', 'template/invalid-expression'].includes(finding.ruleId));
    expect(broken.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.message}`)).toEqual([]);
  });
});
