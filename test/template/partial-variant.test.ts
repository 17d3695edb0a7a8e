/**
 * allowedValues variants build a changed body from the default pass's (expand/partial.ts): only
 * what read a varied parameter is evaluated again, and the result equals a whole expansion.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandTemplate, reuseIndex } from '../../src/template/expand.js';
import { readJsonDocument } from '../../src/template/json.js';
import { MODEL_RESOURCE_TYPES } from '../../src/model/build.js';

const EAGER = new Set(MODEL_RESOURCE_TYPES);

const vm = (properties: Record<string, unknown>) => ({
  type: 'Microsoft.Compute/virtualMachines',
  apiVersion: '2024-03-01',
  name: "[concat('vm', copyIndex())]",
  copy: { name: 'vms', count: 2 },
  tags: { sku: "[parameters('sku')]" },
  properties,
});

function document(resource: unknown) {
  const text = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { sku: { type: 'string', defaultValue: '2019-datacenter', allowedValues: ['2019-datacenter', '2022-datacenter'] } },
    variables: { os: { computerName: 'web' } },
    resources: [resource],
  });
  const read = readJsonDocument('t.json', text);
  if (!read.ok) throw new Error(read.error.message);
  return read.document;
}

/** The default pass, a variant built from it, and the same variant expanded whole. */
function variant(resource: unknown) {
  const doc = document(resource);
  const overrides = new Map([['sku', '2022-datacenter']]);
  const base = expandTemplate(doc, { eagerTypes: EAGER, trackParameterReads: true });
  const reuse = { index: reuseIndex(base.resources), varied: new Set(['sku']) };
  const partial = expandTemplate(doc, { eagerTypes: EAGER, trackParameterReads: true, parameterOverrides: overrides, reuse });
  const whole = expandTemplate(doc, { eagerTypes: EAGER, trackParameterReads: true, parameterOverrides: overrides });
  return { base: base.resources, partial: partial.resources, whole: whole.resources };
}

describe('variant bodies built from the default pass', () => {
  it('evaluate again only the members that read a varied parameter, and equal a whole expansion', () => {
    const { base, partial, whole } = variant(
      vm({
        osProfile: "[variables('os')]",
        storageProfile: { imageReference: { publisher: 'MicrosoftWindowsServer', sku: "[parameters('sku')]" } },
      }),
    );
    expect(partial.map((resource) => resource.body)).toEqual(whole.map((resource) => resource.body));
    expect(partial.map((resource) => Object.fromEntries(resource.parameterReads ?? []))).toEqual(
      whole.map((resource) => Object.fromEntries(resource.parameterReads ?? [])),
    );
    const [first] = partial;
    expect(first).not.toBe(base[0]);
    const properties = (resource: (typeof base)[number]) => resource.body.properties as Record<string, unknown>;
    expect(properties(first).osProfile).toBe(properties(base[0]).osProfile); // shared, not evaluated again
    expect(properties(first).storageProfile).not.toBe(properties(base[0]).storageProfile);
    expect(first.locate(['properties', 'storageProfile', 'imageReference', 'sku'])).toEqual(
      whole[0].locate(['properties', 'storageProfile', 'imageReference', 'sku']),
    );
  });

  it('evaluate again only the deepest objects that read a varied parameter', () => {
    const { base, partial, whole } = variant(
      vm({
        storageProfile: {
          imageReference: { publisher: 'MicrosoftWindowsServer', sku: "[parameters('sku')]", version: 'latest' },
          osDisk: { name: "[concat('disk', copyIndex())]", createOption: 'FromImage' },
        },
      }),
    );
    expect(partial.map((resource) => resource.body)).toEqual(whole.map((resource) => resource.body));
    expect(partial.map((resource) => Object.fromEntries(resource.parameterReads ?? []))).toEqual(
      whole.map((resource) => Object.fromEntries(resource.parameterReads ?? [])),
    );
    const storage = (resource: (typeof base)[number]) => (resource.body.properties as Record<string, Record<string, unknown>>).storageProfile;
    expect(storage(partial[1]).osDisk).toBe(storage(base[1]).osDisk);
    expect(storage(partial[1]).imageReference).not.toBe(storage(base[1]).imageReference);
    expect(partial[1].locate(['properties', 'storageProfile', 'imageReference', 'sku'])).toEqual(
      whole[1].locate(['properties', 'storageProfile', 'imageReference', 'sku']),
    );
  });

  it('expand an object whose read path was cut at its depth whole', () => {
    const deep = { a: { b: { c: { d: { e: "[parameters('sku')]" } } } } };
    const { partial, whole } = variant(vm({ storageProfile: { imageReference: { publisher: 'p', sku: 'x' } }, deep }));
    expect(partial.map((resource) => resource.body)).toEqual(whole.map((resource) => resource.body));
  });

  it('expand properties with a property copy loop whole', () => {
    const { partial, whole } = variant(vm({ copy: [{ name: 'dataDisks', count: 2, input: { lun: "[copyIndex('dataDisks')]", sku: "[parameters('sku')]" } }] }));
    expect(partial.map((resource) => resource.body)).toEqual(whole.map((resource) => resource.body));
  });

  it('equal a whole expansion for any nesting of values that read the varied parameter', () => {
    const leaf = fc.constantFrom('literal', "[parameters('sku')]", "[concat('v', parameters('sku'))]", "[variables('os')]", '[copyIndex()]', 7, null);
    const value = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'a.b', 'imageReference', 'copy'), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('storageProfile', 'osProfile', 'x', 'x.a'), value, { maxKeys: 3 }), (properties) => {
        const { partial, whole } = variant(vm(properties));
        expect(partial.map((resource) => resource.body)).toEqual(whole.map((resource) => resource.body));
        expect(partial.map((resource) => Object.fromEntries(resource.parameterReads ?? []))).toEqual(
          whole.map((resource) => Object.fromEntries(resource.parameterReads ?? [])),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('record parameter reads only when a root parameter can be varied', () => {
    const doc = document(vm({ storageProfile: { imageReference: { sku: "[parameters('sku')]" } } }));
    const tracked = expandTemplate(doc, { eagerTypes: EAGER, trackParameterReads: true });
    expect(tracked.resources[0].parameterReads?.get('properties.storageProfile.imageReference.sku')).toEqual(new Set(['sku']));
    // The parameters file gives `sku` a value: nothing to vary, nothing to record.
    const provided = expandTemplate(doc, { eagerTypes: EAGER, trackParameterReads: true, parameterValues: new Map([['sku', '2022-datacenter']]) });
    expect(provided.resources.map((resource) => resource.parameterReads)).toEqual([undefined, undefined]);
  });
});
