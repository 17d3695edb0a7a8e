/** The azure-native args both scale set components write the same way: identity, instances, login, image and OS disk. */
import * as pulumi from '@pulumi/pulumi';
import type * as inputs from '@pulumi/azure-native/types/input.js';
import type { ImageReference } from './image.js';
import type { ScaleSetBaseArgs } from './scale-set.js';
import type { LinuxSettingsArgs } from './virtual-machine.js';

/** What a scale set planner decides that the shared args need. */
export interface PlannedScaleSetModel {
  orchestrationMode: string;
  imageReference: ImageReference;
  osConfigurationKey: 'windowsConfiguration' | 'linuxConfiguration';
  osConfiguration: object;
}

/** `windowsConfiguration` or `linuxConfiguration` (undefined for the other key): the planned patch settings plus the user's Linux login settings. */
export function osConfigurationInput<P extends { osConfigurationKey: string; osConfiguration: object }>(
  plan: pulumi.Output<P>,
  linuxArgs: pulumi.Input<LinuxSettingsArgs> | undefined,
  key: 'windowsConfiguration' | 'linuxConfiguration',
): pulumi.Output<Record<string, unknown> | undefined> {
  return pulumi.all([plan, pulumi.output(linuxArgs ?? {})]).apply(([planned, linux]) => {
    if (planned.osConfigurationKey !== key) return undefined;
    const login =
      key === 'linuxConfiguration'
        ? Object.fromEntries(
            Object.entries({
              disablePasswordAuthentication: linux.disablePasswordAuthentication,
              ssh: linux.sshPublicKeys ? { publicKeys: linux.sshPublicKeys } : undefined,
            }).filter(([, value]) => value !== undefined),
          )
        : {};
    return { ...login, ...planned.osConfiguration };
  });
}

/**
 * The args both components pass to `compute.VirtualMachineScaleSet`, with the model's `osProfile`
 * and `storageProfile`; each component adds its upgrade policy, network and extension profiles.
 */
export function scaleSetModelArgs(args: ScaleSetBaseArgs, plan: pulumi.Output<PlannedScaleSetModel>) {
  const osConfiguration = (key: 'windowsConfiguration' | 'linuxConfiguration') => osConfigurationInput(plan, args.linux, key);
  return {
    resourceGroupName: args.resourceGroupName,
    location: args.location,
    vmScaleSetName: args.vmScaleSetName,
    sku: args.sku,
    orchestrationMode: plan.apply((planned) => planned.orchestrationMode),
    zones: args.zones,
    tags: args.tags,
    osProfile: {
      computerNamePrefix: args.computerNamePrefix,
      adminUsername: args.adminUsername,
      adminPassword: args.adminPassword,
      windowsConfiguration: osConfiguration('windowsConfiguration') as pulumi.Input<inputs.compute.WindowsConfigurationArgs>,
      linuxConfiguration: osConfiguration('linuxConfiguration') as pulumi.Input<inputs.compute.LinuxConfigurationArgs>,
    },
    storageProfile: {
      imageReference: plan.apply((planned) => planned.imageReference),
      osDisk: pulumi.output(args.osDisk ?? {}).apply((disk) => ({ ...disk, createOption: 'FromImage' })),
    },
  };
}
