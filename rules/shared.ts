/** Small checks shared by rules (kept here so each rule file only wires paths to checks). */
import { isKnown, valueAt, type Field } from '../src/model/field.js';
import type { GuestPatchProfile, ImageReference } from '../src/model/types.js';

export const WINDOWS_PATCH_MODES = ['AutomaticByPlatform', 'AutomaticByOS', 'Manual'] as const;
export const LINUX_PATCH_MODES = ['AutomaticByPlatform', 'ImageDefault'] as const;

export function isWindows(profile: GuestPatchProfile): boolean {
  return isKnown(profile.os) && profile.os.value === 'Windows';
}

export function isLinux(profile: GuestPatchProfile): boolean {
  return isKnown(profile.os) && profile.os.value === 'Linux';
}

/** Case-insensitive: Azure accepts enum values in any case. */
export function sameValue(value: string, expected: string): boolean {
  return value.toLowerCase() === expected.toLowerCase();
}

export function fieldIs(field: Field<string> | undefined, expected: string): boolean {
  return isKnown(field) && sameValue(field.value, expected);
}

/** Canonical spelling of an enum value, or undefined when it is not one of them. */
export function canonical(value: string, allowed: readonly string[]): string | undefined {
  return allowed.find((candidate) => sameValue(candidate, value));
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
