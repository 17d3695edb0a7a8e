/**
 * Bicep constructs lowered to what the compiler emits, checked through the expander: the values
 * a rule would read are the values Bicep would deploy, and what cannot be read is unknown.
 */
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { bicepReader } from '../../src/bicep/index.js';
import { prepareTemplate } from '../../src/engine/lint.js';
import { isUnknown } from '../../src/model/unknown.js';
import { TODAY } from '../helpers/lint-fixture.js';

/** Expand `/in-memory/main.bicep` with other files held in memory (a virtual folder, not a path of this machine); resources by name. */
function expand(files: Record<string, string>): Map<string, Record<string, unknown>> {
  const read = bicepReader({ readText: (path) => files[path], display: (path) => path.replace('/in-memory/', '') });
  const prepared = prepareTemplate(
    { file: 'main.bicep', text: files['/in-memory/main.bicep'] },
    undefined,
    { rules: ALL_RULES, today: TODAY },
    { reader: { template: (input) => read(input.file, '/in-memory/main.bicep', input.text) }, expandAll: true },
  );
  expect(prepared.findings.map((finding) => finding.message)).toEqual([]);
  return new Map((prepared.expanded?.resources ?? []).map((resource) => [String(resource.name), resource.body]));
}

const tags = (resources: Map<string, Record<string, unknown>>, name = 'st') => resources.get(name)?.tags as Record<string, unknown>;
const storage = (tagLines: string[], before: string[] = []) =>
  [
    ...before,
    "resource st 'Microsoft.Storage/storageAccounts@2024-01-01' = {",
    "  name: 'st'",
    '  tags: {',
    ...tagLines.map((line) => `    ${line}`),
    '  }',
    '}',
    '',
  ].join('\n');

describe('Bicep lowering', () => {
  it('imports exported variables and functions from a local file, with what they refer to', () => {
    const shared = [
      "var suffix = '-prod'",
      '@export()',
      "var patchMode = 'AutomaticByPlatform${suffix}'",
      '@export()',
      "func vmName(i int) string => 'vm-${padded(i)}'",
      "func padded(i int) string => padLeft(string(i), 2, '0')",
      '',
    ].join('\n');
    const resources = expand({
      '/in-memory/shared.bicep': shared,
      '/in-memory/main.bicep': storage(['mode: patchMode', 'name: nameOf(3)'], ["import { patchMode, vmName as nameOf } from 'shared.bicep'"]),
    });
    expect(tags(resources)).toEqual({ mode: 'AutomaticByPlatform-prod', name: 'vm-03' });
  });

  it('an imported variable whose dependency has another meaning in the importing file is unknown', () => {
    const resources = expand({
      '/in-memory/shared.bicep': "var suffix = '-prod'\n@export()\nvar patchMode = 'AutomaticByPlatform${suffix}'\n",
      '/in-memory/main.bicep': storage(['mode: patchMode', 'other: suffix'], ["import { patchMode } from './shared.bicep'", "var suffix = '-test'"]),
    });
    expect(isUnknown(tags(resources).mode)).toBe(true);
    expect(tags(resources).other).toBe('-test');
  });

  it('imports from the registry, wildcard imports and missing files leave the names unknown', () => {
    const resources = expand({
      '/in-memory/main.bicep': storage(
        ['a: x', 'b: ns.y', 'c: z'],
        ["import { x } from 'br/public:avm/utl/types/avm-common-types:0.5.1'", "import * as ns from './types.bicep'", "import { z } from './missing.bicep'"],
      ),
    });
    expect(Object.values(tags(resources)).every(isUnknown)).toBe(true);
  });

  it("reads interpolated multi-line strings ($''', $$''' keeps ${ } as text)", () => {
    const resources = expand({
      '/in-memory/main.bicep': storage(
        ["a: $'''", '  first ${name}-${1 + 1}', "  '''", "b: $$'''${name} $${name}'''", "c: '''", "no ${hole}'''"],
        ["var name = 'x'"],
      ),
    });
    expect(tags(resources)).toEqual({ a: '      first x-2\n      ', b: '${name} x', c: '    no ${hole}' });
  });

  it('indexes from the end ([^i], [?^i]) and keeps regex-like strings literal', () => {
    const resources = expand({
      '/in-memory/main.bicep': storage(
        ['last: names[^1]', 'second: names[^2]', "none: names[?^5] ?? 'none'", "pattern: '[^i]'", "mixed: '[^${names[0]}]'"],
        ["var names = ['a', 'b', 'c']"],
      ),
    });
    expect(tags(resources)).toEqual({ last: 'c', second: 'b', none: 'none', pattern: '[^i]', mixed: '[^a]' });
  });

  it('gives resources in another scope the id Bicep gives them', () => {
    const resources = expand({
      '/in-memory/main.bicep': storage(
        ['rg: vnet.id', 'sub: policy.id', 'here: local.id'],
        [
          "resource vnet 'Microsoft.Network/virtualNetworks@2024-01-01' existing = {",
          "  name: 'vnet'",
          "  scope: resourceGroup('0000', 'network-rg')",
          '}',
          "resource policy 'Microsoft.Authorization/policyDefinitions@2023-04-01' existing = {",
          "  name: 'p'",
          "  scope: subscription('1111')",
          '}',
          "resource local 'Microsoft.Network/virtualNetworks@2024-01-01' existing = {",
          "  name: 'here'",
          "  scope: resourceGroup('other-rg')",
          '}',
        ],
      ),
    });
    const ids = tags(resources);
    expect(ids.rg).toBe('/subscriptions/0000/resourceGroups/network-rg/providers/Microsoft.Network/virtualNetworks/vnet');
    expect(ids.sub).toBe('/subscriptions/1111/providers/Microsoft.Authorization/policyDefinitions/p');
    expect(String(ids.here)).toMatch(/\/resourceGroups\/other-rg\/providers\/Microsoft\.Network\/virtualNetworks\/here$/);
  });

  it('names modules written without a name as Bicep does, and puts module scopes on the deployment', () => {
    const resources = expand({
      '/in-memory/child.bicep': "resource st 'Microsoft.Storage/storageAccounts@2024-01-01' = {\n  name: 'child'\n}\n",
      '/in-memory/main.bicep': "module child 'child.bicep' = {\n  scope: resourceGroup('0000', 'rg')\n}\n",
    });
    const deployment = [...resources].find(([name]) => name.startsWith('child-'));
    expect(deployment?.[0]).toMatch(/^child-[a-z0-9]{13}$/);
    expect(resources.has('child')).toBe(true);
  });
});
