/** Guest patching facts (GP, HP): the OS, the patch mode and its values, hotpatch, the image. */
import { fieldIs, isKnown, isTrue, valueAt } from '../field.js';
import type { GuestPatchProfile, ImageReference } from '../types.js';

export const WINDOWS_PATCH_MODES = ['AutomaticByPlatform', 'AutomaticByOS', 'Manual'] as const;
export const LINUX_PATCH_MODES = ['AutomaticByPlatform', 'ImageDefault'] as const;

export function isWindows(profile: GuestPatchProfile): boolean {
  return isKnown(profile.os) && profile.os.value === 'Windows';
}

export function isLinux(profile: GuestPatchProfile): boolean {
  return isKnown(profile.os) && profile.os.value === 'Linux';
}

export function patchSettingsWritten(body: unknown, profile: GuestPatchProfile): boolean {
  return profile.configuration !== undefined && valueAt(body, [...profile.configuration, 'patchSettings']) !== undefined;
}

/** `publisher:offer:sku` of a marketplace image when all three are known. */
export function knownImage(image: ImageReference): { publisher: string; offer: string; sku: string } | undefined {
  if (image.kind !== 'marketplace' || !isKnown(image.publisher) || !isKnown(image.offer) || !isKnown(image.sku)) return undefined;
  return { publisher: image.publisher.value, offer: image.offer.value, sku: image.sku.value };
}

export function describeImage(image: { publisher: string; offer: string; sku: string }): string {
  return `${image.publisher}:${image.offer}:${image.sku}`;
}

/** Azure patches the VM (`AutomaticByPlatform`, written or the default). */
export function isPlatformPatched(profile: GuestPatchProfile): boolean {
  return fieldIs(profile.patchMode, 'AutomaticByPlatform');
}

/** True when the template turns hotpatch on (a known `enableHotpatching: true`). */
export function hotpatchOn(profile: GuestPatchProfile): boolean {
  return isTrue(profile.enableHotpatching);
}
