/**
 * What each scenario of `patchwise plan` means, in one table: which updates it simulates, how they
 * batch, roll back and reboot, and how long they take. The fleet builder and the scheduler read
 * the profile instead of branching on the scenario name.
 */
import type { Reboot, Rollback, Scenario } from './types.js';

/** OU12: later images start rolling out within 30 minutes of the release… */
export const OS_UPGRADE_DELAY_MINUTES = 30;
/** …the first upgrade after enabling automatic OS upgrade within 3 hours. */
export const FIRST_OS_UPGRADE_DELAY_MINUTES = 180;

export interface ScenarioProfile {
  /** Guest patches (GP, HP): off-peak windows, transient installation failures retried (GP18). */
  patching: boolean;
  /** Scale sets batch by their rollingUpgradePolicy (S5, CF:362, CF:405); otherwise 20% (CF11). */
  followsRollingPolicy: boolean;
  /** The release a target gets is its set of auto-upgrading extensions, not its image. */
  releaseIsExtensions: boolean;
  /** Minutes between the release and the first update. */
  startDelayMinutes: number;
  /** Extra wait of a scale set whose automatic OS upgrade was just enabled (inventory `firstOsUpgrade`). */
  firstUpgradeExtraMinutes: number;
  /** What a failed update rolls back to, before scale-set settings (OU11) are applied. */
  rollback: Rollback;
  /** Reboot of every update, or undefined when the VM's rebootSetting (or the hotpatch month) decides. */
  reboot: Reboot | undefined;
  /** Minutes an update takes before the health gate (a model, not a published figure). */
  updateMinutes(reboot: boolean): number;
}

export const SCENARIO_PROFILES: Readonly<Record<Scenario, ScenarioProfile>> = {
  'guest-patching': {
    patching: true,
    followsRollingPolicy: false,
    releaseIsExtensions: false,
    startDelayMinutes: 0,
    firstUpgradeExtraMinutes: 0,
    // Guest patches are not rolled back automatically.
    rollback: 'none',
    reboot: undefined,
    updateMinutes: () => 60,
  },
  'hotpatch-calendar': {
    patching: true,
    followsRollingPolicy: false,
    releaseIsExtensions: false,
    startDelayMinutes: 0,
    firstUpgradeExtraMinutes: 0,
    // HP5: hotpatches are not rolled back automatically either.
    rollback: 'none',
    reboot: undefined,
    updateMinutes: (reboot) => (reboot ? 60 : 20),
  },
  'os-image-upgrade': {
    patching: false,
    followsRollingPolicy: true,
    releaseIsExtensions: false,
    startDelayMinutes: OS_UPGRADE_DELAY_MINUTES,
    firstUpgradeExtraMinutes: FIRST_OS_UPGRADE_DELAY_MINUTES - OS_UPGRADE_DELAY_MINUTES,
    // OU11: the previous OS disk is restored (unless disabled or triggered by hand).
    rollback: 'os-disk',
    reboot: 'yes',
    updateMinutes: () => 30,
  },
  'extension-upgrade': {
    patching: false,
    followsRollingPolicy: true,
    releaseIsExtensions: true,
    startDelayMinutes: 0,
    firstUpgradeExtraMinutes: 0,
    // EU4: every VM, in a set or not, gets its previous extension version back.
    rollback: 'extension-version',
    reboot: 'no',
    updateMinutes: () => 15,
  },
};
