/**
 * From one patching intent to the guest patch settings of a VM (pure: no Pulumi). The intent's own
 * grammar is checked here (a mode of the other OS, a Windows setting on Linux, a platform setting
 * without platform patching); whether Azure accepts the settings is the lint rules' word, run on
 * the VM the component will create (judge.ts).
 */
import type { PulumiResourceInput } from '../policy/adapter.js';
import type { Violation } from './errors.js';
import { imageArguments, imageReferenceOf, type ImageReference } from './image.js';
import { judge, withRuleViolations, type ArgumentOf } from './judge.js';

export type OsFamily = 'Windows' | 'Linux';

/** What "patched" means for a VM; `mode` maps to patchMode. */
export type PatchingMode = 'platform' | 'os' | 'manual' | 'image-default';
export type AssessmentMode = 'platform' | 'image-default';
export type RebootSetting = 'IfRequired' | 'Never' | 'Always';

/** The patching intent with its values resolved (see PatchingArgs in virtual-machine.ts for the docs). */
export interface ResolvedPatching {
  mode: PatchingMode;
  assessment?: AssessmentMode;
  reboot?: RebootSetting;
  hotpatch?: boolean;
  schedule?: { maintenanceConfigurationId: string };
  enableAutomaticUpdates?: boolean;
}

/** `windowsConfiguration` / `linuxConfiguration` patch fields, in azure-native (= ARM) shape. */
export interface GuestPatchConfiguration {
  enableAutomaticUpdates?: boolean;
  provisionVMAgent: boolean;
  patchSettings: {
    patchMode: string;
    assessmentMode: string;
    enableHotpatching?: boolean;
    automaticByPlatformSettings?: { rebootSetting?: RebootSetting; bypassPlatformSafetyChecksOnUserSchedule: boolean };
  };
}

/** The patch settings an intent asks for, and what is wrong with the intent itself. */
export interface GuestPatchSettings {
  /** `windowsConfiguration` for Windows, `linuxConfiguration` for Linux. */
  key: 'windowsConfiguration' | 'linuxConfiguration';
  configuration: GuestPatchConfiguration;
  /** Intent-grammar violations (no rule needed to see them). */
  violations: Violation[];
}

export interface GuestPatchPlan extends GuestPatchSettings {
  /** True when a maintenance configuration assignment must be created (schedule given). */
  assignSchedule: boolean;
  /** Facts worth telling but not wrong (logged with pulumi.log.info). */
  notes: string[];
}

const PATCH_MODES: Record<PatchingMode, string> = {
  platform: 'AutomaticByPlatform',
  os: 'AutomaticByOS',
  manual: 'Manual',
  'image-default': 'ImageDefault',
};

const ASSESSMENT_MODES: Record<AssessmentMode, string> = { platform: 'AutomaticByPlatform', 'image-default': 'ImageDefault' };

/** The intent's grammar and the settings it derives: enableAutomaticUpdates follows the mode (GP2-GP4), the VM agent is on (GP6). */
export function guestPatchSettings(os: OsFamily, patching: ResolvedPatching, argument = 'patching'): GuestPatchSettings {
  const violations: Violation[] = [];
  const at = (name: string) => `${argument}.${name}`;
  const mode = patching.mode;
  const windows = os === 'Windows';
  const platform = mode === 'platform';

  if (!(mode in PATCH_MODES)) {
    violations.push({
      argument: at('mode'),
      requirement: 'GP1',
      message: `'${String(mode)}' is not a patching mode: use 'platform', 'os', 'manual' or 'image-default'`,
    });
  } else if (windows && mode === 'image-default') {
    violations.push({
      argument: at('mode'),
      requirement: 'GP1',
      message:
        "'image-default' (ImageDefault) is a Linux patch mode: on Windows use 'os' (AutomaticByOS, the Windows default), 'platform' (AutomaticByPlatform) or 'manual'",
    });
  } else if (!windows && (mode === 'os' || mode === 'manual')) {
    violations.push({
      argument: at('mode'),
      requirement: 'GP1',
      message: `'${mode}' (${PATCH_MODES[mode]}) is a Windows patch mode: on Linux use 'platform' (AutomaticByPlatform) or 'image-default' (ImageDefault)`,
    });
  }
  const assessment = patching.assessment ?? 'platform';
  if (!(assessment in ASSESSMENT_MODES)) {
    violations.push({
      argument: at('assessment'),
      requirement: 'GP1',
      message: `'${String(assessment)}' is not an assessment mode: use 'platform' or 'image-default'`,
    });
  }
  if (patching.enableAutomaticUpdates !== undefined && !windows) {
    violations.push({
      argument: at('enableAutomaticUpdates'),
      requirement: 'GP5',
      message: 'enableAutomaticUpdates is a Windows setting: remove it for a Linux VM',
    });
  }
  const hotpatch = patching.hotpatch === true;
  if (hotpatch && !windows) {
    violations.push({
      argument: at('hotpatch'),
      requirement: 'HP1',
      message: 'hotpatch is for Windows Server Azure Edition images only: remove it for a Linux VM',
    });
  }
  if (patching.schedule && !patching.schedule.maintenanceConfigurationId) {
    violations.push({
      argument: at('schedule.maintenanceConfigurationId'),
      requirement: 'CF2',
      message: 'a schedule needs the id of a maintenance configuration with scope InGuestPatch',
    });
  }
  if (patching.reboot !== undefined && !platform) {
    // Azure reads rebootSetting for AutomaticByPlatform patching only: with another mode it is ignored.
    violations.push({
      argument: at('reboot'),
      requirement: 'CF13',
      message: `the reboot setting applies to patching.mode 'platform' (AutomaticByPlatform) only, not '${mode}'`,
    });
  }

  const patchSettings: GuestPatchConfiguration['patchSettings'] = {
    patchMode: PATCH_MODES[mode] ?? String(mode),
    assessmentMode: ASSESSMENT_MODES[assessment] ?? String(assessment),
  };
  if (windows) patchSettings.enableHotpatching = hotpatch;
  if (platform || patching.schedule || patching.reboot) {
    patchSettings.automaticByPlatformSettings = {
      ...(patching.reboot !== undefined ? { rebootSetting: patching.reboot } : {}),
      bypassPlatformSafetyChecksOnUserSchedule: patching.schedule !== undefined,
    };
  }
  const configuration: GuestPatchConfiguration = windows
    ? { enableAutomaticUpdates: patching.enableAutomaticUpdates ?? mode !== 'manual', provisionVMAgent: true, patchSettings }
    : { provisionVMAgent: true, patchSettings };
  return { key: windows ? 'windowsConfiguration' : 'linuxConfiguration', configuration, violations };
}

