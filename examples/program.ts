/**
 * A Windows VM with platform patching and hotpatch, a Linux VM on a weekly patch schedule, an
 * auto-upgrading (Uniform) scale set and a hotpatched Flexible scale set. In your project import from `patchwise/pulumi` instead of the relative path.
 */
import * as pulumi from '@pulumi/pulumi';
import { AutoUpgradedExtension, AutoUpgradingScaleSet, PatchedFlexibleScaleSet, PatchedVirtualMachine, PatchSchedule } from '../components/pulumi/index.js';

export interface ExampleSettings {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  subnetId: pulumi.Input<string>;
  windowsNicId: pulumi.Input<string>;
  linuxNicId: pulumi.Input<string>;
  adminPassword: pulumi.Input<string>;
  sshPublicKey: pulumi.Input<string>;
}

export function deploy(settings: ExampleSettings) {
  const windows = new PatchedVirtualMachine('app-win', {
    resourceGroupName: settings.resourceGroupName,
    location: settings.location,
    vmName: 'app-win',
    os: 'Windows',
    image: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition-hotpatch' },
    vmSize: 'Standard_D2s_v5',
    networkInterfaceIds: [settings.windowsNicId],
    adminUsername: 'azureuser',
    adminPassword: settings.adminPassword,
    patching: { mode: 'platform', hotpatch: true, reboot: 'IfRequired' },
  });

  new AutoUpgradedExtension('app-win-monitor', {
    resourceGroupName: settings.resourceGroupName,
    location: settings.location,
    vmName: windows.virtualMachine.name,
    vmExtensionName: 'AzureMonitorWindowsAgent',
    publisher: 'Microsoft.Azure.Monitor',
    type: 'AzureMonitorWindowsAgent',
    typeHandlerVersion: '1.0',
  });

  // Saturdays 22:00-01:00 Amsterdam time, Critical and Security updates, reboot if required.
  const weekly = new PatchSchedule('weekly', {
    resourceGroupName: settings.resourceGroupName,
    location: settings.location,
    resourceName: 'weekly',
    window: { start: '2026-12-12 22:00', duration: '03:00', timeZone: 'W. Europe Standard Time', recurEvery: '1Week Saturday' },
  });

  const linux = new PatchedVirtualMachine('app-linux', {
    resourceGroupName: settings.resourceGroupName,
    location: settings.location,
    vmName: 'app-linux',
    os: 'Linux',
    image: { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2' },
    vmSize: 'Standard_D2s_v5',
    networkInterfaceIds: [settings.linuxNicId],
    adminUsername: 'azureuser',
    linux: { disablePasswordAuthentication: true, sshPublicKeys: [{ path: '/home/azureuser/.ssh/authorized_keys', keyData: settings.sshPublicKey }] },
    patching: { mode: 'platform', reboot: 'IfRequired', schedule: { maintenanceConfigurationId: weekly.maintenanceConfigurationId } },
  });

  const web = new AutoUpgradingScaleSet('web', {
    resourceGroupName: settings.resourceGroupName,
    location: settings.location,
    vmScaleSetName: 'web',
    os: 'Linux',
    image: { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-LTS-Gen2' },
    sku: { name: 'Standard_D2s_v5', capacity: 3 },
    computerNamePrefix: 'web',
    adminUsername: 'azureuser',
    linux: { disablePasswordAuthentication: true, sshPublicKeys: [{ path: '/home/azureuser/.ssh/authorized_keys', keyData: settings.sshPublicKey }] },
    networkInterfaceConfigurations: [{ name: 'nic', primary: true, ipConfigurations: [{ name: 'ip', subnet: { id: settings.subnetId } }] }],
    health: { applicationHealth: { protocol: 'http', port: 80, requestPath: '/health' } },
    extensions: [{ name: 'AzureMonitorLinuxAgent', publisher: 'Microsoft.Azure.Monitor', type: 'AzureMonitorLinuxAgent', typeHandlerVersion: '1.0' }],
  });

  // Hotpatch images need Flexible orchestration (HP3); guest patching there needs the Application Health extension (CF5).
  const api = new PatchedFlexibleScaleSet('api', {
    resourceGroupName: settings.resourceGroupName,
    location: settings.location,
    vmScaleSetName: 'api',
    os: 'Windows',
    image: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition-hotpatch' },
    sku: { name: 'Standard_D2s_v5', capacity: 2 },
    computerNamePrefix: 'api',
    adminUsername: 'azureuser',
    adminPassword: settings.adminPassword,
    networkInterfaceConfigurations: [{ name: 'nic', primary: true, ipConfigurations: [{ name: 'ip', subnet: { id: settings.subnetId } }] }],
    patching: { hotpatch: true, reboot: 'IfRequired' },
    applicationHealth: { protocol: 'https', port: 443, requestPath: '/health' },
  });

  return {
    scheduleId: weekly.maintenanceConfigurationId,
    flexibleScaleSetId: api.scaleSet.id,
    windowsVmId: windows.virtualMachine.id,
    linuxVmId: linux.virtualMachine.id,
    scaleSetId: web.scaleSet.id,
    windowsPatchMode: windows.patchMode,
  };
}
