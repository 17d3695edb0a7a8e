/** PatchSchedule: an Azure Update Manager schedule, i.e. a maintenance configuration with scope InGuestPatch (CF9). */
import * as pulumi from '@pulumi/pulumi';
import * as maintenance from '@pulumi/azure-native/maintenance/index.js';
import type { RequirementId } from './errors.js';
import {
  planPatchSchedule,
  type LinuxPatchSelection,
  type PatchWindow,
  type ResolvedPatchSchedule,
  type ScheduleRebootSetting,
  type WindowsPatchSelection,
} from './patch-schedule-plan.js';
import { planNowOrLater } from './validate.js';

export interface PatchScheduleArgs {
  /** Resource group of the maintenance configuration. */
  resourceGroupName: pulumi.Input<string>;
  /** Azure region; default: the resource group's. */
  location?: pulumi.Input<string>;
  /** Azure name of the configuration; default: the Pulumi name with a random suffix. */
  resourceName?: pulumi.Input<string>;
  /**
   * When the schedule runs, e.g. `{ start: '2026-12-12 22:00', duration: '03:00', timeZone: 'W. Europe Standard Time', recurEvery: '1Week Saturday' }`.
   * Only `start` is required: duration `03:00`, time zone `UTC` and recurrence `1Week Saturday` are the defaults.
   */
  window: pulumi.Input<PatchWindow>;
  /** Reboot after patching: `IfRequired` (default), `Never` or `Always`. A VM's own rebootSetting overrides it (CF13). */
  reboot?: pulumi.Input<ScheduleRebootSetting>;
  /** Windows updates to install (default: Critical and Security). */
  windows?: pulumi.Input<WindowsPatchSelection>;
  /** Linux packages to install (default: Critical and Security). */
  linux?: pulumi.Input<LinuxPatchSelection>;
  /** Resource tags. */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Requirement ids whose violations are allowed (logged with pulumi.log.warn): known exceptions only. */
  unsafeAllowInvalid?: RequirementId[];
}

/**
 * A maintenance configuration with scope InGuestPatch whose window satisfies CF9. Pass
 * `maintenanceConfigurationId` to `PatchedVirtualMachine`'s `patching.schedule`, which sets the
 * bypass flag and creates the assignment (CF2).
 */
export class PatchSchedule extends pulumi.ComponentResource {
  static readonly typeToken = 'patchwise:azure:PatchSchedule';
  /** The underlying azure-native maintenance configuration. */
  readonly configuration: maintenance.MaintenanceConfiguration;
  /** Id of the configuration, for `patching.schedule.maintenanceConfigurationId`. */
  readonly maintenanceConfigurationId: pulumi.Output<string>;

  constructor(name: string, args: PatchScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    super(PatchSchedule.typeToken, name, {}, opts);
    const intent = { window: args.window, reboot: args.reboot, windows: args.windows, linux: args.linux };
    const plan = planNowOrLater(
      `PatchSchedule ${name}`,
      this,
      intent,
      (value) => planPatchSchedule(value as ResolvedPatchSchedule),
      args.unsafeAllowInvalid,
    ).later;
    plan.apply((planned) => planned.notes.forEach((note) => void pulumi.log.warn(`PatchSchedule ${name}: ${note}`, this)));
    const configuration = plan.apply((planned) => planned.configuration);

    this.configuration = new maintenance.MaintenanceConfiguration(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        resourceName: args.resourceName,
        tags: args.tags,
        maintenanceScope: configuration.maintenanceScope,
        visibility: configuration.visibility,
        extensionProperties: configuration.extensionProperties,
        startDateTime: configuration.startDateTime,
        duration: configuration.duration,
        timeZone: configuration.timeZone,
        recurEvery: configuration.recurEvery,
        expirationDateTime: configuration.apply((planned) => planned.expirationDateTime),
        installPatches: configuration.installPatches,
      },
      { parent: this },
    );
    this.maintenanceConfigurationId = this.configuration.id;
    this.registerOutputs({ maintenanceConfigurationId: this.maintenanceConfigurationId });
  }
}
