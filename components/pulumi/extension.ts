/** AutoUpgradedExtension / AutoUpgradedScaleSetExtension: extensions with automatic extension upgrade where Azure supports it. */
import * as pulumi from '@pulumi/pulumi';
import * as compute from '@pulumi/azure-native/compute/index.js';
import type { RequirementId } from './errors.js';
import { planExtensionComponent, type ExtensionComponentPlan } from './extension-plan.js';
import { planNowOrLater } from './validate.js';

interface ExtensionArgsBase {
  /** Resource group of the VM or scale set. */
  resourceGroupName: pulumi.Input<string>;
  /** Extension publisher, e.g. `Microsoft.Azure.Monitor`. */
  publisher: pulumi.Input<string>;
  /** Extension type, e.g. `AzureMonitorLinuxAgent`. */
  type: pulumi.Input<string>;
  /** `major.minor`, e.g. `1.0`: minor versions follow automatically (autoUpgradeMinorVersion, EU3). */
  typeHandlerVersion: pulumi.Input<string>;
  /** Public settings of the extension. */
  settings?: pulumi.Input<Record<string, unknown>>;
  /** Protected settings (encrypted by Azure). Pass a secret. */
  protectedSettings?: pulumi.Input<Record<string, unknown>>;
  /**
   * Automatic extension upgrade: `true` (default) requires an extension of the catalog (EU1);
   * `false` leaves it off. Unsupported extensions are rejected unless `unsafeAllowInvalid: ["EU1"]`.
   */
  autoUpgrade?: pulumi.Input<boolean>;
  /** Requirement ids whose violations are allowed (logged with pulumi.log.warn): known exceptions only. */
  unsafeAllowInvalid?: RequirementId[];
}

export interface AutoUpgradedExtensionArgs extends ExtensionArgsBase {
  /** Name of the VM the extension belongs to. */
  vmName: pulumi.Input<string>;
  /** Name of the extension; default: the Pulumi name with a random suffix. */
  vmExtensionName?: pulumi.Input<string>;
  /** Azure region (the VM's). */
  location?: pulumi.Input<string>;
}

export interface AutoUpgradedScaleSetExtensionArgs extends ExtensionArgsBase {
  /** Name of the scale set the extension belongs to. */
  vmScaleSetName: pulumi.Input<string>;
  /** Name of the extension; default: the Pulumi name with a random suffix. */
  vmssExtensionName?: pulumi.Input<string>;
}

function planFor(component: string, resource: pulumi.Resource, args: ExtensionArgsBase): pulumi.Output<ExtensionComponentPlan> {
  return planNowOrLater(component, resource, { publisher: args.publisher, type: args.type, autoUpgrade: args.autoUpgrade, settings: args.settings }, planExtensionComponent, args.unsafeAllowInvalid).later;
}

/** The inputs both extension kinds share: identity, settings and the planned upgrade flags. */
function upgradeInputs(args: ExtensionArgsBase, plan: pulumi.Output<ExtensionComponentPlan>) {
  return {
    publisher: args.publisher,
    type: args.type,
    typeHandlerVersion: args.typeHandlerVersion,
    autoUpgradeMinorVersion: plan.apply((planned) => planned.autoUpgradeMinorVersion),
    enableAutomaticUpgrade: plan.apply((planned) => planned.enableAutomaticUpgrade),
    settings: args.settings,
    protectedSettings: args.protectedSettings,
  };
}

/** A VM extension with autoUpgradeMinorVersion and, where supported, enableAutomaticUpgrade. */
export class AutoUpgradedExtension extends pulumi.ComponentResource {
  static readonly typeToken = 'patchwise:azure:AutoUpgradedExtension';
  /** The underlying azure-native VM extension. */
  readonly extension: compute.VirtualMachineExtension;

  constructor(name: string, args: AutoUpgradedExtensionArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AutoUpgradedExtension.typeToken, name, {}, opts);
    const plan = planFor(`AutoUpgradedExtension ${name}`, this, args);
    this.extension = new compute.VirtualMachineExtension(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        vmName: args.vmName,
        vmExtensionName: args.vmExtensionName,
        location: args.location,
        ...upgradeInputs(args, plan),
      },
      { parent: this },
    );
    this.registerOutputs({ extensionId: this.extension.id });
  }
}

/** A scale set extension resource with autoUpgradeMinorVersion and, where supported, enableAutomaticUpgrade. */
export class AutoUpgradedScaleSetExtension extends pulumi.ComponentResource {
  static readonly typeToken = 'patchwise:azure:AutoUpgradedScaleSetExtension';
  /** The underlying azure-native scale set extension. */
  readonly extension: compute.VirtualMachineScaleSetExtension;

  constructor(name: string, args: AutoUpgradedScaleSetExtensionArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AutoUpgradedScaleSetExtension.typeToken, name, {}, opts);
    const plan = planFor(`AutoUpgradedScaleSetExtension ${name}`, this, args);
    this.extension = new compute.VirtualMachineScaleSetExtension(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        vmScaleSetName: args.vmScaleSetName,
        vmssExtensionName: args.vmssExtensionName,
        ...upgradeInputs(args, plan),
      },
      { parent: this },
    );
    this.registerOutputs({ extensionId: this.extension.id });
  }
}
