/**
 * Hostile templates of the reliability audit (issue 8: D6 and the glob cases of D11), generated
 * rather than committed: each case builds its template text at the size the audit measured.
 * Used by the tests in this folder and by `npm run bench:hostile` (before/after timings).
 */

export const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

export interface HostileCase {
  /** Short id, used as the test name and the bench row. */
  id: string;
  /** The audit row it reproduces. */
  audit: string;
  /** Template text. */
  text: () => string;
  /** The file gets a `template/expansion-limit` finding that names a limit ('either': it may, depending on the budget). */
  expectsLimitNote: boolean | 'either';
  /** Error findings the template really has (all other errors would be false positives). */
  /** `instances`: copy-loop instances the errors stand for (issue 14 groups equal findings of one copy loop; default `count`). */
  expectedErrors?: { ruleId: string; count: number; instances?: number };
}

type Json = Record<string, unknown>;

/** A Linux VM with platform patching: no finding of its own. */
export function cleanVm(name: unknown, extra: Json = {}): Json {
  return {
    type: 'Microsoft.Compute/virtualMachines',
    apiVersion: '2024-03-01',
    name,
    location: 'westeurope',
    properties: {
      hardwareProfile: { vmSize: 'Standard_D2s_v5' },
      osProfile: {
        computerName: 'vm',
        adminUsername: 'azureuser',
        linuxConfiguration: { provisionVMAgent: true, patchSettings: { patchMode: 'AutomaticByPlatform', assessmentMode: 'AutomaticByPlatform' } },
      },
      storageProfile: {
        imageReference: { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2', version: 'latest' },
        osDisk: { createOption: 'FromImage' },
      },
    },
    ...extra,
  };
}

/** A Windows VM whose `enableAutomaticUpdates: true` contradicts patchMode Manual: one fixable error. */
export function fixableVm(name: unknown, extra: Json = {}, padding = ''): Json {
  return {
    type: 'Microsoft.Compute/virtualMachines',
    apiVersion: '2024-03-01',
    name,
    location: 'westeurope',
    ...(padding ? { tags: { padding } } : {}),
    properties: {
      hardwareProfile: { vmSize: 'Standard_D2s_v5' },
      osProfile: {
        computerName: 'vm',
        adminUsername: 'azureuser',
        windowsConfiguration: { enableAutomaticUpdates: true, provisionVMAgent: true, patchSettings: { patchMode: 'Manual' } },
      },
      storageProfile: {
        imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition', version: 'latest' },
        osDisk: { createOption: 'FromImage' },
      },
    },
    ...extra,
  };
}

export function template(resources: unknown, rest: Json = {}, indent = 2): string {
  return JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', ...rest, resources }, null, indent);
}

/** A clean VM whose tag holds the expression: VMs are expanded eagerly, so it is evaluated. */
function vmWithTag(expression: string, rest: Json = {}, vmExtra: Json = {}): string {
  return template([cleanVm('vm', { tags: { probe: expression }, ...vmExtra })], rest);
}

function maintenanceConfiguration(window: Json): string {
  return template([
    {
      type: 'Microsoft.Maintenance/maintenanceConfigurations',
      apiVersion: '2023-04-01',
      name: 'schedule',
      location: 'westeurope',
      properties: {
        maintenanceScope: 'InGuestPatch',
        extensionProperties: { InGuestPatchMode: 'User' },
        maintenanceWindow: { startDateTime: '2026-01-03 22:00', duration: '03:00', timeZone: 'UTC', recurEvery: 'Day', ...window },
        installPatches: { rebootSetting: 'IfRequired', linuxParameters: { classificationsToInclude: ['Critical', 'Security'] } },
      },
    },
  ]);
}

/** `+([a-z/-])` × k then `X`: exponential as a picomatch extglob against a rule id. */
export function extglobBomb(k: number): string {
  return `${'+([a-z/-])'.repeat(k)}X`;
}

export const HOSTILE_CASES: HostileCase[] = [
  {
    id: 'recur-every-spaces',
    audit: 'maintenance configuration recurEvery = 1,000,000 spaces + x',
    text: () => maintenanceConfiguration({ recurEvery: `${' '.repeat(1_000_000)}x` }),
    expectsLimitNote: false,
  },
  {
    id: 'format-open-braces',
    audit: 'format(variables(f), 1), f = "{0:" × 350,000 (1 MB: the result passes the string cap)',
    text: () => vmWithTag("[format(variables('f'), 1)]", { variables: { f: '{0:'.repeat(350_000) } }),
    expectsLimitNote: true,
  },
  {
    id: 'format-long-literal',
    audit: 'format with a 99,000-character literal inside the expression (the audit: 99,990; 100,000 is the expression limit)',
    text: () => vmWithTag(`[format('${'{0:'.repeat(33_000)}', 1)]`),
    expectsLimitNote: false,
  },
  {
    id: 'suppress-extglob',
    audit: 'inline suppression "+([a-z/-])" × 10 + "X" on a resource with findings',
    text: () => template([fixableVm('vm', { metadata: { patchwise: { suppress: [extglobBomb(10)] } } })]),
    expectsLimitNote: false,
    expectedErrors: { ruleId: 'guest-patching/windows-automatic-updates', count: 1 },
  },
  {
    id: 'suppress-long-glob',
    audit: 'inline suppression glob longer than 65,536 characters',
    text: () => template([fixableVm('vm', { metadata: { patchwise: { suppress: ['a'.repeat(70_000)] } } })]),
    expectsLimitNote: false,
    expectedErrors: { ruleId: 'guest-patching/windows-automatic-updates', count: 1 },
  },
  {
    id: 'fixes-2000-vms',
    audit: '2,000 VMs, each with one fixable finding (2 MB)',
    text: () => template(Array.from({ length: 2000 }, (_, i) => fixableVm(`vm${i}`, {}, 'x'.repeat(300)))),
    expectsLimitNote: false,
    expectedErrors: { ruleId: 'guest-patching/windows-automatic-updates', count: 2000 },
  },
  {
    id: 'fixes-copy-800',
    audit: '3.8 MB template: one VM with copy count 800 and one fixable setting',
    text: () =>
      template([fixableVm("[concat('vm', copyIndex())]", { copy: { name: 'vms', count: 800 } })], {
        variables: { padding: 'x'.repeat(3_800_000) },
      }),
    expectsLimitNote: false,
    // The 800 instances fail alike at one line: one finding with their count.
    expectedErrors: { ruleId: 'guest-patching/windows-automatic-updates', count: 1, instances: 800 },
  },
  {
    id: 'map-flatten-oom',
    audit: 'string(length(map(range(0, 5), lambda(i, flatten(map(range(0, 10000), lambda(x, range(0, 10000))))))))',
    text: () => vmWithTag("[string(length(map(range(0, 5), lambda('i', flatten(map(range(0, 10000), lambda('x', range(0, 10000))))))))]"),
    expectsLimitNote: true,
  },
  {
    id: 'flatten-100m',
    audit: 'flatten(map(range(0,10000), x => range(0,10000)))',
    text: () => vmWithTag("[length(flatten(map(range(0, 10000), lambda('x', range(0, 10000)))))]"),
    expectsLimitNote: true,
  },
  {
    id: 'reduce-doubling',
    audit: 'reduce(range(0,40), createArray(1), (acc) => concat(acc, acc))',
    text: () => vmWithTag("[length(reduce(range(0, 40), createArray(1), lambda('acc', 'x', concat(lambdaVariables('acc'), lambdaVariables('acc')))))]"),
    expectsLimitNote: true,
  },
  {
    id: 'concat-variables-256',
    audit: "256 × variables('a0') doubled 3× via concat",
    text: () => {
      const variables: Json = { a0: '[range(0, 256)]' };
      for (let level = 1; level <= 3; level++)
        variables[`a${level}`] = `[concat(${Array(256)
          .fill(`variables('a${level - 1}')`)
          .join(', ')})]`;
      return vmWithTag("[length(variables('a3'))]", { variables });
    },
    expectsLimitNote: true,
  },
  {
    id: 'string-of-1024-megabytes',
    audit: "string(createArray(variables('b') × 1024)), b = 1 MB",
    text: () =>
      vmWithTag(`[length(string(createArray(${Array(1024).fill("variables('b')").join(', ')})))]`, { variables: { b: 'b'.repeat(1024 * 1024 - 16) } }),
    expectsLimitNote: true,
  },
  {
    id: 'nested-lambdas',
    audit: 'map(range(0,10000), x => length(map(range(0,10000), y => length(range(0,10000))))): 10^12 steps',
    text: () => vmWithTag("[length(map(range(0, 10000), lambda('x', length(map(range(0, 10000), lambda('y', length(range(0, 10000))))))))]"),
    expectsLimitNote: true,
  },
  {
    id: 'intersection-copy-800',
    audit: 'intersection(range(0,10000), range(0,10000)) in a VM with copy 800',
    text: () =>
      template([
        cleanVm("[concat('vm', copyIndex())]", {
          copy: { name: 'vms', count: 800 },
          tags: { probe: '[length(intersection(range(0, 10000), range(0, 10000)))]' },
        }),
      ]),
    expectsLimitNote: 'either',
  },
  {
    id: 'union-64-ranges',
    audit: 'union of 64 ranges',
    text: () => vmWithTag(`[length(union(${Array.from({ length: 64 }, (_, i) => `range(${i * 5000}, 10000)`).join(', ')}))]`),
    expectsLimitNote: 'either',
  },
  {
    id: 'nested-property-copies',
    audit: 'property copy 800 inside copy 800 inside copy 800',
    text: () => {
      const level = (name: string, input: unknown) => ({ copy: [{ name, count: 800, input }] });
      return template([cleanVm('vm', { tags: level('a', level('b', level('c', "[copyIndex('c')]"))) })]);
    },
    expectsLimitNote: true,
  },
  {
    id: 'shared-value-2-to-the-40',
    audit: 'not in the audit: createArray(a, a) forty levels deep is 2^40 values to whatever walks it (rules, JSON text)',
    text: () => {
      const variables: Json = { a0: '[createArray(1, 2)]' };
      for (let level = 1; level <= 40; level++) variables[`a${level}`] = `[createArray(variables('a${level - 1}'), variables('a${level - 1}'))]`;
      const settings = { protocol: 'tcp', port: 80, x: "[variables('a40')]" };
      return template(
        [
          cleanVm('vm', { tags: { probe: "[variables('a40')]" } }),
          {
            type: 'Microsoft.Compute/virtualMachines/extensions',
            apiVersion: '2024-03-01',
            name: 'vm/health',
            location: 'westeurope',
            properties: {
              publisher: 'Microsoft.ManagedServices',
              type: 'ApplicationHealthLinux',
              typeHandlerVersion: '2.0',
              autoUpgradeMinorVersion: true,
              enableAutomaticUpgrade: true,
              settings,
            },
          },
        ],
        { variables },
      );
    },
    expectsLimitNote: true,
  },
  {
    id: 'million-variable-keys',
    audit: '1,000,000 variable keys (12 MB)',
    text: () => {
      const variables: Json = {};
      for (let i = 0; i < 1_000_000; i++) variables[`v${i}`] = i;
      return template([cleanVm("[concat('vm', variables('v999999'))]")], { variables }, 0);
    },
    expectsLimitNote: false,
  },
];
