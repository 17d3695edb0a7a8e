/** PatchedVirtualMachine under Pulumi mocks: the exact inputs of each child for every intent, and the errors for misuse. */
import * as pulumi from '@pulumi/pulumi';
import { beforeEach, describe, expect, it } from 'vitest';
import { PatchedVirtualMachine, PatchwiseConfigError, type PatchedVirtualMachineArgs } from '../../components/pulumi/index.js';
import { deferredFailures, flush, settle, useMocks, type MockRecorder } from './helpers/mocks.js';

const HOTPATCH_IMAGE = { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition-hotpatch' };
const WINDOWS_2019 = { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2019-datacenter' };
const UBUNTU = { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2' };
const SCHEDULE_ID = '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Maintenance/maintenanceConfigurations/weekly';

function windows(patching: PatchedVirtualMachineArgs['patching'], image: PatchedVirtualMachineArgs['image'] = HOTPATCH_IMAGE): PatchedVirtualMachineArgs {
  return {
    resourceGroupName: 'rg',
    location: 'westeurope',
    vmName: 'win1',
    os: 'Windows',
    image,
    vmSize: 'Standard_D2s_v5',
    networkInterfaceIds: ['/nic/win1'],
    adminUsername: 'azureuser',
    adminPassword: pulumi.secret('P@ssw0rd-not-real'),
    patching,
  };
}

function linux(patching: PatchedVirtualMachineArgs['patching'], image: PatchedVirtualMachineArgs['image'] = UBUNTU): PatchedVirtualMachineArgs {
  return {
    resourceGroupName: 'rg',
    location: 'westeurope',
    vmName: 'lin1',
    os: 'Linux',
    image,
    vmSize: 'Standard_D2s_v5',
    networkInterfaceIds: ['/nic/lin1'],
    adminUsername: 'azureuser',
    linux: { disablePasswordAuthentication: true, sshPublicKeys: [{ path: '/home/azureuser/.ssh/authorized_keys', keyData: 'ssh-ed25519 AAAA' }] },
    patching,
  };
}

async function create(name: string, args: PatchedVirtualMachineArgs, mocks: MockRecorder): Promise<Record<string, unknown>> {
  const vm = new PatchedVirtualMachine(name, args);
  await settle(vm.virtualMachine.id);
  if (vm.configurationAssignment) await settle(vm.configurationAssignment.id);
  await flush();
  return mocks.one('azure-native:compute:VirtualMachine', name).inputs;
}

let mocks: MockRecorder;
beforeEach(async () => {
  mocks = await useMocks();
});

describe('PatchedVirtualMachine: inputs per intent', () => {
  it('Windows, platform patching with hotpatch', async () => {
    const inputs = await create('win-hotpatch', windows({ mode: 'platform', hotpatch: true, reboot: 'IfRequired' }), mocks);
    expect(inputs).toEqual({
      resourceGroupName: 'rg',
      location: 'westeurope',
      vmName: 'win1',
      hardwareProfile: { vmSize: 'Standard_D2s_v5' },
      osProfile: {
        computerName: 'win1',
        adminUsername: 'azureuser',
        adminPassword: 'P@ssw0rd-not-real',
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
      storageProfile: { imageReference: { ...HOTPATCH_IMAGE, version: 'latest' }, osDisk: { createOption: 'FromImage' } },
      networkProfile: { networkInterfaces: [{ id: '/nic/win1', primary: true }] },
    });
    expect(mocks.byType('azure-native:maintenance:ConfigurationAssignment')).toEqual([]);
    const component = mocks.one('patchwise:azure:PatchedVirtualMachine', 'win-hotpatch');
    expect(component.inputs).toEqual({});
  });

  it('Windows, AutomaticByOS', async () => {
    const inputs = await create('win-os', windows({ mode: 'os', assessment: 'image-default' }, WINDOWS_2019), mocks);
    expect((inputs.osProfile as Record<string, unknown>).windowsConfiguration).toEqual({
      enableAutomaticUpdates: true,
      provisionVMAgent: true,
      patchSettings: { patchMode: 'AutomaticByOS', assessmentMode: 'ImageDefault', enableHotpatching: false },
    });
  });

  it('Windows, Manual', async () => {
    const inputs = await create('win-manual', windows({ mode: 'manual' }, WINDOWS_2019), mocks);
    expect((inputs.osProfile as Record<string, unknown>).windowsConfiguration).toEqual({
      enableAutomaticUpdates: false,
      provisionVMAgent: true,
      patchSettings: { patchMode: 'Manual', assessmentMode: 'AutomaticByPlatform', enableHotpatching: false },
    });
  });

  it('Linux, platform patching on a schedule: bypass flag and the maintenance configuration assignment', async () => {
    const inputs = await create('lin-scheduled', linux({ mode: 'platform', reboot: 'Always', schedule: { maintenanceConfigurationId: SCHEDULE_ID } }), mocks);
    expect(inputs.osProfile).toEqual({
      computerName: 'lin1',
      adminUsername: 'azureuser',
      linuxConfiguration: {
        disablePasswordAuthentication: true,
        ssh: { publicKeys: [{ path: '/home/azureuser/.ssh/authorized_keys', keyData: 'ssh-ed25519 AAAA' }] },
        provisionVMAgent: true,
        patchSettings: {
          patchMode: 'AutomaticByPlatform',
          assessmentMode: 'AutomaticByPlatform',
          automaticByPlatformSettings: { rebootSetting: 'Always', bypassPlatformSafetyChecksOnUserSchedule: true },
        },
      },
    });
    expect(mocks.one('azure-native:maintenance:ConfigurationAssignment', 'lin-scheduled-schedule').inputs).toEqual({
      resourceGroupName: 'rg',
      location: 'westeurope',
      providerName: 'Microsoft.Compute',
      resourceType: 'virtualMachines',
      resourceName: 'lin1',
      configurationAssignmentName: 'lin1-schedule',
      maintenanceConfigurationId: SCHEDULE_ID,
      resourceId: '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/lin1',
    });
  });

  it('Linux, ImageDefault', async () => {
    const inputs = await create('lin-default', linux({ mode: 'image-default' }), mocks);
    expect(((inputs.osProfile as Record<string, unknown>).linuxConfiguration as Record<string, unknown>).patchSettings).toEqual({
      patchMode: 'ImageDefault',
      assessmentMode: 'AutomaticByPlatform',
    });
  });

  it('children are parented to the component', async () => {
    const vm = new PatchedVirtualMachine('win-parent', windows({ mode: 'platform' }));
    const [parentUrn, componentUrn] = await Promise.all([
      settle((vm.virtualMachine as unknown as { __parentResource: pulumi.Resource }).__parentResource.urn),
      settle(vm.urn),
    ]);
    expect(parentUrn).toBe(componentUrn);
    expect(componentUrn).toContain('patchwise:azure:PatchedVirtualMachine');
  });
});

describe('PatchedVirtualMachine: misuse fails at construction', () => {
  const cases: Array<[string, PatchedVirtualMachineArgs, string]> = [
    [
      'hotpatch on an unsupported image',
      windows({ mode: 'platform', hotpatch: true }, WINDOWS_2019),
      'patching.hotpatch (HP1): enableHotpatching is true, but image MicrosoftWindowsServer:WindowsServer:2019-datacenter does not support hotpatch: use one of the Windows Server Azure Edition skus',
    ],
    ['Manual on Linux', linux({ mode: 'manual' }), "patching.mode (GP1): 'manual' (Manual) is a Windows patch mode: on Linux use 'platform'"],
    ['ImageDefault on Windows', windows({ mode: 'image-default' }), "patching.mode (GP1): 'image-default' (ImageDefault) is a Linux patch mode"],
    [
      'hotpatch without platform mode',
      windows({ mode: 'os', hotpatch: true }),
      "patching.hotpatch (HP2): enableHotpatching is true, but patchMode is 'AutomaticByOS': hotpatch requires patchMode AutomaticByPlatform",
    ],
    [
      'hotpatch with a schedule',
      windows({ mode: 'platform', hotpatch: true, schedule: { maintenanceConfigurationId: SCHEDULE_ID } }),
      'patching.hotpatch (CF3): enableHotpatching is true and bypassPlatformSafetyChecksOnUserSchedule is true: Azure rejects this',
    ],
    [
      'schedule without platform mode',
      windows({ mode: 'os', schedule: { maintenanceConfigurationId: SCHEDULE_ID } }, WINDOWS_2019),
      "patching.schedule (CF2): bypassPlatformSafetyChecksOnUserSchedule is true, but patchMode is 'AutomaticByOS': Customer Managed Schedules need patchMode AutomaticByPlatform",
    ],
    [
      'platform on an unlisted image',
      linux({ mode: 'platform' }, { publisher: 'Canonical', offer: 'UbuntuServer', sku: '14.04-LTS' }),
      'image (GP7): patchMode AutomaticByPlatform is not supported for image Canonical:UbuntuServer:14.04-LTS',
    ],
    [
      'platform on a managed image',
      linux({ mode: 'platform' }, { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/golden' }),
      'image (GP7): patchMode AutomaticByPlatform is not supported for custom images (managed image)',
    ],
    [
      'enableAutomaticUpdates false with platform',
      windows({ mode: 'platform', enableAutomaticUpdates: false }),
      'patching.enableAutomaticUpdates (GP2): patchMode AutomaticByPlatform requires enableAutomaticUpdates true',
    ],
    [
      'enableAutomaticUpdates true with Manual',
      windows({ mode: 'manual', enableAutomaticUpdates: true }, WINDOWS_2019),
      'patching.enableAutomaticUpdates (GP4): patchMode Manual requires enableAutomaticUpdates false',
    ],
    [
      'reboot without platform mode',
      windows({ mode: 'os', reboot: 'Never' }, WINDOWS_2019),
      "patching.reboot (CF13): the reboot setting applies to patching.mode 'platform'",
    ],
  ];
  it.each(cases)('%s', (_, args, message) => {
    let error: unknown;
    try {
      new PatchedVirtualMachine('bad', args);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PatchwiseConfigError);
    expect((error as Error).message).toContain(`PatchedVirtualMachine bad: ${message}`);
  });

  it('the escape hatch creates the VM as asked and logs a warning', async () => {
    const inputs = await create('win-moved', { ...windows({ mode: 'platform', enableAutomaticUpdates: false }), unsafeAllowInvalid: ['GP2'] }, mocks);
    expect(((inputs.osProfile as Record<string, unknown>).windowsConfiguration as Record<string, unknown>).enableAutomaticUpdates).toBe(false);
    const warnings = mocks.logs.filter((log) => log.severity === 'warn').map((log) => log.message);
    expect(warnings).toEqual([expect.stringContaining('PatchedVirtualMachine win-moved: patching.enableAutomaticUpdates (GP2)')]);
    expect(warnings[0]).toContain('allowed by unsafeAllowInvalid');
  });
});

describe('PatchedVirtualMachine: arguments known after deployment', () => {
  it('fail in the apply with the same message, and the VM is not registered', async () => {
    const messages = await deferredFailures(() => {
      new PatchedVirtualMachine('win-late', windows({ mode: 'platform', hotpatch: true }, pulumi.output(WINDOWS_2019)));
    });
    expect(messages).toEqual([
      expect.stringContaining(
        'PatchedVirtualMachine win-late: patching.hotpatch (HP1): enableHotpatching is true, but image MicrosoftWindowsServer:WindowsServer:2019-datacenter does not support hotpatch',
      ),
    ]);
    await flush();
    expect(mocks.byType('azure-native:compute:VirtualMachine')).toEqual([]);
  });

  it('valid Outputs resolve to the same inputs as plain values', async () => {
    const inputs = await create(
      'win-output',
      { ...windows({ mode: pulumi.output('manual' as const) }, pulumi.output(WINDOWS_2019)), os: pulumi.output('Windows' as const) },
      mocks,
    );
    expect((inputs.osProfile as Record<string, unknown>).windowsConfiguration).toEqual({
      enableAutomaticUpdates: false,
      provisionVMAgent: true,
      patchSettings: { patchMode: 'Manual', assessmentMode: 'AutomaticByPlatform', enableHotpatching: false },
    });
  });
});
