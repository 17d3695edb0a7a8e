/**
 * allowedValues variants that no rule can tell apart from the default pass (or from an earlier
 * variant) are not checked again (src/engine/variant-equivalence.ts). That is exact only while
 * every rule decides on an image sku through the catalog class (imageClass): the property test
 * runs every rule on the fixtures' VMs and scale sets with two skus of one class and compares
 * what they report; the lint tests show a skipped variant, what it would have reported, and a
 * similar variant that is checked because it changes a finding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import {
  AUTO_OS_UPGRADE_IMAGES,
  AUTO_OS_UPGRADE_IMAGES_2020,
  GUEST_PATCHING_IMAGES,
  GUEST_PATCHING_IMAGES_2021,
  HOTPATCH_IMAGES,
  HOTPATCH_POLICY_SKUS,
  imageClass,
} from '../../src/catalog/images.js';
import { findingKey } from '../../src/engine/allowed-values.js';
import { lintModel, lintTemplate, prepareTemplate } from '../../src/engine/lint.js';
import { runRules } from '../../src/engine/runner.js';
import { modelSources, sameForRules, sameSourcesForRules } from '../../src/engine/variant-equivalence.js';
import { buildModel, IMAGE_REFERENCE_PATHS } from '../../src/model/build.js';
import { formatPath } from '../../src/model/source.js';
import { reuseIndex } from '../../src/template/expand.js';
import type { ExpandedResource } from '../../src/template/types.js';
import { armFixtures } from '../helpers/fixtures.js';
import { TODAY, fixtureInput } from '../helpers/lint-fixture.js';

const TABLES = [GUEST_PATCHING_IMAGES, GUEST_PATCHING_IMAGES_2021, AUTO_OS_UPGRADE_IMAGES, AUTO_OS_UPGRADE_IMAGES_2020, HOTPATCH_IMAGES];
const SKUS = [...new Set([...TABLES.flatMap((table) => table.rows.flatMap((row) => row.skus)), ...HOTPATCH_POLICY_SKUS, '2012-Datacenter', 'custom-sku'])];
const IMAGES = [...new Map(TABLES.flatMap((table) => table.rows).map((row) => [`${row.publisher}|${row.offer}`, row])).values()];

type Json = Record<string, unknown>;

/** `body` with the image reference at `path` replaced by `image` (the rest shared; missing objects on the way are added). */
function withImage(body: unknown, path: readonly string[], image: Json): unknown {
  if (path.length === 0) return image;
  const object = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {};
  return { ...object, [path[0]]: withImage(object[path[0]], path.slice(1), image) };
}

function withBody(resource: ExpandedResource, body: unknown): ExpandedResource {
  return { ...resource, body: body as Json };
}

/** What every rule (all of them on) reports on these resources: rule, resource and path, in order. */
function reported(sources: readonly ExpandedResource[]): string[] {
  const model = buildModel(sources);
  const settings = new Map(ALL_RULES.map((rule) => [rule.id, rule.severity]));
  return runRules(model, { rules: ALL_RULES, settings, options: { today: TODAY, sasHorizonDays: 30 } }).map(
    (finding) => `${finding.ruleId}|${model.resources.indexOf(finding.resource)}|${formatPath(finding.path)}`,
  );
}

/** Every VM and scale set of the fixtures with an image reference object: its template's model sources and its index there. */
interface ImageCase {
  name: string;
  sources: ExpandedResource[];
  index: number;
  path: readonly string[];
}

function imageCases(): ImageCase[] {
  const out: ImageCase[] = [];
  for (const name of armFixtures()) {
    const prepared = prepareTemplate(fixtureInput(name), undefined, { rules: [] });
    if (!prepared.expanded) continue;
    const sources = modelSources(prepared.expanded.resources);
    sources.forEach((source, index) => {
      const path = IMAGE_REFERENCE_PATHS.get(source.type.toLowerCase());
      if (path) out.push({ name, sources, index, path });
    });
  }
  return out;
}

