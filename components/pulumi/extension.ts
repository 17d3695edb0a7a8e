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

/**
 * Both extension components: the plan (checked now or in an apply), then one azure-native
 * extension parented to the component. `create` adds what tells the two apart: the parent's key.
 */
abstract class AutoUpgradedExtensionComponent<E extends pulumi.CustomResource> extends pulumi.ComponentResource {
  /** The underlying azure-native extension. */
  readonly extension: E;

  protected constructor(
    typeToken: string,
    name: string,
    args: ExtensionArgsBase,
    opts: pulumi.ComponentResourceOptions | undefined,
    create: (inputs: ReturnType<typeof upgradeInputs>, options: pulumi.CustomResourceOptions) => E,
  ) {
    super(typeToken, name, {}, opts);
    const component = `${typeToken.split(':').pop()} ${name}`;
    const plan = planNowOrLater(
      component,
      this,
      { publisher: args.publisher, type: args.type, autoUpgrade: args.autoUpgrade, settings: args.settings },
      planExtensionComponent,
      args.unsafeAllowInvalid,
    ).later;
    plan.apply((planned) => planned.notes.forEach((note) => void pulumi.log.info(`${component}: ${note}`, this)));
    this.extension = create(upgradeInputs(args, plan), { parent: this });
    this.registerOutputs({ extensionId: this.extension.id });
  }
}

/** The inputs both extension kinds share: identity, settings and the planned upgrade flags. */
function upgradeInputs(args: ExtensionArgsBase, plan: pulumi.Output<ExtensionComponentPlan>) {
  return {
    resourceGroupName: args.resourceGroupName,
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
export class AutoUpgradedExtension extends AutoUpgradedExtensionComponent<compute.VirtualMachineExtension> {
  static readonly typeToken = 'patchwise:azure:AutoUpgradedExtension';

  constructor(name: string, args: AutoUpgradedExtensionArgs, opts?: pulumi.ComponentResourceOptions) {
    super(
      AutoUpgradedExtension.typeToken,
      name,
      args,
      opts,
      (inputs, options) =>
        new compute.VirtualMachineExtension(name, { ...inputs, vmName: args.vmName, vmExtensionName: args.vmExtensionName, location: args.location }, options),
    );
  }
}

/** A scale set extension resource with autoUpgradeMinorVersion and, where supported, enableAutomaticUpgrade. */
export class AutoUpgradedScaleSetExtension extends AutoUpgradedExtensionComponent<compute.VirtualMachineScaleSetExtension> {
  static readonly typeToken = 'patchwise:azure:AutoUpgradedScaleSetExtension';

  constructor(name: string, args: AutoUpgradedScaleSetExtensionArgs, opts?: pulumi.ComponentResourceOptions) {
    super(
      AutoUpgradedScaleSetExtension.typeToken,
      name,
      args,
      opts,
      (inputs, options) =>
        new compute.VirtualMachineScaleSetExtension(
          name,
          { ...inputs, vmScaleSetName: args.vmScaleSetName, vmssExtensionName: args.vmssExtensionName },
          options,
        ),
    );
  }
}
