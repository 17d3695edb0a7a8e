/** Minimum Compute API versions from the requirements, and API version ordering. */

/** GP8: patchSettings fully supported from this version. */
export const PATCH_SETTINGS_API = '2020-12-01';
/** GP8: Windows patchSettings with limited functionality from this version. */
export const PATCH_SETTINGS_WINDOWS_LIMITED_API = '2020-06-01';
/** OU4: automatic OS image upgrade. */
export const AUTO_OS_UPGRADE_API = '2018-10-01';
/** OU5: from this version enableAutomaticUpdates must be false with automatic OS upgrade (Windows). */
export const AUTO_OS_UPGRADE_WINDOWS_UPDATES_API = '2019-03-01';
/** CF12: extensions of this Compute API version or later upgrade automatically unless they opt out. */
export const AUTO_EXTENSION_UPGRADE_DEFAULT_API = '2025-04-01';

/**
 * Order API versions (`YYYY-MM-DD` with an optional `-preview`-like suffix). A suffixed version
 * sorts before the GA version of the same date. Malformed versions compare as strings.
 */
export function compareApiVersions(a: string, b: string): number {
  const pattern = /^(\d{4}-\d{2}-\d{2})(?:-(.+))?$/;
  const left = pattern.exec(a.trim());
  const right = pattern.exec(b.trim());
  if (!left || !right) return a < b ? -1 : a > b ? 1 : 0;
  if (left[1] !== right[1]) return left[1] < right[1] ? -1 : 1;
  if (!left[2] && !right[2]) return 0;
  if (!left[2]) return 1;
  if (!right[2]) return -1;
  return left[2] < right[2] ? -1 : left[2] > right[2] ? 1 : 0;
}
