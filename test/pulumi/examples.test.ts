/** The examples/ program under mocks: every resource it creates passes the lint rules (zero findings). */
import * as pulumi from '@pulumi/pulumi';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { lintPulumiResources } from '../../components/policy/index.js';
import { TODAY } from '../helpers/lint-fixture.js';
import { flush, settle, useMocks } from './helpers/mocks.js';

describe('examples/ Pulumi program', () => {
  it('creates the documented resources, and the rule engine finds nothing in them', async () => {
    const mocks = await useMocks();
    pulumi.runtime.setConfig('patchwise-test:adminPassword', 'not-a-real-password-1!');
    const program = await import('../../examples/index.js');
    await Promise.all([
      settle(program.windowsVmId),
      settle(program.linuxVmId),
      settle(program.scaleSetId),
      settle(program.scheduleId),
      settle(program.flexibleScaleSetId),
    ]);
    expect(await settle(program.windowsPatchMode)).toBe('AutomaticByPlatform');
    for (let round = 0; round < 5 && mocks.byType('azure-native:compute:VirtualMachineExtension').length === 0; round++) await flush();
    await flush();
    const types = mocks.resources.map((resource) => resource.type).sort();
    expect(types).toEqual([
      'azure-native:compute:VirtualMachine',
      'azure-native:compute:VirtualMachine',
      'azure-native:compute:VirtualMachineExtension',
      'azure-native:compute:VirtualMachineScaleSet',
      'azure-native:compute:VirtualMachineScaleSet',
      'azure-native:maintenance:ConfigurationAssignment',
      'azure-native:maintenance:MaintenanceConfiguration',
      'patchwise:azure:AutoUpgradedExtension',
      'patchwise:azure:AutoUpgradingScaleSet',
      'patchwise:azure:PatchSchedule',
      'patchwise:azure:PatchedFlexibleScaleSet',
      'patchwise:azure:PatchedVirtualMachine',
      'patchwise:azure:PatchedVirtualMachine',
    ]);
    // The schedule's rules ran on it: the Linux VM is assigned to the configuration the component created.
    const assignment = mocks.one('azure-native:maintenance:ConfigurationAssignment');
    expect(assignment.inputs.maintenanceConfigurationId).toBe(await settle(program.scheduleId));
    const findings = lintPulumiResources(
      mocks.resources.map((resource) => ({ type: resource.type, name: resource.name, props: resource.inputs })),
      { rules: ALL_RULES, today: TODAY },
    );
    expect(findings).toEqual([]);
  });
});
