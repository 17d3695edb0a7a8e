/**
 * One table of cases for every judge of a configuration: each case is an intent written twice, as
 * the arguments of a patchwise component and as the ARM template a user would write for it, with
 * the rule ids that must report it. The components run the lint rules (components/pulumi/judge.ts),
 * so a component and `patchwise lint` on the template must name the same rules.
 */
import type {
  AutoUpgradedExtensionArgs,
  AutoUpgradingScaleSetArgs,
  PatchedFlexibleScaleSetArgs,
  PatchedVirtualMachineArgs,
} from '../../components/pulumi/index.js';

export type ComponentCase =
  | { component: 'PatchedVirtualMachine'; args: PatchedVirtualMachineArgs }
  | { component: 'AutoUpgradingScaleSet'; args: AutoUpgradingScaleSetArgs }
  | { component: 'PatchedFlexibleScaleSet'; args: PatchedFlexibleScaleSetArgs }
  | { component: 'AutoUpgradedExtension'; args: AutoUpgradedExtensionArgs };

export interface SharedCase {
  name: string;
  /** Rule ids of the errors and warnings both must report (sorted); empty for a valid intent. */
  rules: string[];
  component: ComponentCase;
  /** The same intent as the resources of an ARM template. */
  arm: Array<Record<string, unknown>>;
}

