/**
 * From the intent of a patch schedule to the args of an InGuestPatch maintenance configuration
 * (pure: no Pulumi). The CF9 checks are the lint rules' own (schedules/maintenance-window,
 * schedules/install-patches), run on the configuration the component would create; their findings
 * come back as Violations on the component's arguments. Only what the rules do not check is checked
 * here: the recurrence grammar, a missing start, a patch selection that installs nothing.
 */
import { windowsTimeZone } from '../../src/catalog/time-zones.js';
import installPatches from '../../rules/schedules/install-patches.js';
import maintenanceWindow from '../../rules/schedules/maintenance-window.js';
import { SCHEDULE_REBOOT_SETTINGS } from '../../rules/schedules/install-patches.js';
import type { Violation } from './errors.js';
import { judge, withRuleViolations, type ArgumentOf } from './judge.js';

export type ScheduleRebootSetting = (typeof SCHEDULE_REBOOT_SETTINGS)[number];
export type WindowsClassification = 'Critical' | 'Security' | 'UpdateRollup' | 'FeaturePack' | 'ServicePack' | 'Definition' | 'Tools' | 'Updates';
export type LinuxClassification = 'Critical' | 'Security' | 'Other';

/** When the schedule runs (the configuration's `maintenanceWindow`). */
export interface PatchWindow {
  /** First window, `yyyy-MM-dd HH:mm` in `timeZone`, e.g. `2026-12-12 22:00` (required; at least 15 minutes after creation). */
  start: string;
  /** Length, `HH:mm` between `01:30` and `03:55` (default `03:00`). */
  duration?: string;
  /** A Windows time-zone name, e.g. `W. Europe Standard Time` (default `UTC`); written with the catalog's spelling. */
  timeZone?: string;
  /**
   * Recurrence in the documented grammar, at least 6 hours apart (default `1Week Saturday`):
   * `6Hours`, `Day`, `3Days`, `Week`, `2Weeks Saturday,Sunday`, `Month`, `Month day1,day15`,
   * `Month Second Tuesday`, `Month Last Sunday Offset-3` (offset -6…6).
   */
  recurEvery?: string;
  /** Last possible window, `yyyy-MM-dd HH:mm` (default: none, Azure's `9999-12-31 23:59:59`). */
  expiration?: string;
}

/** Windows updates to install (`installPatches.windowsParameters`). */
export interface WindowsPatchSelection {
  /** Default `['Critical', 'Security']`. */
  classifications?: WindowsClassification[];
  kbNumbersToInclude?: string[];
  kbNumbersToExclude?: string[];
  excludeKbsRequiringReboot?: boolean;
}

/** Linux packages to install (`installPatches.linuxParameters`). */
export interface LinuxPatchSelection {
  /** Default `['Critical', 'Security']`. */
  classifications?: LinuxClassification[];
  packageNameMasksToInclude?: string[];
  packageNameMasksToExclude?: string[];
}

export interface ResolvedPatchSchedule {
  window: PatchWindow;
  reboot?: ScheduleRebootSetting;
  windows?: WindowsPatchSelection;
  linux?: LinuxPatchSelection;
}

export const PATCH_SCHEDULE_DEFAULTS = {
  duration: '03:00',
  timeZone: 'UTC',
  recurEvery: '1Week Saturday',
  reboot: 'IfRequired',
  classifications: ['Critical', 'Security'],
} as const;

/** The azure-native args of the configuration (besides resource group, location, name and tags). */
export interface MaintenanceConfigurationPlan {
  maintenanceScope: 'InGuestPatch';
  visibility: 'Custom';
  extensionProperties: { InGuestPatchMode: 'User' };
  startDateTime: string;
  duration: string;
  timeZone: string;
  recurEvery: string;
  expirationDateTime?: string;
  installPatches: {
    rebootSetting: string;
    windowsParameters: Record<string, unknown>;
    linuxParameters: Record<string, unknown>;
  };
}

export interface PatchSchedulePlan {
  configuration: MaintenanceConfigurationPlan;
  violations: Violation[];
  /** Findings of lower severity (e.g. an expiration already past), logged with pulumi.log.warn. */
  notes: string[];
}

const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const RECURRENCE_GRAMMAR = [
  /^(\d+)?\s*hours?$/i,
  /^(\d+)?\s*days?$/i,
  new RegExp(`^(\\d+)?\\s*weeks?(?:\\s+${WEEKDAY}(?:\\s*,\\s*${WEEKDAY})*)?$`, 'i'),
  new RegExp(
    `^(\\d+)?\\s*months?(?:\\s+day\\d{1,2}(?:\\s*,\\s*day\\d{1,2})*|\\s+(?:first|second|third|fourth|last)\\s+${WEEKDAY}(?:\\s+offset\\s*[+-]?\\d+)?)?$`,
    'i',
  ),
];

