/** PatchedVirtualMachine: a Windows or Linux VM whose guest patch settings come from one intent. */
import * as pulumi from '@pulumi/pulumi';
import * as compute from '@pulumi/azure-native/compute/index.js';
import * as maintenance from '@pulumi/azure-native/maintenance/index.js';
import type * as inputs from '@pulumi/azure-native/types/input.js';
import type { RequirementId } from './errors.js';
import { imageReferenceOf, type ImageReference } from './image.js';
import { isKnownNow, planNowOrLater } from './validate.js';
import { planGuestPatching, type AssessmentMode, type GuestPatchPlan, type OsFamily, type PatchingMode, type RebootSetting } from './vm-patching.js';

/** How the VM is patched. Every patch-related property of the VM is derived from this. */
export interface PatchingArgs {
  /**
   * `platform`: AutomaticByPlatform (Azure orchestrates patching, availability-first; needs a
   * supported platform image, GP7). `os`: AutomaticByOS (Windows Update; Windows only). `manual`:
   * Manual (Windows only; enableAutomaticUpdates false). `image-default`: ImageDefault (Linux only).
   */
  mode: pulumi.Input<PatchingMode>;
  /** Periodic assessment: `platform` (AutomaticByPlatform, the default; Azure Policy parity, CF10) or `image-default`. */
  assessment?: pulumi.Input<AssessmentMode>;
  /** Reboot behaviour of platform patching (rebootSetting; mode `platform` only). */
  reboot?: pulumi.Input<RebootSetting>;
  /** Hotpatch (Windows Server Azure Edition images of the catalog, mode `platform`, no schedule: HP1, HP2, CF3). */
  hotpatch?: pulumi.Input<boolean>;
  /**
   * Patch in the windows of a maintenance configuration (scope InGuestPatch) instead of the
   * platform's off-peak hours: sets bypassPlatformSafetyChecksOnUserSchedule and creates the
   * configuration assignment (CF2). Mode `platform` only.
   */
  schedule?: {
    /** Id of a `Microsoft.Maintenance/maintenanceConfigurations` resource with scope `InGuestPatch`, e.g. `PatchSchedule.maintenanceConfigurationId`. */
    maintenanceConfigurationId: pulumi.Input<string>;
  };
  /**
   * Windows only, normally derived (true for `platform` and `os`, false for `manual`). Set it only
   * for a VM that moved to AutomaticByPlatform from Manual and keeps false (GP10), together with
   * `unsafeAllowInvalid: ["GP2"]`.
   */
  enableAutomaticUpdates?: pulumi.Input<boolean>;
}

/** Linux settings the component does not derive. */
export interface LinuxSettingsArgs {
  /** Disable password login (default: the API's, true when SSH keys are given). */
  disablePasswordAuthentication?: pulumi.Input<boolean>;
  /** SSH public keys, e.g. `{ path: "/home/azureuser/.ssh/authorized_keys", keyData: "ssh-ed25519 …" }`. */
  sshPublicKeys?: pulumi.Input<pulumi.Input<inputs.compute.SshPublicKeyArgs>[]>;
}

/** Windows settings the component does not derive. */
export interface WindowsSettingsArgs {
  /** Windows time zone name, e.g. `W. Europe Standard Time`. */
  timeZone?: pulumi.Input<string>;
  /** WinRM listeners. */
  winRM?: pulumi.Input<inputs.compute.WinRMConfigurationArgs>;
}

export interface PatchedVirtualMachineArgs {
  /** Resource group of the VM. */
  resourceGroupName: pulumi.Input<string>;
  /** Azure region; default: the resource group's. */
  location?: pulumi.Input<string>;
  /** Azure name of the VM; default: the Pulumi name with a random suffix. */
  vmName?: pulumi.Input<string>;
  /** Operating system family: decides windowsConfiguration or linuxConfiguration. */
  os: pulumi.Input<OsFamily>;
  /** Marketplace image (`publisher`, `offer`, `sku`, `version` default `latest`) or custom image (`id`). */
  image: pulumi.Input<ImageReference>;
  /** VM size, e.g. `Standard_D2s_v5`. */
  vmSize: pulumi.Input<string>;
  /** Network interfaces; the first is primary. */
  networkInterfaceIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Administrator user name. */
  adminUsername: pulumi.Input<string>;
  /** Administrator password (Windows; Linux without SSH keys). Pass a secret. */
  adminPassword?: pulumi.Input<string>;
  /** Computer name inside the OS; default: the Azure name. */
  computerName?: pulumi.Input<string>;
  /** The patching intent. */
  patching: PatchingArgs;
  /** Linux-only settings. */
  linux?: pulumi.Input<LinuxSettingsArgs>;
  /** Windows-only settings. */
  windows?: pulumi.Input<WindowsSettingsArgs>;
  /** OS disk settings (createOption is `FromImage`). */
  osDisk?: pulumi.Input<Omit<inputs.compute.OSDiskArgs, 'createOption'>>;
  /** Data disks. */
  dataDisks?: pulumi.Input<pulumi.Input<inputs.compute.DataDiskArgs>[]>;
  /** Availability zones, e.g. `["1"]`. */
  zones?: pulumi.Input<pulumi.Input<string>[]>;
  /** Availability set id (update domains, AF5). */
  availabilitySetId?: pulumi.Input<string>;
  /** Resource tags. */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Requirement ids whose violations are allowed: the VM is created as asked and a warning is
   * logged (pulumi.log.warn). Use for known exceptions only, e.g. `["GP2"]` for a VM that moved to
   * AutomaticByPlatform from Manual.
   */
  unsafeAllowInvalid?: RequirementId[];
}

