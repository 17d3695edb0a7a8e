/** AutoUpgradingScaleSet: a scale set with automatic OS image upgrade configured the way Azure supports it. */
import * as pulumi from '@pulumi/pulumi';
import * as compute from '@pulumi/azure-native/compute/index.js';
import type * as inputs from '@pulumi/azure-native/types/input.js';
import type { RequirementId } from './errors.js';
import type { ApplicationHealthSettings } from './extension-plan.js';
import type { ImageReference } from './image.js';
import { planScaleSet, type HealthSignal, type ResolvedScaleSetIntent, type RollingUpgradeSettings, type ScaleSetExtensionSpec } from './scale-set-plan.js';
import { scaleSetModelArgs } from './scale-set-model.js';
import { planNowOrLater } from './validate.js';
import type { LinuxSettingsArgs } from './virtual-machine.js';
import type { OsFamily } from './vm-patching.js';

/** Exactly one health signal (OU2, CF5). */
export type HealthArgs =
  | {
      /** Id of a load balancer probe (`…/loadBalancers/<lb>/probes/<probe>`) set as networkProfile.healthProbe. */
      loadBalancerProbeId: pulumi.Input<string>;
    }
  | {
      /** Settings of the Application Health extension the component adds to the scale set model. */
      applicationHealth: pulumi.Input<ApplicationHealthSettings>;
    };

/** Arguments every patchwise scale set takes: identity, instances, login, network, extensions. */
export interface ScaleSetBaseArgs {
  /** Resource group of the scale set. */
  resourceGroupName: pulumi.Input<string>;
  /** Azure region; default: the resource group's. */
  location?: pulumi.Input<string>;
  /** Azure name of the scale set; default: the Pulumi name with a random suffix. */
  vmScaleSetName?: pulumi.Input<string>;
  /** Operating system family. */
  os: pulumi.Input<OsFamily>;
  /** Instance size and count, e.g. `{ name: "Standard_D2s_v5", capacity: 3 }`. */
  sku: pulumi.Input<inputs.compute.SkuArgs>;
  /** Computer name prefix of the instances. */
  computerNamePrefix: pulumi.Input<string>;
  /** Administrator user name. */
  adminUsername: pulumi.Input<string>;
  /** Administrator password (Windows; Linux without SSH keys). Pass a secret. */
  adminPassword?: pulumi.Input<string>;
  /** Linux-only settings. */
  linux?: pulumi.Input<LinuxSettingsArgs>;
  /** Network interface configurations of the instances (azure-native shape). */
  networkInterfaceConfigurations: pulumi.Input<pulumi.Input<inputs.compute.VirtualMachineScaleSetNetworkConfigurationArgs>[]>;
  /** OS disk settings (createOption is `FromImage`). */
  osDisk?: pulumi.Input<Omit<inputs.compute.VirtualMachineScaleSetOSDiskArgs, 'createOption'>>;
  /** Further extensions of the scale set model; each gets automatic upgrade when supported (EU1-EU3). */
  extensions?: pulumi.Input<ScaleSetExtensionSpec[]>;
  /** Automatic extension upgrade for the extensions that support it (default true). */
  automaticExtensionUpgrade?: pulumi.Input<boolean>;
  /** Availability zones. */
  zones?: pulumi.Input<pulumi.Input<string>[]>;
  /** Resource tags. */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Requirement ids whose violations are allowed (logged with pulumi.log.warn): known exceptions only. */
  unsafeAllowInvalid?: RequirementId[];
}