/** True when `value` follows the documented recurEvery grammar (ranges are the lint rule's: hours >= 6, offset -6…6). */
export function isRecurrence(value: string): boolean {
  const text = value.trim();
  const match = RECURRENCE_GRAMMAR.map((pattern) => pattern.exec(text)).find((found) => found !== null);
  if (!match) return false;
  if (match[1] !== undefined && Number(match[1]) < 1) return false;
  return [...text.matchAll(/day(\d{1,2})/gi)].every((day) => Number(day[1]) >= 1 && Number(day[1]) <= 31);
}

/** ARM path of a rule finding → the component's argument. */
const ARGUMENT_OF: readonly ArgumentOf[] = [
  { path: 'properties.maintenanceWindow.startDateTime', argument: 'window.start' },
  { path: 'properties.maintenanceWindow.expirationDateTime', argument: 'window.expiration' },
  { path: 'properties.maintenanceWindow.duration', argument: 'window.duration' },
  { path: 'properties.maintenanceWindow.timeZone', argument: 'window.timeZone' },
  { path: 'properties.maintenanceWindow.recurEvery', argument: 'window.recurEvery' },
  { path: 'properties.installPatches.rebootSetting', argument: 'reboot' },
  { path: 'properties.installPatches.windowsParameters.classificationsToInclude', argument: 'windows.classifications' },
  { path: 'properties.installPatches.linuxParameters.classificationsToInclude', argument: 'linux.classifications' },
];

/** The CF9 rules of the linter, run on one configuration. */
const CF9_RULES = [maintenanceWindow, installPatches];

export function planPatchSchedule(intent: ResolvedPatchSchedule, today: Date = new Date()): PatchSchedulePlan {
  const violations: Violation[] = [];
  const push = (argument: string, message: string) => violations.push({ argument, requirement: 'CF9', message });
  const window = intent.window ?? ({} as PatchWindow);

  if (typeof window.start !== 'string' || window.start.trim() === '') {
    push(
      'window.start',
      "an InGuestPatch schedule needs the date and time of its first window, 'yyyy-MM-dd HH:mm' in window.timeZone (e.g. '2026-12-12 22:00')",
    );
  }
  const recurEvery = window.recurEvery ?? PATCH_SCHEDULE_DEFAULTS.recurEvery;
  if (!isRecurrence(recurEvery)) {
    push(
      'window.recurEvery',
      `'${recurEvery}' is not in the documented recurrence grammar: e.g. '6Hours', 'Day', '3Days', '1Week Saturday', '2Weeks Saturday,Sunday', 'Month day1,day15', 'Month Second Tuesday', 'Month Last Sunday Offset-3'`,
    );
  }
  const timeZone = window.timeZone ?? PATCH_SCHEDULE_DEFAULTS.timeZone;
  const windowsParameters = selection(intent.windows, ['kbNumbersToInclude', 'kbNumbersToExclude', 'excludeKbsRequiringReboot']);
  const linuxParameters = selection(intent.linux, ['packageNameMasksToInclude', 'packageNameMasksToExclude']);
  if ((windowsParameters.classificationsToInclude as unknown[]).length === 0 && !intent.windows?.kbNumbersToInclude?.length) {
    push('windows.classifications', "an empty list installs no Windows update: list classifications (e.g. ['Critical', 'Security']) or kbNumbersToInclude");
  }
  if ((linuxParameters.classificationsToInclude as unknown[]).length === 0 && !intent.linux?.packageNameMasksToInclude?.length) {
    push('linux.classifications', "an empty list installs no Linux package: list classifications (e.g. ['Critical', 'Security']) or packageNameMasksToInclude");
  }

  const configuration: MaintenanceConfigurationPlan = {
    maintenanceScope: 'InGuestPatch',
    visibility: 'Custom',
    extensionProperties: { InGuestPatchMode: 'User' },
    startDateTime: typeof window.start === 'string' ? window.start.trim() : '',
    duration: window.duration ?? PATCH_SCHEDULE_DEFAULTS.duration,
    // Windows compares time-zone names without case; write the catalog's spelling.
    timeZone: windowsTimeZone(timeZone) ?? timeZone,
    recurEvery,
    ...(window.expiration !== undefined ? { expirationDateTime: window.expiration.trim() } : {}),
    installPatches: { rebootSetting: intent.reboot ?? PATCH_SCHEDULE_DEFAULTS.reboot, windowsParameters, linuxParameters },
  };

  // The lint rules of CF9 on the configuration as it will be created.
  const judged = judge({
    resources: [
      {
        type: 'azure-native:maintenance:MaintenanceConfiguration',
        name: 'schedule',
        props: { resourceGroupName: 'rg', resourceName: 'schedule', ...configuration },
      },
    ],
    argumentOf: ARGUMENT_OF,
    rules: CF9_RULES,
    today,
  });
  return { configuration, violations: withRuleViolations(violations, judged.violations), notes: judged.notes };
}

function selection<T extends { classifications?: string[] }>(value: T | undefined, keys: ReadonlyArray<keyof T & string>): Record<string, unknown> {
  const out: Record<string, unknown> = { classificationsToInclude: [...(value?.classifications ?? PATCH_SCHEDULE_DEFAULTS.classifications)] };
  for (const key of keys) if (value?.[key] !== undefined) out[key] = value[key];
  return out;
}
