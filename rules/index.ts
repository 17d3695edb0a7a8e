/**
 * Every rule patchwise ships, in the order `patchwise rules` lists them: one flat list (a test
 * checks that every rule file under rules/ is listed here).
 */
import type { AnyRule } from '../src/engine/rule.js';
import enableAutomaticUpdatesChanged from './change/enable-automatic-updates-changed.js';
import patchModeSwitch from './change/patch-mode-switch.js';
import sasExpiry from './credentials/sas-expiry.js';
import autoUpgradeMinorVersion from './extensions/auto-upgrade-minor-version.js';
import automaticUpgradeSupported from './extensions/automatic-upgrade-supported.js';
import provisionAfterExtensions from './extensions/provision-after-extensions.js';
import guestPatchingApiVersion from './guest-patching/api-version.js';
import noPatchExtension from './guest-patching/no-patch-extension.js';
import patchModeValue from './guest-patching/patch-mode-value.js';
import rhelPackagekit from './guest-patching/rhel-packagekit.js';
import guestPatchingSupportedImage from './guest-patching/supported-image.js';
import vmAgentRequired from './guest-patching/vm-agent-required.js';
import windowsAutomaticUpdates from './guest-patching/windows-automatic-updates.js';
import applicationHealthSettings from './health/application-health-settings.js';
import loadBalancerProbe from './health/load-balancer-probe.js';
import hotpatchPatchMode from './hotpatch/patch-mode.js';
import hotpatchSupportedImage from './hotpatch/supported-image.js';
import uniformScaleSet from './hotpatch/uniform-scale-set.js';
import linuxAgentVersion from './inventory/linux-agent-version.js';
import orchestrationAutomaticOsUpgrade from './orchestration/automatic-os-upgrade.js';
import serviceFabric from './orchestration/service-fabric.js';
import uniformGuestPatching from './orchestration/uniform-guest-patching.js';
import osUpgradeApiVersion from './os-upgrade/api-version.js';
import healthSignal from './os-upgrade/health-signal.js';
import imageVersionLatest from './os-upgrade/image-version-latest.js';
import serviceFabricDurability from './os-upgrade/service-fabric-durability.js';
import osUpgradeSupportedImage from './os-upgrade/supported-image.js';
import osUpgradeWindowsAutomaticUpdates from './os-upgrade/windows-automatic-updates.js';
import policyAutomaticOsUpgrade from './policy/automatic-os-upgrade.js';
import hotpatchAzureEdition from './policy/hotpatch-azure-edition.js';
import periodicAssessment from './policy/periodic-assessment.js';
import policyRanges from './rolling-upgrade/policy-ranges.js';
import bypassNeedsAssignment from './schedules/bypass-needs-assignment.js';
import bypassNeedsPlatform from './schedules/bypass-needs-platform.js';
import hotpatchBypass from './schedules/hotpatch-bypass.js';
import installPatches from './schedules/install-patches.js';
import maintenanceWindow from './schedules/maintenance-window.js';
import rebootSetting from './schedules/reboot-setting.js';
import schedulePrerequisites from './schedules/schedule-prerequisites.js';
import propertyApiVersion from './schema/property-api-version.js';

export const ALL_RULES: readonly AnyRule[] = [
  // Guest patching (GP)
  patchModeValue,
  windowsAutomaticUpdates,
  vmAgentRequired,
  guestPatchingSupportedImage,
  guestPatchingApiVersion,
  noPatchExtension,
  rhelPackagekit,
  propertyApiVersion,
  // Changes against a baseline
  enableAutomaticUpdatesChanged,
  patchModeSwitch,
  // Automatic OS image upgrade, rolling upgrades, orchestration and health (OU, CF4-CF8)
  imageVersionLatest,
  healthSignal,
  osUpgradeSupportedImage,
  osUpgradeApiVersion,
  osUpgradeWindowsAutomaticUpdates,
  serviceFabricDurability,
  policyRanges,
  orchestrationAutomaticOsUpgrade,
  uniformGuestPatching,
  serviceFabric,
  applicationHealthSettings,
  loadBalancerProbe,
  // Automatic extension upgrade (EU)
  automaticUpgradeSupported,
  autoUpgradeMinorVersion,
  provisionAfterExtensions,
  // Hotpatch (HP)
  hotpatchSupportedImage,
  hotpatchPatchMode,
  uniformScaleSet,
  // Credentials (OU7)
  sasExpiry,
  // Update Manager schedules (CF2, CF3, CF9, CF13)
  bypassNeedsPlatform,
  bypassNeedsAssignment,
  hotpatchBypass,
  schedulePrerequisites,
  maintenanceWindow,
  installPatches,
  rebootSetting,
  // Azure Policy parity (CF10): off in recommended, warnings in strict
  periodicAssessment,
  policyAutomaticOsUpgrade,
  hotpatchAzureEdition,
  // Needs --inventory (GP12)
  linuxAgentVersion,
];