export interface AutoUpgradingScaleSetArgs extends ScaleSetBaseArgs {
  /**
   * A supported platform image (`publisher`, `offer`, `sku`; version is always `latest`, OU1) or an
   * Azure Compute Gallery image (`id`); managed images are not supported (OU6).
   */
  image: pulumi.Input<ImageReference>;
  /** `Uniform` (the default). Automatic OS image upgrade does not support `Flexible` (CF4). */
  orchestrationMode?: pulumi.Input<string>;
  /**
   * upgradePolicy.mode for model changes: `Rolling` (default), `Automatic` or `Manual`. Service
   * Fabric scale sets (a Service Fabric extension in `extensions`) need `Automatic` (CF8), the default for them.
   */
  upgradeMode?: pulumi.Input<'Rolling' | 'Automatic' | 'Manual'>;
  /** The application health signal; required unless the scale set runs Service Fabric (OU2, OU3). */
  health?: HealthArgs;
  /** Batches and health gates; omitted fields get the documented defaults (20%, 20%, 20%, PT0S). */
  rollingUpgrade?: pulumi.Input<RollingUpgradeSettings>;
  /** Keep the new OS disk when an upgraded instance stays unhealthy (default false: roll back). */
  disableAutomaticRollback?: pulumi.Input<boolean>;
  /** Use the rolling upgrade policy for automatic OS upgrades (API 2022-03-01). */
  useRollingUpgradePolicy?: pulumi.Input<boolean>;
  /** Let the VMs defer OS upgrades through IMDS (API 2023-09-01). */
  osRollingUpgradeDeferral?: pulumi.Input<boolean>;
  /** One placement group (default: the API's). More than one needs a Standard load balancer (OU8). */
  singlePlacementGroup?: pulumi.Input<boolean>;
  /** Overprovision instances (default: the API's). */
  overprovision?: pulumi.Input<boolean>;
}

/** A Uniform scale set with automatic OS image upgrade, a health signal and a rolling upgrade policy. */
export class AutoUpgradingScaleSet extends pulumi.ComponentResource {
  static readonly typeToken = 'patchwise:azure:AutoUpgradingScaleSet';
  /** The underlying azure-native scale set. */
  readonly scaleSet: compute.VirtualMachineScaleSet;

  constructor(name: string, args: AutoUpgradingScaleSetArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AutoUpgradingScaleSet.typeToken, name, {}, opts);
    const intent = {
      os: args.os,
      image: args.image,
      orchestrationMode: args.orchestrationMode,
      upgradeMode: args.upgradeMode,
      health: args.health as pulumi.Input<HealthSignal> | undefined,
      rollingUpgrade: args.rollingUpgrade,
      disableAutomaticRollback: args.disableAutomaticRollback,
      useRollingUpgradePolicy: args.useRollingUpgradePolicy,
      osRollingUpgradeDeferral: args.osRollingUpgradeDeferral,
      extensions: args.extensions,
      automaticExtensionUpgrade: args.automaticExtensionUpgrade,
    };
    const plan = planNowOrLater(
      `AutoUpgradingScaleSet ${name}`,
      this,
      intent,
      (value) => planScaleSet(value as ResolvedScaleSetIntent),
      args.unsafeAllowInvalid,
    ).later;
    // Lint warnings the component does not refuse (e.g. batches above 20% with automatic OS upgrade).
    plan.apply((planned) => planned.notes.forEach((note) => void pulumi.log.warn(`AutoUpgradingScaleSet ${name}: ${note}`, this)));
    const { osProfile, storageProfile, ...model } = scaleSetModelArgs(args, plan);

    this.scaleSet = new compute.VirtualMachineScaleSet(
      name,
      {
        ...model,
        upgradePolicy: plan.apply((planned) => planned.upgradePolicy) as pulumi.Input<inputs.compute.UpgradePolicyArgs>,
        singlePlacementGroup: args.singlePlacementGroup,
        overprovision: args.overprovision,
        virtualMachineProfile: {
          osProfile,
          storageProfile,
          networkProfile: {
            healthProbe: plan.apply((planned) => (planned.healthProbeId !== undefined ? { id: planned.healthProbeId } : undefined)),
            networkInterfaceConfigurations: args.networkInterfaceConfigurations,
          },
          extensionProfile: plan.apply((planned) => (planned.extensions.length > 0 ? { extensions: planned.extensions } : undefined)),
        },
      },
      { parent: this },
    );
    this.registerOutputs({ scaleSetId: this.scaleSet.id });
  }
}
