/**
 * allowedValues variants are expanded from the default pass (reuse.ts, partial.ts) and their rules
 * run only where they can report something new. The findings must be those of checking every
 * variant in full: each variant expanded whole and every rule run on its whole model, merged the
 * same way. A property test compares the two on templates with Windows and Linux VMs whose skus
 * and patch mode come from allowed values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { decisiveParameters, mergeVariantFindings, variantsFor } from '../../src/engine/allowed-values.js';
import type { Finding } from '../../src/engine/finding.js';
import { lintModel, lintTemplate, prepareTemplate } from '../../src/engine/lint.js';
import { TODAY } from '../helpers/lint-fixture.js';

describe('allowedValues variants against checking every variant in full', () => {
  const context = { rules: ALL_RULES, today: TODAY };
  const WINDOWS = [
    '2019-Datacenter',
    '2016-Datacenter',
    '2012-R2-Datacenter',
    '2012-Datacenter',
    '2008-R2-SP1',
    '2022-datacenter-azure-edition',
    '2022-datacenter-azure-edition-hotpatch',
    '2019-datacenter-zhcn',
  ];
  const LINUX = ['16.04-LTS', '18.04-LTS', '14.04-LTS', '18_04-LTS-gen2'];
  const choice = (pool: string[]) => fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 });
  const vm = (name: string, count: number, osProfile: unknown, image: unknown) => ({
    type: 'Microsoft.Compute/virtualMachines',
    apiVersion: '2024-03-01',
    name: `[concat('${name}', copyIndex())]`,
    copy: { name: `${name}s`, count },
    location: 'westeurope',
    properties: { osProfile, storageProfile: { imageReference: image, osDisk: { createOption: 'FromImage' } } },
  });

  /** The variant findings as lintTemplate's merge would give them if every variant's rules ran on its whole model. */
  function inFull(text: string): Finding[] {
    const input = { file: 't.json', text };
    const base = prepareTemplate(input, undefined, context, { trackParameterReads: true });
    const parameters = base.expanded!.parameters;
    const variants = variantsFor(parameters, decisiveParameters(base.expanded!));
    const results = variants.map((variant) => ({
      variant,
      findings: lintModel(prepareTemplate(input, undefined, context, { overrides: variant.overrides, document: base.document }).model!, context),
    }));
    return mergeVariantFindings(lintModel(base.model!, context), results, parameters);
  }

  it('reports the same, for Windows and Linux VMs on allowed skus and patch modes', () => {
    fc.assert(
      fc.property(
        choice(WINDOWS),
        choice(LINUX),
        fc.boolean(),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        (windows, linux, patchVaries, windowsCount, linuxCount) => {
          const text = JSON.stringify({
            $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
            contentVersion: '1.0.0.0',
            parameters: {
              windowsSku: { type: 'string', defaultValue: windows[0], allowedValues: windows },
              linuxSku: { type: 'string', defaultValue: linux[0], allowedValues: linux },
              patchMode: {
                type: 'string',
                defaultValue: 'AutomaticByPlatform',
                allowedValues: patchVaries ? ['AutomaticByPlatform', 'AutomaticByOS'] : ['AutomaticByPlatform'],
              },
            },
            variables: { windowsImage: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: "[parameters('windowsSku')]", version: 'latest' } },
            resources: [
              vm(
                'win',
                windowsCount,
                {
                  computerName: 'win',
                  adminUsername: 'azureuser',
                  windowsConfiguration: { enableAutomaticUpdates: true, provisionVMAgent: true, patchSettings: { patchMode: "[parameters('patchMode')]" } },
                },
                "[variables('windowsImage')]",
              ),
              vm(
                'lin',
                linuxCount,
                {
                  computerName: 'lin',
                  adminUsername: 'azureuser',
                  linuxConfiguration: { provisionVMAgent: true, patchSettings: { patchMode: 'AutomaticByPlatform' } },
                },
                { publisher: 'Canonical', offer: 'UbuntuServer', sku: "[parameters('linuxSku')]", version: 'latest' },
              ),
            ],
          });
          const reported = lintTemplate({ file: 't.json', text }, context).findings.filter((finding) =>
            / \(fails (when parameter|for every allowed value)/.test(finding.message),
          );
          const canonical = (findings: Finding[]) => findings.map((finding) => JSON.stringify(finding)).sort();
          expect(canonical(reported)).toEqual(canonical(inFull(text)));
        },
      ),
      { numRuns: 60 },
    );
  });
});
