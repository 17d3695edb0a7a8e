/** PatchedFlexibleScaleSet: a Flexible scale set whose instances are guest-patched by the platform, optionally with hotpatch. */
import * as pulumi from '@pulumi/pulumi';
import * as compute from '@pulumi/azure-native/compute/index.js';
import type { ApplicationHealthSettings } from './extension-plan.js';
import { FLEXIBLE_UPGRADE_POLICY, planFlexibleScaleSet, type FlexiblePatching, type ResolvedFlexibleScaleSetIntent } from './flexible-scale-set-plan.js';
import type { ImageReference } from './image.js';
import type { ScaleSetBaseArgs } from './scale-set.js';
import { scaleSetModelArgs } from './scale-set-model.js';
import { planNowOrLater } from './validate.js';

/** networkProfile.networkApiVersion Flexible scale sets need to create their instances' network interfaces. */
export const FLEXIBLE_NETWORK_API_VERSION = '2020-11-01';

export interface PatchedFlexibleScaleSetArgs extends ScaleSetBaseArgs {
  /**
   * A platform image that supports AutomaticByPlatform (GP7); version `latest` unless given. For
   * hotpatch, a Windows Server Azure Edition image of the hotpatch catalog (HP1), e.g.
   * `2022-datacenter-azure-edition-hotpatch`: those images need Flexible orchestration (HP3).
   */
  image: pulumi.Input<ImageReference>;
  /** Fault domains the instances spread over (default 1: spread by the platform). */
  platformFaultDomainCount?: pulumi.Input<number>;
  /** Guest patching of the instances, always AutomaticByPlatform: assessment, reboot, hotpatch (default off). */
  patching?: pulumi.Input<FlexiblePatching>;
  /** Settings of the Application Health extension the component adds (required, CF5; checked per CF6). */
  applicationHealth: pulumi.Input<ApplicationHealthSettings>;
}

/**
 * A Flexible scale set (upgradePolicy `Manual`: the OS is kept current by guest patching, not by
 * image upgrades) with patchMode AutomaticByPlatform and the Application Health extension.
 */
export class PatchedFlexibleScaleSet extends pulumi.ComponentResource {
  static readonly typeToken = 'patchwise:azure:PatchedFlexibleScaleSet';
  /** The underlying azure-native scale set. */
  readonly scaleSet: compute.VirtualMachineScaleSet;

  constructor(name: string, args: PatchedFlexibleScaleSetArgs, opts?: pulumi.ComponentResourceOptions) {
    super(PatchedFlexibleScaleSet.typeToken, name, {}, opts);
    const intent = {
      os: args.os,
      image: args.image,
      patching: args.patching,
      applicationHealth: args.applicationHealth,
      extensions: args.extensions,
      automaticExtensionUpgrade: args.automaticExtensionUpgrade,
    };
    const plan = planNowOrLater(
      `PatchedFlexibleScaleSet ${name}`,
      this,
      intent,
      (value) => planFlexibleScaleSet(value as ResolvedFlexibleScaleSetIntent),
      args.unsafeAllowInvalid,
    ).later;
    plan.apply((planned) => planned.notes.forEach((note) => void pulumi.log.info(note, this)));
    const { osProfile, storageProfile, ...model } = scaleSetModelArgs(args, plan);

    this.scaleSet = new compute.VirtualMachineScaleSet(
      name,
      {
        ...model,
        platformFaultDomainCount: args.platformFaultDomainCount ?? 1,
        upgradePolicy: { ...FLEXIBLE_UPGRADE_POLICY },
        virtualMachineProfile: {
          osProfile,
          storageProfile,
          networkProfile: {
            networkApiVersion: FLEXIBLE_NETWORK_API_VERSION,
            networkInterfaceConfigurations: args.networkInterfaceConfigurations,
          },
          extensionProfile: plan.apply((planned) => ({ extensions: planned.extensions })),
        },
      },
      { parent: this },
    );
    this.registerOutputs({ scaleSetId: this.scaleSet.id });
  }
}