const WINDOWS_2019 = { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2019-datacenter' };
const AZURE_EDITION = { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition' };
const HOTPATCH = { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition-hotpatch' };
const UBUNTU = { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2' };
const UBUNTU_14 = { publisher: 'Canonical', offer: 'UbuntuServer', sku: '14.04-LTS' };
const SCHEDULE_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resource-group/providers/Microsoft.Maintenance/maintenanceConfigurations/weekly';
const PROBE_ID = '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb/probes/http';
const API = '2024-11-01';

// ---------------------------------------------------------------------------------------------
// Component arguments

function vmArgs(os: 'Windows' | 'Linux', image: Record<string, string>, patching: PatchedVirtualMachineArgs['patching']): ComponentCase {
  return {
    component: 'PatchedVirtualMachine',
    args: {
      resourceGroupName: 'rg',
      vmName: 'vm1',
      os,
      image,
      vmSize: 'Standard_D2s_v5',
      networkInterfaceIds: ['/nic'],
      adminUsername: 'azureuser',
      adminPassword: 'not-a-real-one',
      patching,
    },
  };
}

function scaleSetArgs(extra: Partial<AutoUpgradingScaleSetArgs>): ComponentCase {
  return {
    component: 'AutoUpgradingScaleSet',
    args: {
      resourceGroupName: 'rg',
      vmScaleSetName: 'web',
      os: 'Linux',
      image: UBUNTU,
      sku: { name: 'Standard_D2s_v5', capacity: 3 },
      computerNamePrefix: 'web',
      adminUsername: 'azureuser',
      networkInterfaceConfigurations: [],
      health: { loadBalancerProbeId: PROBE_ID },
      ...extra,
    } as AutoUpgradingScaleSetArgs,
  };
}

// ---------------------------------------------------------------------------------------------
// ARM resources

function armVm(configuration: Record<string, unknown>, imageReference: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'Microsoft.Compute/virtualMachines',
    apiVersion: API,
    name: 'vm1',
    location: 'westeurope',
    properties: {
      hardwareProfile: { vmSize: 'Standard_D2s_v5' },
      osProfile: { computerName: 'vm1', adminUsername: 'azureuser', ...configuration },
      storageProfile: { imageReference: { version: 'latest', ...imageReference } },
    },
  };
}

function windows(patchSettings: Record<string, unknown>, enableAutomaticUpdates = true): Record<string, unknown> {
  return { windowsConfiguration: { enableAutomaticUpdates, provisionVMAgent: true, patchSettings } };
}

const ASSIGNMENT = {
  type: 'Microsoft.Maintenance/configurationAssignments',
  apiVersion: '2023-04-01',
  name: 'vm1-schedule',
  location: 'westeurope',
  scope: "[resourceId('Microsoft.Compute/virtualMachines', 'vm1')]",
  properties: { maintenanceConfigurationId: SCHEDULE_ID, resourceId: "[resourceId('Microsoft.Compute/virtualMachines', 'vm1')]" },
};

function armScaleSet(properties: Record<string, unknown>, profile: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'Microsoft.Compute/virtualMachineScaleSets',
    apiVersion: API,
    name: 'web',
    location: 'westeurope',
    sku: { name: 'Standard_D2s_v5', capacity: 3 },
    properties: {
      orchestrationMode: 'Uniform',
      upgradePolicy: { mode: 'Rolling', automaticOSUpgradePolicy: { enableAutomaticOSUpgrade: true } },
      ...properties,
      virtualMachineProfile: {
        osProfile: { computerNamePrefix: 'web', adminUsername: 'azureuser', linuxConfiguration: { provisionVMAgent: true } },
        storageProfile: { imageReference: { ...UBUNTU, version: 'latest' } },
        networkProfile: { healthProbe: { id: PROBE_ID } },
        ...profile,
      },
    },
  };
}

const HEALTH_EXTENSION = {
  name: 'health',
  properties: {
    publisher: 'Microsoft.ManagedServices',
    type: 'ApplicationHealthLinux',
    typeHandlerVersion: '2.0',
    autoUpgradeMinorVersion: true,
    settings: { protocol: 'tcp', port: 80 },
  },
};

// ---------------------------------------------------------------------------------------------

export const SHARED_CASES: readonly SharedCase[] = [
  {
    name: 'a valid Windows VM on AutomaticByPlatform',
    rules: [],
    component: vmArgs('Windows', AZURE_EDITION, { mode: 'platform' }),
    arm: [armVm(windows({ patchMode: 'AutomaticByPlatform', assessmentMode: 'AutomaticByPlatform' }), AZURE_EDITION)],
  },
  {
    name: 'Windows VM on AutomaticByPlatform with enableAutomaticUpdates false',
    rules: ['guest-patching/windows-automatic-updates'],
    component: vmArgs('Windows', AZURE_EDITION, { mode: 'platform', enableAutomaticUpdates: false }),
    arm: [armVm(windows({ patchMode: 'AutomaticByPlatform' }, false), AZURE_EDITION)],
  },
  {
    name: 'Windows VM on Manual with enableAutomaticUpdates true',
    rules: ['guest-patching/windows-automatic-updates'],
    component: vmArgs('Windows', WINDOWS_2019, { mode: 'manual', enableAutomaticUpdates: true }),
    arm: [armVm(windows({ patchMode: 'Manual' }, true), WINDOWS_2019)],
  },
  {
    name: 'hotpatch on an image without hotpatch',
    rules: ['hotpatch/supported-image'],
    component: vmArgs('Windows', WINDOWS_2019, { mode: 'platform', hotpatch: true }),
    arm: [armVm(windows({ patchMode: 'AutomaticByPlatform', enableHotpatching: true }), WINDOWS_2019)],
  },
  {
    name: 'hotpatch with AutomaticByOS',
    rules: ['hotpatch/patch-mode'],
    component: vmArgs('Windows', HOTPATCH, { mode: 'os', hotpatch: true }),
    arm: [armVm(windows({ patchMode: 'AutomaticByOS', enableHotpatching: true }), HOTPATCH)],
  },
  {
    name: 'AutomaticByPlatform on an image Azure does not list',
    rules: ['guest-patching/supported-image'],
    component: vmArgs('Linux', UBUNTU_14, { mode: 'platform' }),
    arm: [armVm({ linuxConfiguration: { provisionVMAgent: true, patchSettings: { patchMode: 'AutomaticByPlatform' } } }, UBUNTU_14)],
  },
  {
    name: 'a customer-managed schedule on AutomaticByOS',
    rules: ['schedules/bypass-needs-platform'],
    component: vmArgs('Windows', WINDOWS_2019, { mode: 'os', schedule: { maintenanceConfigurationId: SCHEDULE_ID } }),
    arm: [
      armVm(windows({ patchMode: 'AutomaticByOS', automaticByPlatformSettings: { bypassPlatformSafetyChecksOnUserSchedule: true } }), WINDOWS_2019),
      ASSIGNMENT,
    ],
  },
  {
    name: 'hotpatch with a customer-managed schedule',
    rules: ['schedules/hotpatch-bypass'],
    component: vmArgs('Windows', HOTPATCH, { mode: 'platform', hotpatch: true, schedule: { maintenanceConfigurationId: SCHEDULE_ID } }),
    arm: [
      armVm(
        windows({ patchMode: 'AutomaticByPlatform', enableHotpatching: true, automaticByPlatformSettings: { bypassPlatformSafetyChecksOnUserSchedule: true } }),
        HOTPATCH,
      ),
      ASSIGNMENT,
    ],
  },
  {
    name: 'a valid scale set on automatic OS upgrade with a probe',
    rules: [],
    component: scaleSetArgs({}),
    arm: [armScaleSet({})],
  },
  {
    name: 'scale set on automatic OS upgrade without a health signal',
    rules: ['os-upgrade/health-signal'],
    component: scaleSetArgs({ health: undefined }),
    arm: [armScaleSet({}, { networkProfile: {} })],
  },
  {
    name: 'scale set on automatic OS upgrade with a pinned image version',
    rules: ['os-upgrade/image-version-latest'],
    component: scaleSetArgs({ image: { ...UBUNTU, version: '22.04.202401010' } }),
    arm: [armScaleSet({}, { storageProfile: { imageReference: { ...UBUNTU, version: '22.04.202401010' } } })],
  },
  {
    name: 'scale set on automatic OS upgrade from a managed image',
    rules: ['os-upgrade/supported-image'],
    component: scaleSetArgs({ image: { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/golden' } }),
    arm: [armScaleSet({}, { storageProfile: { imageReference: { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/golden' } } })],
  },
  {
    name: 'Service Fabric scale set with upgrade mode Rolling',
    rules: ['orchestration/service-fabric'],
    component: scaleSetArgs({
      health: undefined,
      upgradeMode: 'Rolling',
      extensions: [{ name: 'sf', publisher: 'Microsoft.Azure.ServiceFabric', type: 'ServiceFabricLinuxNode', typeHandlerVersion: '1.1', autoUpgrade: false }],
    }),
    arm: [
      armScaleSet(
        {},
        {
          networkProfile: {},
          extensionProfile: {
            extensions: [
              {
                name: 'sf',
                properties: {
                  publisher: 'Microsoft.Azure.ServiceFabric',
                  type: 'ServiceFabricLinuxNode',
                  typeHandlerVersion: '1.1',
                  autoUpgradeMinorVersion: true,
                },
              },
            ],
          },
        },
      ),
    ],
  },
  {
    name: 'rolling upgrade batches below 5%',
    rules: ['rolling-upgrade/policy-ranges'],
    component: scaleSetArgs({ rollingUpgrade: { maxBatchInstancePercent: 2 } }),
    arm: [
      armScaleSet({
        upgradePolicy: { mode: 'Rolling', rollingUpgradePolicy: { maxBatchInstancePercent: 2 }, automaticOSUpgradePolicy: { enableAutomaticOSUpgrade: true } },
      }),
    ],
  },
  {
    name: 'Flexible scale set with guest patching and no Application Health extension',
    rules: ['os-upgrade/health-signal'],
    component: {
      component: 'PatchedFlexibleScaleSet',
      args: {
        resourceGroupName: 'rg',
        vmScaleSetName: 'api',
        os: 'Linux',
        image: UBUNTU,
        sku: { name: 'Standard_D2s_v5', capacity: 2 },
        computerNamePrefix: 'api',
        adminUsername: 'azureuser',
        networkInterfaceConfigurations: [],
        applicationHealth: undefined as never,
      },
    },
    arm: [
      armScaleSet(
        { orchestrationMode: 'Flexible', platformFaultDomainCount: 1, upgradePolicy: { mode: 'Manual' } },
        {
          osProfile: {
            computerNamePrefix: 'api',
            adminUsername: 'azureuser',
            linuxConfiguration: { provisionVMAgent: true, patchSettings: { patchMode: 'AutomaticByPlatform' } },
          },
          networkProfile: { networkApiVersion: '2020-11-01' },
        },
      ),
    ],
  },
  {
    name: 'a valid Flexible scale set with guest patching and the Application Health extension',
    rules: [],
    component: {
      component: 'PatchedFlexibleScaleSet',
      args: {
        resourceGroupName: 'rg',
        vmScaleSetName: 'api',
        os: 'Linux',
        image: UBUNTU,
        sku: { name: 'Standard_D2s_v5', capacity: 2 },
        computerNamePrefix: 'api',
        adminUsername: 'azureuser',
        networkInterfaceConfigurations: [],
        applicationHealth: { protocol: 'tcp', port: 80 },
      },
    },
    arm: [
      armScaleSet(
        { orchestrationMode: 'Flexible', platformFaultDomainCount: 1, upgradePolicy: { mode: 'Manual' } },
        {
          osProfile: {
            computerNamePrefix: 'api',
            adminUsername: 'azureuser',
            linuxConfiguration: { provisionVMAgent: true, patchSettings: { patchMode: 'AutomaticByPlatform' } },
          },
          networkProfile: { networkApiVersion: '2020-11-01' },
          extensionProfile: { extensions: [HEALTH_EXTENSION] },
        },
      ),
    ],
  },
  {
    name: 'automatic upgrade of an extension that does not support it',
    rules: ['extensions/automatic-upgrade-supported'],
    component: {
      component: 'AutoUpgradedExtension',
      args: {
        resourceGroupName: 'rg',
        vmName: 'vm1',
        publisher: 'Microsoft.Azure.Extensions',
        type: 'CustomScript',
        typeHandlerVersion: '2.1',
        autoUpgrade: true,
      },
    },
    arm: [
      {
        type: 'Microsoft.Compute/virtualMachines/extensions',
        apiVersion: API,
        name: 'vm1/script',
        location: 'westeurope',
        properties: {
          publisher: 'Microsoft.Azure.Extensions',
          type: 'CustomScript',
          typeHandlerVersion: '2.1',
          autoUpgradeMinorVersion: true,
          enableAutomaticUpgrade: true,
        },
      },
    ],
  },
];
