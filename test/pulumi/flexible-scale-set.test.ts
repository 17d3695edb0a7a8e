/** PatchedFlexibleScaleSet under Pulumi mocks: the exact scale set inputs per intent, the misuse errors, and zero lint findings. */
import * as pulumi from '@pulumi/pulumi';
import { beforeEach, describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { lintPulumiResources } from '../../components/policy/index.js';
import { PatchedFlexibleScaleSet, PatchwiseConfigError, type PatchedFlexibleScaleSetArgs } from '../../components/pulumi/index.js';
import { TODAY } from '../helpers/lint-fixture.js';
import { deferredFailures, flush, registeredInputs, thrown, useMocks, type MockRecorder } from './helpers/mocks.js';

const HOTPATCH = { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition-hotpatch' };
const WINDOWS_2019 = { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2019-datacenter' };
const UBUNTU = { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2' };
const NICS = [{ name: 'nic', primary: true, ipConfigurations: [{ name: 'ip', subnet: { id: '/subnets/app' } }] }];
const SCALE_SET = 'azure-native:compute:VirtualMachineScaleSet';

function windowsArgs(extra: Partial<PatchedFlexibleScaleSetArgs> = {}): PatchedFlexibleScaleSetArgs {
  return {
    resourceGroupName: 'rg',
    location: 'westeurope',
    vmScaleSetName: 'api',
    os: 'Windows',
    image: HOTPATCH,
    sku: { name: 'Standard_D2s_v5', capacity: 2 },
    computerNamePrefix: 'api',
    adminUsername: 'azureuser',
    adminPassword: 'not-a-real-one',
    networkInterfaceConfigurations: NICS,
    patching: { hotpatch: true },
    applicationHealth: { protocol: 'https', port: 443, requestPath: '/health' },
    ...extra,
  };
}

function linuxArgs(extra: Partial<PatchedFlexibleScaleSetArgs> = {}): PatchedFlexibleScaleSetArgs {
  return {
    ...windowsArgs({ os: 'Linux', image: UBUNTU, adminPassword: undefined, patching: undefined, applicationHealth: { protocol: 'tcp', port: 8080 } }),
    linux: { disablePasswordAuthentication: true, sshPublicKeys: [{ path: '/home/azureuser/.ssh/authorized_keys', keyData: 'ssh-ed25519 AAAA' }] },
    ...extra,
  };
}

let mocks: MockRecorder;
beforeEach(async () => {
  mocks = await useMocks();
});

async function create(name: string, args: PatchedFlexibleScaleSetArgs): Promise<Record<string, unknown>> {
  return registeredInputs(mocks, new PatchedFlexibleScaleSet(name, args).scaleSet.id, SCALE_SET, name);
}

describe('PatchedFlexibleScaleSet: inputs per intent', () => {
  it('Windows hotpatch image with hotpatch: Flexible, AutomaticByPlatform, enableHotpatching, Application Health extension', async () => {
    const inputs = await create('api', windowsArgs({ patching: { hotpatch: true, reboot: 'IfRequired' } }));
    expect(inputs).toEqual({
      resourceGroupName: 'rg',
      location: 'westeurope',
      vmScaleSetName: 'api',
      sku: { name: 'Standard_D2s_v5', capacity: 2 },
      orchestrationMode: 'Flexible',
      platformFaultDomainCount: 1,
      upgradePolicy: { mode: 'Manual' },
      virtualMachineProfile: {
        osProfile: {
          computerNamePrefix: 'api',
          adminUsername: 'azureuser',
          adminPassword: 'not-a-real-one',
          windowsConfiguration: {
            enableAutomaticUpdates: true,
            provisionVMAgent: true,
            patchSettings: {
              patchMode: 'AutomaticByPlatform',
              assessmentMode: 'AutomaticByPlatform',
              enableHotpatching: true,
              automaticByPlatformSettings: { rebootSetting: 'IfRequired', bypassPlatformSafetyChecksOnUserSchedule: false },
            },
          },
        },
        storageProfile: { imageReference: { ...HOTPATCH, version: 'latest' }, osDisk: { createOption: 'FromImage' } },
        networkProfile: { networkApiVersion: '2020-11-01', networkInterfaceConfigurations: NICS },
        extensionProfile: {
          extensions: [
            {
              name: 'ApplicationHealth',
              publisher: 'Microsoft.ManagedServices',
              type: 'ApplicationHealthWindows',
              typeHandlerVersion: '2.0',
              autoUpgradeMinorVersion: true,
              enableAutomaticUpgrade: true,
              settings: { protocol: 'https', port: 443, requestPath: '/health' },
            },
          ],
        },
      },
    });
  });

  it('Windows without hotpatch: enableHotpatching false is written', async () => {
    const inputs = await create(
      'api-nohot',
      windowsArgs({ image: { ...HOTPATCH, sku: '2022-datacenter-azure-edition' }, patching: { assessment: 'image-default' } }),
    );
    const profile = inputs.virtualMachineProfile as Record<string, Record<string, unknown>>;
    expect(profile.osProfile.windowsConfiguration).toEqual({
      enableAutomaticUpdates: true,
      provisionVMAgent: true,
      patchSettings: {
        patchMode: 'AutomaticByPlatform',
        assessmentMode: 'ImageDefault',
        enableHotpatching: false,
        automaticByPlatformSettings: { bypassPlatformSafetyChecksOnUserSchedule: false },
      },
    });
  });

  it('Linux with an extra extension, a pinned version and fault domains', async () => {
    const inputs = await create(
      'workers',
      linuxArgs({
        image: { ...UBUNTU, version: '22.04.202401010' },
        platformFaultDomainCount: 3,
        extensions: [{ name: 'ama', publisher: 'Microsoft.Azure.Monitor', type: 'AzureMonitorLinuxAgent', typeHandlerVersion: '1.0' }],
      }),
    );
    expect(inputs.platformFaultDomainCount).toBe(3);
    const profile = inputs.virtualMachineProfile as Record<string, Record<string, unknown>>;
    expect(profile.osProfile).toEqual({
      computerNamePrefix: 'api',
      adminUsername: 'azureuser',
      linuxConfiguration: {
        disablePasswordAuthentication: true,
        ssh: { publicKeys: [{ path: '/home/azureuser/.ssh/authorized_keys', keyData: 'ssh-ed25519 AAAA' }] },
        provisionVMAgent: true,
        patchSettings: {
          patchMode: 'AutomaticByPlatform',
          assessmentMode: 'AutomaticByPlatform',
          automaticByPlatformSettings: { bypassPlatformSafetyChecksOnUserSchedule: false },
        },
      },
    });
    expect(profile.storageProfile.imageReference).toEqual({ ...UBUNTU, version: '22.04.202401010' });
    expect(profile.extensionProfile).toEqual({
      extensions: [
        {
          name: 'ApplicationHealth',
          publisher: 'Microsoft.ManagedServices',
          type: 'ApplicationHealthLinux',
          typeHandlerVersion: '2.0',
          autoUpgradeMinorVersion: true,
          enableAutomaticUpgrade: true,
          settings: { protocol: 'tcp', port: 8080 },
        },
        {
          name: 'ama',
          publisher: 'Microsoft.Azure.Monitor',
          type: 'AzureMonitorLinuxAgent',
          typeHandlerVersion: '1.0',
          autoUpgradeMinorVersion: true,
          enableAutomaticUpgrade: true,
        },
      ],
    });
  });

  it('the rule engine finds nothing in what it creates', async () => {
    await create('api-lint', windowsArgs());
    await create('workers-lint', linuxArgs());
    const findings = lintPulumiResources(
      mocks.resources.map((resource) => ({ type: resource.type, name: resource.name, props: resource.inputs })),
      { rules: ALL_RULES, today: TODAY },
    );
    expect(findings).toEqual([]);
  });
});

describe('PatchedFlexibleScaleSet: misuse fails at construction', () => {
  const cases: Array<[string, PatchedFlexibleScaleSetArgs, string]> = [
    [
      'no Application Health',
      windowsArgs({ applicationHealth: undefined as never }),
      'applicationHealth (CF5): a Flexible scale set with automatic VM guest patching (patchMode AutomaticByPlatform) needs the Application Health extension',
    ],
    [
      'hotpatch on an image without hotpatch',
      windowsArgs({ image: WINDOWS_2019 }),
      'patching.hotpatch (HP1): enableHotpatching is true, but image MicrosoftWindowsServer:WindowsServer:2019-datacenter does not support hotpatch',
    ],
    ['hotpatch on Linux', linuxArgs({ patching: { hotpatch: true } }), 'patching.hotpatch (HP1): hotpatch is for Windows Server Azure Edition images only'],
    [
      'an image without platform patching',
      linuxArgs({ image: { publisher: 'Canonical', offer: 'UbuntuServer', sku: '14.04-LTS' } }),
      'image (GP7): patchMode AutomaticByPlatform is not supported for image Canonical:UbuntuServer:14.04-LTS',
    ],
    [
      'a managed image',
      linuxArgs({ image: { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/golden' } }),
      'image (GP7): patchMode AutomaticByPlatform is not supported for custom images (managed image)',
    ],
    [
      'http health without a path',
      windowsArgs({ applicationHealth: { protocol: 'http', port: 80 } }),
      'applicationHealth.requestPath (CF6): the Application Health extension with protocol http needs settings.requestPath',
    ],
    [
      'the health extension declared again',
      linuxArgs({ extensions: [{ name: 'health', publisher: 'Microsoft.ManagedServices', type: 'ApplicationHealthLinux', typeHandlerVersion: '2.0' }] }),
      'extensions[0] (CF5): declare the Application Health extension through applicationHealth',
    ],
    [
      'a platform patch extension',
      linuxArgs({ extensions: [{ name: 'patch', publisher: 'Microsoft.CPlat.Core', type: 'LinuxPatchExtension', typeHandlerVersion: '1.0' }] }),
      'extensions[0] (GP13): Microsoft.CPlat.Core.LinuxPatchExtension is installed and updated by the platform',
    ],
    [
      'auto upgrade of an unsupported extension',
      linuxArgs({
        extensions: [{ name: 'script', publisher: 'Microsoft.Azure.Extensions', type: 'CustomScript', typeHandlerVersion: '2.1', autoUpgrade: true }],
      }),
      'extensions[0] (EU1): Microsoft.Azure.Extensions.CustomScript is not in the list of extensions that support automatic extension upgrade',
    ],
    [
      'an invalid reboot setting',
      linuxArgs({ patching: { reboot: 'Sometimes' as never } }),
      "patching.reboot (CF13): rebootSetting 'Sometimes' is not valid: use IfRequired, Never or Always",
    ],
  ];
  it.each(cases)('%s', (_, args, message) => {
    const error = thrown(() => new PatchedFlexibleScaleSet('bad', args));
    expect(error).toBeInstanceOf(PatchwiseConfigError);
    expect(error.message).toContain(`PatchedFlexibleScaleSet bad: ${message}`);
  });

  it('Output arguments are checked in the apply, and the scale set is not registered', async () => {
    const messages = await deferredFailures(() => {
      new PatchedFlexibleScaleSet('late', windowsArgs({ image: pulumi.output(WINDOWS_2019) }));
    });
    expect(messages).toEqual([
      expect.stringContaining(
        'PatchedFlexibleScaleSet late: patching.hotpatch (HP1): enableHotpatching is true, but image MicrosoftWindowsServer:WindowsServer:2019-datacenter does not support hotpatch',
      ),
    ]);
    await flush();
    expect(mocks.byType(SCALE_SET)).toEqual([]);
  });
});
