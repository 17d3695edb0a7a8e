/** The azure-native argument table convert writes plain resources with: current with the installed package, and read as ARM names map to it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { derive, GENERATED_FILE, render } from '../../scripts/derive-azure-native-args.js';
import { member, resourceArgs, strictEnum } from '../../components/convert/arg-shapes.js';
import { ValueWriter } from '../../components/convert/expressions.js';

const noScope = { parameter: () => undefined, variable: () => undefined, resource: () => undefined };

describe('azure-native argument table', () => {
  it('is up to date with node_modules/@pulumi/azure-native (npm run derive:azure-native-args)', () => {
    expect(render(derive())).toBe(readFileSync(GENERATED_FILE, 'utf8'));
  }, 60_000);

  it('finds arguments by their ARM name in any case, with their types', () => {
    const publicIp = resourceArgs('network', 'PublicIPAddress')!;
    expect(member(publicIp, 'publicIpAllocationMethod')).toEqual({ name: 'publicIPAllocationMethod', type: 's' });
    expect(member(publicIp, 'idleTimeoutInMinutes')?.type).toBe('n');
    expect(member(publicIp, 'primary')).toBeUndefined();
    expect(strictEnum('e:compute.OperatingSystemTypes')?.values).toEqual(['Windows', 'Linux']);
  });

  it('writes values as azure-native types them: names, numbers, booleans, enums; what it does not take is a TODO comment', () => {
    const values = new ValueWriter(noScope);
    const nic = values.value(
      {
        ipConfigurations: [{ name: 'ipconfig1', privateIPAllocationMethod: 'Dynamic', publicIpAddress: { id: 'x' }, primary: 'true' }],
        primary: true,
        enableIPForwarding: 'false',
      },
      'nic',
      true,
      resourceArgs('network', 'NetworkInterface'),
    ).code;
    expect(nic).toContain('publicIPAddress: { id: "x" }');
    expect(nic).toContain('primary: true');
    expect(nic).toContain('enableIPForwarding: false');
    expect(nic).toContain('/* TODO(patchwise): primary is not an azure-native argument here: true */');
    expect(values.value({ osType: 'windows', diskSizeGB: '128' }, 'osDisk', true, 'o:compute.OSDiskArgs').code).toBe('{ osType: "Windows", diskSizeGB: 128 }');
  });
});
