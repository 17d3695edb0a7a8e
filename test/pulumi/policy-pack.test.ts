/** The policy pack runs the same rules as `patchwise lint`: fixtures through the adapter give the same findings. */
import type { ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy, PolicyResource } from '@pulumi/policy';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { resolveSettings } from '../../src/engine/config.js';
import {
  createPatchwisePolicies,
  enforcementLevelFor,
  policyName,
  toResourceSource,
  lintPulumiResources,
  type PulumiResourceInput,
} from '../../components/policy/index.js';
import { fixtureInput, lintFixture, TODAY } from '../helpers/lint-fixture.js';
import { armFixtures, fixtureKind } from '../helpers/fixtures.js';
import { pulumiInputsOfTemplate, policyProps } from './helpers/arm-to-pulumi.js';

const policies = createPatchwisePolicies({ today: TODAY });
// Pulumi does not call disabled policies (rules off in the recommended preset).
const enabled = policies.filter((policy) => policy.enforcementLevel !== 'disabled');
const RECOMMENDED = resolveSettings({}, ALL_RULES);
const resourcePolicies = enabled.filter((policy): policy is ResourceValidationPolicy => 'validateResource' in policy);
const stackPolicies = enabled.filter((policy): policy is StackValidationPolicy => 'validateStack' in policy);

function resourceArgs(input: PulumiResourceInput, config: Record<string, unknown> = {}): ResourceValidationArgs {
  return {
    type: input.type,
    name: input.name,
    urn: input.urn ?? input.name,
    props: policyProps(input.props),
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string) => {
      throw new Error(`not applicable: ${reason}`);
    },
  };
}

function stackArgs(inputs: PulumiResourceInput[]): StackValidationArgs {
  const resources = inputs.map((input) => ({ ...resourceArgs(input), dependencies: [], propertyDependencies: {} }) as unknown as PolicyResource);
  return {
    resources,
    stackTags: new Map(),
    getConfig: <T extends object>() => ({}) as T,
    notApplicable: () => {
      throw new Error('not applicable');
    },
  };
}

/** Every violation message of the pack for these resources (resource policies on each, stack policies on all). */
async function violations(inputs: PulumiResourceInput[]): Promise<string[]> {
  const messages: string[] = [];
  const report = (message: string) => void messages.push(message);
  for (const input of inputs) {
    for (const policy of resourcePolicies) {
      const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
      for (const validate of validations) await validate(resourceArgs(input), report);
    }
  }
  for (const policy of stackPolicies) await policy.validateStack(stackArgs(inputs), report);
  return messages;
}

/** `rule at argumentPath` of a violation message. */
function key(message: string): string {
  const match = /^\[([^\]]+)\] \w+: .*? at (\S+)(?: \([^)]*\))?$/.exec(message) ?? /^\[([^\]]+)\]/.exec(message);
  return match ? `${match[1]} at ${match[2] ?? ''}` : message;
}

const RULE_IDS = new Set(ALL_RULES.map((rule) => rule.id));
// Pulumi programs have no template text: no parse errors, and no inline suppressions (use the policy config instead).
// allowed-values: the linter tries every allowed value of a template parameter; a Pulumi program has one value.
// service-fabric-durability/cluster-mismatch and bronze-node-type: azure-native 3.x has no Microsoft.ServiceFabric/clusters resource (managed clusters only).
const SKIPPED = new Set([
  'core/parse-error/missing-comma.json',
  'valid/suppressed-inline.json',
  'rules/os-upgrade/service-fabric-durability/invalid/cluster-mismatch.json',
  'rules/os-upgrade/service-fabric-durability/invalid/bronze-node-type.json',
]);
const SKIPPED_FOLDERS = ['allowed-values/'];

describe('policy pack on the linter fixtures', () => {
  const fixtures = armFixtures().filter((name) => !SKIPPED.has(name) && !SKIPPED_FOLDERS.some((folder) => name.startsWith(folder)));
  it('covers the fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(15);
  });
  it.each(fixtures)('%s: same findings as patchwise lint', async (name) => {
    const input = fixtureInput(name);
    const expected = lintFixture(name)
      .filter((finding) => RULE_IDS.has(finding.ruleId) && !finding.suppressed && RECOMMENDED.get(finding.ruleId) !== 'off')
      // The policy pack sees each copy-loop instance as its own resource: one violation per instance.
      .flatMap((finding) =>
        Array<string>(finding.instances ?? 1).fill(
          `${finding.ruleId} at ${(finding.path ?? '')
            .split('.')
            .filter((segment) => segment !== 'properties')
            .join('.')}`,
        ),
      )
      .sort();
    const actual = (await violations(pulumiInputsOfTemplate(input.file, input.text))).map(key).sort();
    expect(actual).toEqual(expected);
    if (fixtureKind(name) === 'valid') expect(actual).toEqual([]);
  });
});