/** ARM paths of the patch settings under `osProfile` (the VM's, or a scale-set model's) → the patching arguments. */
export function patchingArguments(osProfile: string, key: GuestPatchSettings['key'], argument = 'patching'): ArgumentOf[] {
  const configuration = `${osProfile}.${key}`;
  const settings = `${configuration}.patchSettings`;
  return [
    { path: `${configuration}.enableAutomaticUpdates`, argument: `${argument}.enableAutomaticUpdates`, whole: true },
    { path: `${settings}.patchMode`, argument: `${argument}.mode`, whole: true },
    { path: `${settings}.assessmentMode`, argument: `${argument}.assessment`, whole: true },
    { path: `${settings}.enableHotpatching`, argument: `${argument}.hotpatch`, whole: true },
    { path: `${settings}.automaticByPlatformSettings.rebootSetting`, argument: `${argument}.reboot`, whole: true },
    { path: `${settings}.automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule`, argument: `${argument}.schedule`, whole: true },
  ];
}

/** Rules that report at a property the component derives (patchMode, the bypass flag, the image): the intent behind the finding. */
export function patchingRuleArguments(argument = 'patching'): Record<string, string> {
  return {
    'hotpatch/supported-image': `${argument}.hotpatch`,
    'hotpatch/patch-mode': `${argument}.hotpatch`,
    'schedules/hotpatch-bypass': `${argument}.hotpatch`,
    'schedules/bypass-needs-platform': `${argument}.schedule`,
  };
}

/** The VM (and its schedule's assignment) in the shape the rules read: azure-native inputs. */
function virtualMachineResources(settings: GuestPatchSettings, image: ImageReference, schedule: ResolvedPatching['schedule']): PulumiResourceInput[] {
  const vm: PulumiResourceInput = {
    type: 'azure-native:compute:VirtualMachine',
    name: 'vm',
    props: {
      resourceGroupName: 'rg',
      vmName: 'vm',
      osProfile: { [settings.key]: settings.configuration },
      storageProfile: { imageReference: imageReferenceOf(image) },
    },
  };
  if (!schedule) return [vm];
  const assignment: PulumiResourceInput = {
    type: 'azure-native:maintenance:ConfigurationAssignment',
    name: 'schedule',
    props: {
      resourceGroupName: 'rg',
      configurationAssignmentName: 'vm-schedule',
      providerName: 'Microsoft.Compute',
      resourceType: 'virtualMachines',
      resourceName: 'vm',
      maintenanceConfigurationId: schedule.maintenanceConfigurationId,
    },
  };
  return [vm, assignment];
}

export function planGuestPatching(os: OsFamily, image: ImageReference, patching: ResolvedPatching, argument = 'patching'): GuestPatchPlan {
  const settings = guestPatchSettings(os, patching, argument);
  const judged = judge({
    resources: virtualMachineResources(settings, image, patching.schedule),
    argumentOf: [...patchingArguments('properties.osProfile', settings.key, argument), ...imageArguments('properties.storageProfile.imageReference')],
    argumentOfRule: patchingRuleArguments(argument),
  });
  return {
    ...settings,
    violations: withRuleViolations(settings.violations, judged.violations),
    assignSchedule: patching.schedule !== undefined,
    notes: judged.notes,
  };
}