describe('image skus of one catalog class', () => {
  const cases = imageCases();

  it('has VMs and scale sets to try (the fixtures have images)', () => {
    expect(cases.length).toBeGreaterThan(50);
  });

  it('every rule reports the same at the same places with any two skus of one class', () => {
    // A sku the image's row lists, most of the time (so the tables decide), and another of its class.
    const pairs = fc.constantFrom(...IMAGES).chain((row) => {
      const image = { publisher: row.publisher, offer: row.offer };
      const candidates = [...new Set([...row.skus, ...SKUS])];
      return fc.oneof({ arbitrary: fc.constantFrom(...row.skus), weight: 3 }, { arbitrary: fc.constantFrom(...SKUS), weight: 1 }).chain((sku) => {
        const alike = candidates.filter((other) => imageClass({ ...image, sku: other }) === imageClass({ ...image, sku }));
        return fc.tuple(fc.constant(image), fc.constant(sku), fc.constantFrom(...alike));
      });
    });
    // Mostly the fixtures that write an image, where the rules look at it.
    const written = cases.filter((test) => test.sources[test.index] && JSON.stringify(test.sources[test.index].body).includes('imageReference'));
    const someCase = fc.oneof({ arbitrary: fc.constantFrom(...written), weight: 3 }, { arbitrary: fc.constantFrom(...cases), weight: 1 });
    fc.assert(
      fc.property(someCase, pairs, fc.boolean(), (test, [image, first, second], caseChange) => {
        const other = caseChange ? second.toUpperCase() : second;
        fc.pre(imageClass({ ...image, sku: first }) === imageClass({ ...image, sku: other }));
        const source = test.sources[test.index];
        const withSku = (sku: string) => withBody(source, withImage(source.body, test.path, { ...image, sku, version: 'latest' }));
        const a = withSku(first);
        const b = withSku(other);
        expect(sameForRules(a, b)).toBe(true);
        const replace = (resource: ExpandedResource) => test.sources.map((each, index) => (index === test.index ? resource : each));
        expect(reported(replace(b))).toEqual(reported(replace(a)));
      }),
      { numRuns: 500 },
    );
  });

  it('tells apart skus of different classes, other keys and skus outside the image reference', () => {
    const [test] = cases.filter((each) => each.sources[each.index].type.toLowerCase() === 'microsoft.compute/virtualmachines');
    const source = test.sources[test.index];
    const image = { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer' };
    const written = (value: Json) => withBody(source, withImage(source.body, test.path, value));
    expect(sameForRules(written({ ...image, sku: '2019-Datacenter' }), written({ ...image, sku: '2016-Datacenter' }))).toBe(true);
    expect(sameForRules(written({ ...image, sku: '2019-Datacenter' }), written({ ...image, sku: '2012-Datacenter' }))).toBe(false);
    expect(sameForRules(written({ ...image, sku: '2019-Datacenter' }), written({ ...image, sku: '2016-Datacenter', version: 'latest' }))).toBe(false);
    expect(sameForRules(written({ ...image, sku: '2019-Datacenter' }), written({ ...image, offer: 'windowsserver', sku: '2019-Datacenter' }))).toBe(false);
    // The same skus anywhere else are compared as written.
    const elsewhere = (sku: string) => withBody(source, { ...source.body, sku: { name: sku } });
    expect(sameForRules(elsewhere('2019-Datacenter'), elsewhere('2016-Datacenter'))).toBe(false);
  });
});

describe('allowedValues variants no rule tells apart', () => {
  const template = (defaultSku: string, allowed: string[]) =>
    JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { windowsSku: { type: 'string', defaultValue: defaultSku, allowedValues: allowed } },
      variables: { image: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: "[parameters('windowsSku')]", version: 'latest' } },
      resources: [
        {
          type: 'Microsoft.Compute/virtualMachines',
          apiVersion: '2024-03-01',
          name: "[concat('vm', copyIndex())]",
          copy: { name: 'vms', count: 2 },
          location: 'westeurope',
          properties: {
            osProfile: {
              computerName: 'vm',
              adminUsername: 'azureuser',
              windowsConfiguration: { enableAutomaticUpdates: true, provisionVMAgent: true, patchSettings: { patchMode: 'AutomaticByPlatform' } },
            },
            storageProfile: { imageReference: "[variables('image')]", osDisk: { createOption: 'FromImage' } },
          },
        },
      ],
    });
  const context = { rules: ALL_RULES, today: TODAY };

  /** The default pass, and one variant's expansion and what every rule reports on it. */
  function variantOf(text: string, sku: string) {
    const input = { file: 't.json', text };
    const base = prepareTemplate(input, undefined, context, { trackParameterReads: true });
    const reuse = { index: reuseIndex(base.expanded!.resources), varied: new Set(['windowssku']) };
    const variant = prepareTemplate(input, undefined, context, { overrides: new Map([['windowssku', sku]]), document: base.document, reuse });
    const keys = (findings: ReturnType<typeof lintModel>) => findings.map(findingKey);
    return {
      skipped: sameSourcesForRules(modelSources(base.expanded!.resources), modelSources(variant.expanded!.resources)),
      defaultKeys: keys(lintModel(base.model!, context)),
      variantKeys: keys(lintModel(variant.model!, context)),
    };
  }

  it('skips a sku of the default sku class: checked, it would have reported nothing new', () => {
    const text = template('2019-Datacenter', ['2019-Datacenter', '2016-Datacenter']);
    const { skipped, defaultKeys, variantKeys } = variantOf(text, '2016-Datacenter');
    expect(skipped).toBe(true);
    expect(variantKeys.filter((key) => !defaultKeys.includes(key))).toEqual([]);
    expect(lintTemplate({ file: 't.json', text }, context).findings).toEqual(
      lintTemplate({ file: 't.json', text }, { ...context, allowedValues: false }).findings,
    );
  });

  it('checks a similar sku that the catalog lists differently, and reports what it changes', () => {
    const text = template('2019-Datacenter', ['2019-Datacenter', '2012-Datacenter']);
    const { skipped, defaultKeys, variantKeys } = variantOf(text, '2012-Datacenter');
    expect(skipped).toBe(false);
    expect(variantKeys.filter((key) => !defaultKeys.includes(key))).not.toEqual([]);
    const findings = lintTemplate({ file: 't.json', text }, context).findings;
    expect(findings.map((finding) => [finding.ruleId, finding.message.replace(/.*\(/, '(')])).toContainEqual([
      'guest-patching/supported-image',
      '(fails when parameter `windowsSku` = `2012-Datacenter`)',
    ]);
  });

  it('takes over the findings of an earlier variant no rule tells apart, so both values are named', () => {
    const text = template('2019-Datacenter', ['2019-Datacenter', '2019-datacenter-zhcn', '2012-Datacenter']);
    expect(imageClass({ publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2019-datacenter-zhcn' })).toBe(
      imageClass({ publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2012-Datacenter' }),
    );
    const findings = lintTemplate({ file: 't.json', text }, context).findings.filter((finding) => finding.ruleId === 'guest-patching/supported-image');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/\(fails when parameter `windowsSku` = `2019-datacenter-zhcn`; or `windowsSku` = `2012-Datacenter`\)$/);
  });
});
