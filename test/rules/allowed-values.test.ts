/** allowedValues: rules run for each allowed value of the parameters that decide them. */
import { describe, expect, it } from 'vitest';
import { decisiveParameters, variantsFor, MAX_VARIANTS } from '../../src/engine/allowed-values.js';
import type { ParameterInfo } from '../../src/template/types.js';
import { lintFixture } from '../helpers/lint-fixture.js';

const wau = 'guest-patching/windows-automatic-updates';

describe('allowedValues fixtures', () => {
  it.each([
    {
      fixture: 'allowed-values/invalid/patch-mode-default-passes.json',
      expected: [{ ruleId: wau, line: 40, severity: 'warning', message: /fails when parameter `patchMode` = `Manual`\)$/ }],
    },
    {
      fixture: 'allowed-values/invalid/every-value-fails.json',
      expected: [{ ruleId: wau, line: 35, severity: 'error', message: /fails for every allowed value of `updatesMode`\)$/ }],
    },
    {
      fixture: 'allowed-values/invalid/image-sku-through-variable.json',
      expected: [
        { ruleId: 'guest-patching/supported-image', line: 65, severity: 'warning', message: /fails when parameter `windowsSku` = `2019-datacenter-zhcn`\)$/ },
      ],
    },
    { fixture: 'allowed-values/valid/all-values-pass.json', expected: [] },
  ])('$fixture', ({ fixture, expected }) => {
    const findings = lintFixture(fixture);
    expect(findings).toHaveLength(expected.length);
    expected.forEach((want, index) => {
      expect(findings[index]).toMatchObject({ ruleId: want.ruleId, line: want.line, severity: want.severity });
      expect(findings[index].message).toMatch(want.message);
      expect(findings[index].fix).toBeUndefined();
    });
  });
});

describe('variants', () => {
  const parameter = (name: string, allowedValues: unknown[], rawDefault?: unknown, source: ParameterInfo['source'] = 'default'): ParameterInfo => ({
    name,
    type: 'string',
    hasDefault: rawDefault !== undefined,
    allowedValues,
    rawDefault,
    source,
  });

  it('every combination when there are few, the default left out', () => {
    const variants = variantsFor([parameter('a', ['x', 'y', 'z'], 'x'), parameter('b', ['1', '2'], '1')], new Set(['a', 'b']));
    // a: default or y or z (3) x b: default or 2 (2) = 6, minus all defaults.
    expect(variants).toHaveLength(5);
    expect(variants.map((variant) => Object.fromEntries(variant.overrides))).toContainEqual({ a: 'z', b: '2' });
  });

  it('one parameter at a time, capped, when the combinations are too many', () => {
    const many = Array.from({ length: 10 }, (_, i) => `v${i}`);
    const variants = variantsFor([parameter('a', many, 'v0'), parameter('b', many, 'v0'), parameter('c', many, 'v0')], new Set(['a', 'b', 'c']));
    expect(variants).toHaveLength(27);
    expect(variants.every((variant) => variant.choices.length === 1)).toBe(true);
    const huge = Array.from({ length: 200 }, (_, i) => `v${i}`);
    expect(variantsFor([parameter('a', huge, 'v0')], new Set(['a']))).toHaveLength(MAX_VARIANTS);
  });

  it('skips parameters pinned by a parameters file and parameters that decide nothing', () => {
    expect(variantsFor([parameter('a', ['x', 'y'], 'x', 'parameters-file')], new Set(['a']))).toEqual([]);
    expect(variantsFor([parameter('a', ['x', 'y'], 'x')], new Set(['b']))).toEqual([]);
  });

  it('a parameter read only for the VM size does not decide a rule', () => {
    const expanded = {
      parameters: [parameter('vmSize', ['a', 'b'], 'a'), parameter('mode', ['Manual', 'AutomaticByOS'], 'Manual')],
      resources: [
        {
          type: 'Microsoft.Compute/virtualMachines',
          parameterReads: new Map([
            ['properties.hardwareProfile.vmSize', new Set(['vmsize'])],
            ['properties.osProfile.windowsConfiguration', new Set(['mode'])],
          ]),
        },
      ],
    };
    expect([...decisiveParameters(expanded as never)]).toEqual(['mode']);
  });
});

describe('patchwise lint --no-allowed-values', () => {
  it('judges parameters at their defaults only', async () => {
    const { main } = await import('../../src/cli/main.js');
    const { REPO_ROOT, FIXTURES } = await import('../helpers/lint-fixture.js');
    const run = async (extra: string[]) => {
      let stdout = '';
      const code = await main(['lint', `${FIXTURES}/allowed-values/invalid/patch-mode-default-passes.json`, '--format', 'json', ...extra], {
        cwd: REPO_ROOT,
        env: {},
        stdout: (text) => void (stdout += text),
        stderr: () => undefined,
        stdoutIsTTY: false,
      });
      return { code, findings: JSON.parse(stdout).findings as unknown[] };
    };
    expect((await run([])).findings).toHaveLength(1);
    expect((await run(['--no-allowed-values'])).findings).toHaveLength(0);
  });
});
