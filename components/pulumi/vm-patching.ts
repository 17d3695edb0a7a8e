/**
 * From one patching intent to the guest patch settings of a VM (pure: no Pulumi). Every value the
 * settings need is derived here, once, and every combination Azure rejects or ignores is reported
 * as a Violation that names the argument and the requirement id.
 */
import { GUEST_PATCHING_IMAGES, HOTPATCH_IMAGES, isGuestPatchingSupportedImage, isHotpatchImage } from '../../src/catalog/images.js';
import type { Violation } from './errors.js';
import { describeImage, imageKind, marketplaceImage, type ImageReference } from './image.js';

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

export interface GuestPatchPlan {
  /** `windowsConfiguration` for Windows, `linuxConfiguration` for Linux. */
  key: 'windowsConfiguration' | 'linuxConfiguration';
  configuration: GuestPatchConfiguration;
  /** True when a maintenance configuration assignment must be created (schedule given). */
  assignSchedule: boolean;
  violations: Violation[];
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

const REBOOT_SETTINGS: readonly RebootSetting[] = ['IfRequired', 'Never', 'Always'];

export function planGuestPatching(os: OsFamily, image: ImageReference, patching: ResolvedPatching, argument = 'patching'): GuestPatchPlan {
  const violations: Violation[] = [];
  const notes: string[] = [];
  const at = (name: string) => `${argument}.${name}`;
  const mode = patching.mode;
  const windows = os === 'Windows';

  if (!(mode in PATCH_MODES)) {
    violations.push({ argument: at('mode'), requirement: 'GP1', message: `'${String(mode)}' is not a patching mode: use 'platform', 'os', 'manual' or 'image-default'` });
  } else if (windows && mode === 'image-default') {
    violations.push({
      argument: at('mode'),
      requirement: 'GP1',
      message: "'image-default' (ImageDefault) is a Linux patch mode: on Windows use 'os' (AutomaticByOS, the Windows default), 'platform' (AutomaticByPlatform) or 'manual'",
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
    violations.push({ argument: at('assessment'), requirement: 'GP1', message: `'${String(assessment)}' is not an assessment mode: use 'platform' or 'image-default'` });
  }

  // GP2/GP3/GP4: enableAutomaticUpdates follows the mode; an explicit value must agree with it.
  const derivedUpdates = mode !== 'manual';
  const enableAutomaticUpdates = patching.enableAutomaticUpdates ?? derivedUpdates;
  if (patching.enableAutomaticUpdates !== undefined) {
    if (!windows) {
      violations.push({ argument: at('enableAutomaticUpdates'), requirement: 'GP5', message: 'enableAutomaticUpdates is a Windows setting: remove it for a Linux VM' });
    } else if (patching.enableAutomaticUpdates !== derivedUpdates) {
      const requirement = mode === 'platform' ? 'GP2' : mode === 'os' ? 'GP3' : 'GP4';
      const extra =
        mode === 'platform'
          ? ' when the VM is created (only a VM that moved to AutomaticByPlatform from Manual keeps false: allow it with unsafeAllowInvalid: ["GP2"])'
          : '';
      violations.push({
        argument: at('enableAutomaticUpdates'),
        requirement,
        message: `patchMode ${PATCH_MODES[mode]} requires enableAutomaticUpdates ${derivedUpdates}${extra}; omit the argument and the component sets it`,
      });
    }
  }

  const platform = mode === 'platform';
  const marketplace = marketplaceImage(image);
  const kind = imageKind(image);
  if (platform) {
    if (kind === 'managed-image' || kind === 'gallery') {
      violations.push({
        argument: 'image',
        requirement: 'GP7',
        message: `patching.mode 'platform' (AutomaticByPlatform) is not supported for custom images (${describeImage(image)}): use a supported platform image or patching.mode '${windows ? 'os' : 'image-default'}'`,
      });
    } else if (marketplace && !isGuestPatchingSupportedImage(marketplace)) {
      violations.push({
        argument: 'image',
        requirement: 'GP7',
        message: `patching.mode 'platform' (AutomaticByPlatform) is not supported for image ${describeImage(image)}: only the exact publisher/offer/sku combinations Azure lists are (catalog of ${GUEST_PATCHING_IMAGES.date})`,
      });
    }
  }

  const hotpatch = patching.hotpatch === true;
  if (hotpatch) {
    if (!windows) {
      violations.push({ argument: at('hotpatch'), requirement: 'HP1', message: 'hotpatch is for Windows Server Azure Edition images only: remove it for a Linux VM' });
    } else if (!marketplace || !isHotpatchImage(marketplace)) {
      violations.push({
        argument: at('hotpatch'),
        requirement: 'HP1',
        message: `image ${describeImage(image)} does not support hotpatch; use a *-azure-edition-hotpatch sku or another Windows Server Azure Edition sku of the hotpatch catalog (${HOTPATCH_IMAGES.date})`,
      });
    }
    if (!platform) {
      violations.push({ argument: at('hotpatch'), requirement: 'HP2', message: `hotpatch requires patching.mode 'platform' (AutomaticByPlatform), not '${mode}'` });
    }
    if (patching.schedule) {
      violations.push({
        argument: at('hotpatch'),
        requirement: 'CF3',
        message: 'hotpatch needs the platform safety checks, which a customer-managed schedule (patching.schedule) bypasses: choose hotpatch or a schedule',
      });
    }
  }
  if (patching.schedule && !platform) {
    violations.push({
      argument: at('schedule'),
      requirement: 'CF2',
      message: `a maintenance schedule (customer-managed schedule) needs patching.mode 'platform' (AutomaticByPlatform), not '${mode}'`,
    });
  }
  if (patching.schedule && !patching.schedule.maintenanceConfigurationId) {
    violations.push({ argument: at('schedule.maintenanceConfigurationId'), requirement: 'CF2', message: 'a schedule needs the id of a maintenance configuration with scope InGuestPatch' });
  }
  if (patching.reboot !== undefined) {
    if (!REBOOT_SETTINGS.includes(patching.reboot)) {
      violations.push({ argument: at('reboot'), requirement: 'CF13', message: `'${String(patching.reboot)}' is not a reboot setting: use 'IfRequired', 'Never' or 'Always'` });
    } else if (!platform) {
      violations.push({ argument: at('reboot'), requirement: 'CF13', message: `the reboot setting applies to patching.mode 'platform' (AutomaticByPlatform) only, not '${mode}'` });
    } else if (patching.reboot === 'Never' && !hotpatch) {
      notes.push(`${at('reboot')} (CF13): with 'Never' and no hotpatch, patches that need a reboot stay pending until the VM is restarted`);
    }
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
    ? { enableAutomaticUpdates, provisionVMAgent: true, patchSettings }
    : { provisionVMAgent: true, patchSettings };
  return { key: windows ? 'windowsConfiguration' : 'linuxConfiguration', configuration, assignSchedule: patching.schedule !== undefined, violations, notes };
}