describe('policy pack', () => {
  it('has one policy per rule, named after it, with its enforcement level', () => {
    const names = policies.map((policy) => policy.name);
    for (const rule of ALL_RULES.filter((candidate) => !candidate.needsBaseline)) {
      const policy = policies.find((candidate) => candidate.name === policyName(rule.id));
      expect(policy, rule.id).toBeDefined();
      expect(policy!.enforcementLevel).toBe(enforcementLevelFor(rule));
      expect(policy!.configSchema?.properties).toHaveProperty('sasHorizonDays');
    }
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain('all');
    expect(names.every((name) => /^[a-zA-Z0-9._-]+$/.test(name))).toBe(true);
  });

  it('maps severities to enforcement levels, and a preset turns rules off', () => {
    const rule = ALL_RULES.find((candidate) => candidate.severity === 'error')!;
    expect(enforcementLevelFor(rule)).toBe('mandatory');
    expect(enforcementLevelFor({ ...rule, severity: 'warning' })).toBe('advisory');
    expect(enforcementLevelFor({ ...rule, presets: { strict: 'off' } }, 'strict')).toBe('disabled');
  });

  it('reports a violation with rule, message, requirement ids and argument path on a hand-written azure-native VM', async () => {
    const vm: PulumiResourceInput = {
      type: 'azure-native:compute:VirtualMachine',
      name: 'app',
      props: {
        resourceGroupName: 'rg',
        vmName: 'app',
        location: 'westeurope',
        hardwareProfile: { vmSize: 'Standard_D2s_v5' },
        osProfile: {
          computerName: 'app',
          adminUsername: 'azureuser',
          windowsConfiguration: { enableAutomaticUpdates: true, patchSettings: { patchMode: 'Manual' } },
        },
        storageProfile: {
          imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2019-datacenter', version: 'latest' },
          osDisk: { createOption: 'FromImage' },
        },
        networkProfile: { networkInterfaces: [{ id: '/nic', primary: true }] },
      },
    };
    expect(await violations([vm])).toEqual([
      '[guest-patching/windows-automatic-updates] error: patchMode Manual requires enableAutomaticUpdates false [GP4] at osProfile.windowsConfiguration.enableAutomaticUpdates',
    ]);
  });

  it('values unknown during preview are not reported (and do not abort the policy)', async () => {
    const vm: PulumiResourceInput = {
      type: 'azure-native:compute:VirtualMachine',
      name: 'app',
      props: {
        resourceGroupName: 'rg',
        osProfile: { windowsConfiguration: { enableAutomaticUpdates: '1c4a061d-8072-4f0a-a4cb-0ff528b18fe7', patchSettings: { patchMode: 'Manual' } } },
        storageProfile: { imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '04da6b54-80e4-46f7-96ec-b56ff0331ba9' } },
      },
    };
    expect(await violations([vm])).toEqual([]);
  });

  it('the adapter nests what azure-native flattens (scale set extensions, probes)', () => {
    const source = toResourceSource({
      type: 'azure-native:compute/v20230301:VirtualMachineScaleSet',
      name: 'web',
      props: {
        resourceGroupName: 'rg',
        vmScaleSetName: 'web',
        sku: { name: 'Standard_D2s_v5', capacity: 2 },
        virtualMachineProfile: {
          extensionProfile: {
            extensions: [{ name: 'health', publisher: 'Microsoft.ManagedServices', type: 'ApplicationHealthLinux', typeHandlerVersion: '2.0' }],
          },
          networkProfile: { networkInterfaceConfigurations: [{ name: 'nic', primary: true, ipConfigurations: [{ name: 'ip', subnet: { id: '/subnet' } }] }] },
        },
      },
    })!;
    expect(source.type).toBe('Microsoft.Compute/virtualMachineScaleSets');
    expect(source.apiVersion).toBe('2023-03-01');
    expect(source.name).toBe('web');
    expect(source.body).toEqual({
      sku: { name: 'Standard_D2s_v5', capacity: 2 },
      properties: {
        virtualMachineProfile: {
          extensionProfile: {
            extensions: [{ name: 'health', properties: { publisher: 'Microsoft.ManagedServices', type: 'ApplicationHealthLinux', typeHandlerVersion: '2.0' } }],
          },
          networkProfile: {
            networkInterfaceConfigurations: [
              { name: 'nic', properties: { primary: true, ipConfigurations: [{ name: 'ip', properties: { subnet: { id: '/subnet' } } }] } },
            ],
          },
        },
      },
    });
  });

  it('stack policies run the cross-resource rules themselves: a health signal for automatic OS upgrade (OU2), an assignment for a scheduled VM (CF2)', async () => {
    const scaleSet = (healthProbe?: string): PulumiResourceInput => ({
      type: 'azure-native:compute:VirtualMachineScaleSet',
      name: 'web',
      urn: 'urn:pulumi:s::p::azure-native:compute:VirtualMachineScaleSet::web',
      props: {
        resourceGroupName: 'rg',
        vmScaleSetName: 'web',
        orchestrationMode: 'Uniform',
        upgradePolicy: { mode: 'Rolling', automaticOSUpgradePolicy: { enableAutomaticOSUpgrade: true } },
        virtualMachineProfile: {
          networkProfile: healthProbe ? { healthProbe: { id: healthProbe } } : {},
          storageProfile: { imageReference: { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-LTS', version: 'latest' } },
        },
      },
    });
    const healthExtension: PulumiResourceInput = {
      type: 'azure-native:compute:VirtualMachineScaleSetExtension',
      name: 'health',
      props: {
        resourceGroupName: 'rg',
        vmScaleSetName: 'web',
        vmssExtensionName: 'health',
        publisher: 'Microsoft.ManagedServices',
        type: 'ApplicationHealthLinux',
        typeHandlerVersion: '2.0',
        settings: { protocol: 'tcp', port: 80 },
      },
    };
    const stack = async (inputs: PulumiResourceInput[]) => {
      const messages: string[] = [];
      for (const policy of stackPolicies) await policy.validateStack(stackArgs(inputs), (message, urn) => void messages.push(`${message} <${urn ?? ''}>`));
      return messages;
    };
    expect(policies.map((policy) => policy.name).filter((name) => name.startsWith('stack-'))).toEqual([]);
    expect(await stack([scaleSet()])).toEqual([
      '[os-upgrade/health-signal] error: automatic OS image upgrade needs an application health signal: add networkProfile.healthProbe (a load balancer probe) or the Application Health extension [OU2, CF5, CF7] at upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade (web) <urn:pulumi:s::p::azure-native:compute:VirtualMachineScaleSet::web>',
    ]);
    expect(await stack([scaleSet('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb/probes/http')])).toEqual([]);
    expect(await stack([scaleSet(), healthExtension])).toEqual([]);

    const scheduledVm: PulumiResourceInput = {
      type: 'azure-native:compute:VirtualMachine',
      name: 'vm',
      props: {
        resourceGroupName: 'rg',
        vmName: 'vm1',
        osProfile: {
          linuxConfiguration: {
            patchSettings: { patchMode: 'AutomaticByPlatform', automaticByPlatformSettings: { bypassPlatformSafetyChecksOnUserSchedule: true } },
          },
        },
      },
    };
    const assignment: PulumiResourceInput = {
      type: 'azure-native:maintenance:ConfigurationAssignment',
      name: 'a',
      props: {
        resourceGroupName: 'rg',
        providerName: 'Microsoft.Compute',
        resourceType: 'virtualMachines',
        resourceName: 'vm1',
        maintenanceConfigurationId: '/mc',
      },
    };
    expect(await stack([scheduledVm])).toEqual([
      expect.stringMatching(
        /^\[schedules\/bypass-needs-assignment\] warning: bypassPlatformSafetyChecksOnUserSchedule is true \(Customer Managed Schedules\), but no Microsoft\.Maintenance\/configurationAssignments/,
      ),
    ]);
    expect(await stack([scheduledVm, assignment])).toEqual([]);
    expect(lintPulumiResources([scheduledVm, assignment]).filter((finding) => finding.severity === 'error')).toEqual([]);
  });
});
