/** AutoUpgradingScaleSet and the extension components under Pulumi mocks. */
import * as pulumi from '@pulumi/pulumi';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  AutoUpgradedExtension,
  AutoUpgradedScaleSetExtension,
  AutoUpgradingScaleSet,
  PatchwiseConfigError,
  planScaleSet,
  type AutoUpgradingScaleSetArgs,
} from '../../components/pulumi/index.js';
import { deferredFailures, flush, registeredInputs, settle, thrown, useMocks, type MockRecorder } from './helpers/mocks.js';

const UBUNTU = { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-LTS-Gen2' };
const WINDOWS = { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-Datacenter-azure-edition' };
const PROBE = '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb/probes/http';
const NICS = [{ name: 'nic', primary: true, ipConfigurations: [{ name: 'ip', subnet: { id: '/subnets/app' } }] }];

function linuxArgs(extra: Partial<AutoUpgradingScaleSetArgs> = {}): AutoUpgradingScaleSetArgs {
  return {
    resourceGroupName: 'rg',
    location: 'westeurope',
    vmScaleSetName: 'web',
    os: 'Linux',
    image: UBUNTU,
    sku: { name: 'Standard_D2s_v5', capacity: 3 },
    computerNamePrefix: 'web',
    adminUsername: 'azureuser',
    linux: { disablePasswordAuthentication: true, sshPublicKeys: [{ path: '/home/azureuser/.ssh/authorized_keys', keyData: 'ssh-ed25519 AAAA' }] },
    networkInterfaceConfigurations: NICS,
    health: { applicationHealth: { protocol: 'http', port: 80, requestPath: '/health' } },
    ...extra,
  } as AutoUpgradingScaleSetArgs;
}

let mocks: MockRecorder;
beforeEach(async () => {
  mocks = await useMocks();
});

async function createScaleSet(name: string, args: AutoUpgradingScaleSetArgs): Promise<Record<string, unknown>> {
  return registeredInputs(mocks, new AutoUpgradingScaleSet(name, args).scaleSet.id, 'azure-native:compute:VirtualMachineScaleSet', name);
}

describe('AutoUpgradingScaleSet: inputs', () => {
  it('Linux with the Application Health extension and an extra extension', async () => {
    const inputs = await createScaleSet(
      'web-linux',
      linuxArgs({
        extensions: [
          { name: 'ama', publisher: 'Microsoft.Azure.Monitor', type: 'AzureMonitorLinuxAgent', typeHandlerVersion: '1.0' },
          {
            name: 'script',
            publisher: 'Microsoft.Azure.Extensions',
            type: 'CustomScript',
            typeHandlerVersion: '2.1',
            settings: { commandToExecute: 'echo hi' },
          },
        ],
      }),
    );
    expect(inputs).toEqual({
      resourceGroupName: 'rg',
      location: 'westeurope',
      vmScaleSetName: 'web',
      sku: { name: 'Standard_D2s_v5', capacity: 3 },
      orchestrationMode: 'Uniform',
      upgradePolicy: {
        mode: 'Rolling',
        rollingUpgradePolicy: {
          maxBatchInstancePercent: 20,
          maxUnhealthyInstancePercent: 20,
          maxUnhealthyUpgradedInstancePercent: 20,
          pauseTimeBetweenBatches: 'PT0S',
        },
        automaticOSUpgradePolicy: { enableAutomaticOSUpgrade: true, disableAutomaticRollback: false },
      },
      virtualMachineProfile: {
        osProfile: {
          computerNamePrefix: 'web',
          adminUsername: 'azureuser',
          linuxConfiguration: {
            disablePasswordAuthentication: true,
            ssh: { publicKeys: [{ path: '/home/azureuser/.ssh/authorized_keys', keyData: 'ssh-ed25519 AAAA' }] },
            provisionVMAgent: true,
          },
        },
        storageProfile: { imageReference: { ...UBUNTU, version: 'latest' }, osDisk: { createOption: 'FromImage' } },
        networkProfile: { networkInterfaceConfigurations: NICS },
        extensionProfile: {
          extensions: [
            {
              name: 'ApplicationHealth',
              publisher: 'Microsoft.ManagedServices',
              type: 'ApplicationHealthLinux',
              typeHandlerVersion: '2.0',
              autoUpgradeMinorVersion: true,
              enableAutomaticUpgrade: true,
              settings: { protocol: 'http', port: 80, requestPath: '/health' },
            },
            {
              name: 'ama',
              publisher: 'Microsoft.Azure.Monitor',
              type: 'AzureMonitorLinuxAgent',
              typeHandlerVersion: '1.0',
              autoUpgradeMinorVersion: true,
              enableAutomaticUpgrade: true,
            },
            {
              name: 'script',
              publisher: 'Microsoft.Azure.Extensions',
              type: 'CustomScript',
              typeHandlerVersion: '2.1',
              autoUpgradeMinorVersion: true,
              enableAutomaticUpgrade: false,
              settings: { commandToExecute: 'echo hi' },
            },
          ],
        },
      },
    });
  });

  it('Windows with a load balancer probe: enableAutomaticUpdates false, no patch mode, healthProbe set', async () => {
    const inputs = await createScaleSet('web-windows', {
      ...linuxArgs({ health: { loadBalancerProbeId: PROBE }, rollingUpgrade: { maxBatchInstancePercent: 10, pauseTimeBetweenBatches: 'PT1M' } }),
      os: 'Windows',
      image: WINDOWS,
      adminPassword: 'not-a-real-one',
      linux: undefined,
    });
    const profile = inputs.virtualMachineProfile as Record<string, Record<string, unknown>>;
    expect(profile.osProfile.windowsConfiguration).toEqual({ enableAutomaticUpdates: false, provisionVMAgent: true });
    expect(profile.osProfile.linuxConfiguration).toBeUndefined();
    expect(profile.networkProfile).toEqual({ healthProbe: { id: PROBE }, networkInterfaceConfigurations: NICS });
    expect(profile.extensionProfile).toBeUndefined();
    expect((inputs.upgradePolicy as Record<string, unknown>).rollingUpgradePolicy).toEqual({
      maxBatchInstancePercent: 10,
      maxUnhealthyInstancePercent: 20,
      maxUnhealthyUpgradedInstancePercent: 20,
      pauseTimeBetweenBatches: 'PT1M',
    });
  });

  it('Service Fabric: upgrade mode Automatic and no health signal', async () => {
    const inputs = await createScaleSet(
      'sf',
      linuxArgs({
        health: undefined,
        extensions: [{ name: 'sf', publisher: 'Microsoft.Azure.ServiceFabric', type: 'ServiceFabricLinuxNode', typeHandlerVersion: '1.1' }],
      }),
    );
    expect((inputs.upgradePolicy as Record<string, unknown>).mode).toBe('Automatic');
  });
});

describe('AutoUpgradingScaleSet: intents Azure cannot combine', () => {
  const cases: Array<[string, AutoUpgradingScaleSetArgs, string]> = [
    [
      'Flexible orchestration',
      linuxArgs({ orchestrationMode: 'Flexible' }),
      'orchestrationMode (CF4): automatic OS image upgrade is documented for Uniform orchestration only',
    ],
    [
      'a hotpatch image',
      { ...linuxArgs(), os: 'Windows', image: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition-hotpatch' } },
      'image (OU6): automatic OS image upgrade is not supported for image MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition-hotpatch',
    ],
    [
      'Service Fabric with Rolling',
      linuxArgs({
        health: undefined,
        upgradeMode: 'Rolling',
        extensions: [{ name: 'sf', publisher: 'Microsoft.Azure.ServiceFabric', type: 'ServiceFabricLinuxNode', typeHandlerVersion: '1.1' }],
      }),
      'upgradeMode (CF8): Service Fabric scale sets support only upgradePolicy.mode Automatic (effective mode here: Rolling)',
    ],
    [
      'Service Fabric with a health probe',
      linuxArgs({
        health: { loadBalancerProbeId: PROBE },
        extensions: [{ name: 'sf', publisher: 'Microsoft.Azure.ServiceFabric', type: 'ServiceFabricLinuxNode', typeHandlerVersion: '1.1' }],
      }),
      'health (OU3): Service Fabric scale sets do not support application health probes',
    ],
    ['no health signal', linuxArgs({ health: undefined }), 'health (OU2): automatic OS image upgrade needs an application health signal'],
    [
      'a pinned image version',
      linuxArgs({ image: { ...UBUNTU, version: '22.04.202401010' } }),
      'image.version (OU1): automatic OS image upgrade is enabled but the image version is pinned to 22.04.202401010',
    ],
    [
      'a managed image',
      linuxArgs({ image: { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/golden' } }),
      'image (OU6): automatic OS image upgrade does not support managed images',
    ],
    [
      'an unlisted image',
      linuxArgs({ image: { publisher: 'Canonical', offer: 'UbuntuServer', sku: '14.04-LTS' } }),
      'image (OU6): automatic OS image upgrade is not supported for image Canonical:UbuntuServer:14.04-LTS',
    ],
    [
      'tcp health without a port',
      linuxArgs({ health: { applicationHealth: { protocol: 'tcp' } } }),
      'health.applicationHealth.port (CF6): the Application Health extension with protocol tcp needs settings.port',
    ],
    [
      'both health sources',
      linuxArgs({ health: { loadBalancerProbeId: PROBE, applicationHealth: { protocol: 'tcp', port: 80 } } as never }),
      'health (CF5): the scale set has both networkProfile.healthProbe and the Application Health extension',
    ],
    [
      'batch percent out of range',
      linuxArgs({ rollingUpgrade: { maxBatchInstancePercent: 2 } }),
      'rollingUpgrade.maxBatchInstancePercent (CF7): rollingUpgradePolicy.maxBatchInstancePercent is 2: it must be an integer from 5 to 100',
    ],
    [
      'auto upgrade of an unsupported extension',
      linuxArgs({
        extensions: [{ name: 'script', publisher: 'Microsoft.Azure.Extensions', type: 'CustomScript', typeHandlerVersion: '2.1', autoUpgrade: true }],
      }),
      'extensions[0] (EU1): Microsoft.Azure.Extensions.CustomScript is not in the list of extensions that support automatic extension upgrade',
    ],
  ];
  it.each(cases)('%s', (_, args, message) => {
    const error = thrown(() => new AutoUpgradingScaleSet('bad', args));
    expect(error).toBeInstanceOf(PatchwiseConfigError);
    expect(error.message).toContain(`AutoUpgradingScaleSet bad: ${message}`);
  });

  it('a hotpatch image breaks both OU6 and HP3: the rules say both', () => {
    const planned = planScaleSet({
      os: 'Windows',
      image: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition-hotpatch' },
      health: { loadBalancerProbeId: PROBE },
    });
    expect(planned.violations.map((violation) => `${violation.argument} ${violation.requirement} ${violation.ruleId}`)).toEqual([
      'image OU6 os-upgrade/supported-image',
      'image HP3 hotpatch/uniform-scale-set',
    ]);
  });

  it('batches above 20% with automatic OS upgrade are advice (OU10): logged, not refused', () => {
    const planned = planScaleSet({ os: 'Linux', image: UBUNTU, health: { loadBalancerProbeId: PROBE }, rollingUpgrade: { maxBatchInstancePercent: 50 } });
    expect(planned.violations).toEqual([]);
    expect(planned.notes).toEqual([
      expect.stringContaining('rollingUpgrade.maxBatchInstancePercent (OU10): automatic OS image upgrade uses the rolling upgrade policy'),
    ]);
  });

  it('Output arguments are checked in the apply', async () => {
    const messages = await deferredFailures(() => {
      new AutoUpgradingScaleSet('late', linuxArgs({ orchestrationMode: pulumi.output('Flexible') }));
    });
    expect(messages).toEqual([
      expect.stringContaining('AutoUpgradingScaleSet late: orchestrationMode (CF4): automatic OS image upgrade is documented for Uniform orchestration only'),
    ]);
  });
});

describe('AutoUpgradedExtension', () => {
  it('VM extension: automatic upgrade for a supported extension', async () => {
    const extension = new AutoUpgradedExtension('ama', {
      resourceGroupName: 'rg',
      vmName: 'vm1',
      location: 'westeurope',
      publisher: 'Microsoft.Azure.Monitor',
      type: 'AzureMonitorWindowsAgent',
      typeHandlerVersion: '1.0',
    });
    await settle(extension.extension.id);
    await flush();
    expect(mocks.one('azure-native:compute:VirtualMachineExtension', 'ama').inputs).toEqual({
      resourceGroupName: 'rg',
      vmName: 'vm1',
      location: 'westeurope',
      publisher: 'Microsoft.Azure.Monitor',
      type: 'AzureMonitorWindowsAgent',
      typeHandlerVersion: '1.0',
      autoUpgradeMinorVersion: true,
      enableAutomaticUpgrade: true,
    });
  });

  it('scale set extension: autoUpgrade false on an unsupported extension', async () => {
    const extension = new AutoUpgradedScaleSetExtension('script', {
      resourceGroupName: 'rg',
      vmScaleSetName: 'web',
      publisher: 'Microsoft.Azure.Extensions',
      type: 'CustomScript',
      typeHandlerVersion: '2.1',
      autoUpgrade: false,
      settings: { commandToExecute: 'echo hi' },
    });
    await settle(extension.extension.id);
    await flush();
    expect(mocks.one('azure-native:compute:VirtualMachineScaleSetExtension', 'script').inputs).toEqual({
      resourceGroupName: 'rg',
      vmScaleSetName: 'web',
      publisher: 'Microsoft.Azure.Extensions',
      type: 'CustomScript',
      typeHandlerVersion: '2.1',
      autoUpgradeMinorVersion: true,
      enableAutomaticUpgrade: false,
      settings: { commandToExecute: 'echo hi' },
    });
  });

  it.each([
    [
      { publisher: 'Microsoft.Azure.Extensions', type: 'CustomScript' },
      'type (EU1): Microsoft.Azure.Extensions.CustomScript is not in the list of extensions that support automatic extension upgrade',
    ],
    [
      { publisher: 'Microsoft.CPlat.Core', type: 'WindowsPatchExtension' },
      'type (GP13): Microsoft.CPlat.Core.WindowsPatchExtension is installed and updated by the platform',
    ],
    [
      { publisher: 'Microsoft.ManagedServices', type: 'ApplicationHealthLinux', settings: { protocol: 'http' } },
      'settings.requestPath (CF6): the Application Health extension with protocol http needs settings.requestPath',
    ],
  ])('rejects %o', (extension, message) => {
    const error = thrown(() => new AutoUpgradedExtension('bad', { resourceGroupName: 'rg', vmName: 'vm1', typeHandlerVersion: '1.0', ...extension }));
    expect(error.message.startsWith(`AutoUpgradedExtension bad: ${message}`)).toBe(true);
  });
});