/** A VM with consistent guest patch settings, and its maintenance configuration assignment when scheduled. */
export class PatchedVirtualMachine extends pulumi.ComponentResource {
  static readonly typeToken = 'patchwise:azure:PatchedVirtualMachine';
  /** The underlying azure-native VM. */
  readonly virtualMachine: compute.VirtualMachine;
  /** The maintenance configuration assignment, when `patching.schedule` is given. */
  readonly configurationAssignment: maintenance.ConfigurationAssignment | undefined;
  /** The patch mode written on the VM (AutomaticByPlatform, AutomaticByOS, Manual, ImageDefault). */
  readonly patchMode: pulumi.Output<string>;

  constructor(name: string, args: PatchedVirtualMachineArgs, opts?: pulumi.ComponentResourceOptions) {
    super(PatchedVirtualMachine.typeToken, name, {}, opts);
    const patching = args.patching;
    if (!patching || patching.mode === undefined) {
      throw new Error(`PatchedVirtualMachine ${name}: patching.mode is required (GP5): choose 'platform', 'os', 'manual' or 'image-default'`);
    }
    // The plan needs to know that a schedule is given, not its id: an id known only after deployment
    // (e.g. PatchSchedule.maintenanceConfigurationId) does not defer the checks of the other arguments.
    const schedulePlanned =
      patching.schedule && !isKnownNow(patching.schedule.maintenanceConfigurationId)
        ? { maintenanceConfigurationId: '(known after deployment)' }
        : patching.schedule;
    const plan = planNowOrLater(
      `PatchedVirtualMachine ${name}`,
      this,
      { os: args.os, image: args.image, patching: { ...patching, schedule: schedulePlanned } },
      (value) => planGuestPatching(value.os, value.image as ImageReference, value.patching as Parameters<typeof planGuestPatching>[2]),
      args.unsafeAllowInvalid,
    );
    plan.later.apply((planned) => planned.notes.forEach((note) => void pulumi.log.info(note, this)));

    const configuration = <K extends GuestPatchPlan['key'], X>(key: K, extra: pulumi.Input<X> | undefined, shape: (extra: pulumi.Unwrap<X>) => object) =>
      pulumi
        .all([plan.later, pulumi.output(extra ?? ({} as X))])
        .apply(([planned, settings]) => (planned.key === key ? { ...shape(settings as pulumi.Unwrap<X>), ...planned.configuration } : undefined));

    const windowsConfiguration = configuration('windowsConfiguration', args.windows, (windows: pulumi.Unwrap<WindowsSettingsArgs>) =>
      stripUndefined({ timeZone: windows.timeZone, winRM: windows.winRM }),
    );
    const linuxConfiguration = configuration('linuxConfiguration', args.linux, (linux: pulumi.Unwrap<LinuxSettingsArgs>) =>
      stripUndefined({
        disablePasswordAuthentication: linux.disablePasswordAuthentication,
        ssh: linux.sshPublicKeys ? { publicKeys: linux.sshPublicKeys } : undefined,
      }),
    );
    const imageReference = pulumi.output(args.image).apply((image) => imageReferenceOf(image as ImageReference));

    this.virtualMachine = new compute.VirtualMachine(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        vmName: args.vmName,
        hardwareProfile: { vmSize: args.vmSize },
        osProfile: {
          computerName: args.computerName ?? args.vmName ?? name.slice(0, 15),
          adminUsername: args.adminUsername,
          adminPassword: args.adminPassword,
          windowsConfiguration: windowsConfiguration as pulumi.Input<inputs.compute.WindowsConfigurationArgs>,
          linuxConfiguration: linuxConfiguration as pulumi.Input<inputs.compute.LinuxConfigurationArgs>,
        },
        storageProfile: {
          imageReference,
          osDisk: pulumi.output(args.osDisk ?? {}).apply((disk) => ({ ...disk, createOption: 'FromImage' })),
          dataDisks: args.dataDisks,
        },
        networkProfile: {
          networkInterfaces: pulumi.output(args.networkInterfaceIds).apply((ids) => ids.map((id, index) => ({ id, primary: index === 0 }))),
        },
        availabilitySet: args.availabilitySetId ? { id: args.availabilitySetId } : undefined,
        zones: args.zones,
        tags: args.tags,
      },
      { parent: this },
    );

    const schedule = patching.schedule;
    this.configurationAssignment = schedule
      ? new maintenance.ConfigurationAssignment(
          `${name}-schedule`,
          {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            providerName: 'Microsoft.Compute',
            resourceType: 'virtualMachines',
            resourceName: this.virtualMachine.name,
            configurationAssignmentName: pulumi.interpolate`${this.virtualMachine.name}-schedule`,
            maintenanceConfigurationId: schedule.maintenanceConfigurationId,
            resourceId: this.virtualMachine.id,
          },
          { parent: this },
        )
      : undefined;

    this.patchMode = plan.later.apply((planned) => planned.configuration.patchSettings.patchMode);
    this.registerOutputs({
      virtualMachineId: this.virtualMachine.id,
      patchMode: this.patchMode,
      configurationAssignmentId: this.configurationAssignment?.id,
    });
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
