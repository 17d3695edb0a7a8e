/**
 * `patchwise/pulumi`: Pulumi components for Azure VM update management that cannot be configured
 * wrong. Misuse fails at construction (known arguments) or in the preview (Outputs), with the
 * argument and the requirement id in the message; `unsafeAllowInvalid` is the logged escape hatch.
 */
export {
  PatchedVirtualMachine,
  type PatchedVirtualMachineArgs,
  type PatchingArgs,
  type LinuxSettingsArgs,
  type WindowsSettingsArgs,
} from './virtual-machine.js';
export { AutoUpgradingScaleSet, type AutoUpgradingScaleSetArgs, type HealthArgs, type ScaleSetBaseArgs } from './scale-set.js';
export { PatchSchedule, type PatchScheduleArgs } from './patch-schedule.js';
export {
  planPatchSchedule,
  isRecurrence,
  PATCH_SCHEDULE_DEFAULTS,
  type PatchWindow,
  type WindowsPatchSelection,
  type LinuxPatchSelection,
  type WindowsClassification,
  type LinuxClassification,
  type ScheduleRebootSetting,
} from './patch-schedule-plan.js';
export { PatchedFlexibleScaleSet, FLEXIBLE_NETWORK_API_VERSION, type PatchedFlexibleScaleSetArgs } from './flexible-scale-set.js';
export { planFlexibleScaleSet, type FlexiblePatching } from './flexible-scale-set-plan.js';
export { AutoUpgradedExtension, AutoUpgradedScaleSetExtension, type AutoUpgradedExtensionArgs, type AutoUpgradedScaleSetExtensionArgs } from './extension.js';
export { PatchwiseConfigError, formatViolation, type RequirementId, type Violation } from './errors.js';
export type { ImageReference } from './image.js';
export type { ApplicationHealthSettings } from './extension-plan.js';
export { ROLLING_UPGRADE_DEFAULTS, APPLICATION_HEALTH_EXTENSION_NAME, type RollingUpgradeSettings, type ScaleSetExtensionSpec } from './scale-set-plan.js';
export { planGuestPatching, type OsFamily, type PatchingMode, type AssessmentMode, type RebootSetting } from './vm-patching.js';
export { planScaleSet } from './scale-set-plan.js';
export { uniqueString, guid } from './arm-functions.js';
