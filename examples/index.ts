/** Pulumi program entry point (`pulumi preview` in this folder). */
import * as pulumi from '@pulumi/pulumi';
import { deploy } from './program.js';

const config = new pulumi.Config();
const resourceGroupName = config.get('resourceGroupName') ?? 'patchwise-example';
const subscription = config.get('subscriptionId') ?? '00000000-0000-0000-0000-000000000000';
const group = `/subscriptions/${subscription}/resourceGroups/${resourceGroupName}`;

export const { windowsVmId, linuxVmId, scaleSetId, windowsPatchMode, scheduleId, flexibleScaleSetId } = deploy({
  resourceGroupName,
  location: config.get('location') ?? 'westeurope',
  subnetId: config.get('subnetId') ?? `${group}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default`,
  windowsNicId: config.get('windowsNicId') ?? `${group}/providers/Microsoft.Network/networkInterfaces/app-win-nic`,
  linuxNicId: config.get('linuxNicId') ?? `${group}/providers/Microsoft.Network/networkInterfaces/app-linux-nic`,
  adminPassword: config.requireSecret('adminPassword'),
  sshPublicKey: config.get('sshPublicKey') ?? 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyReplaceMe',
});
