import { isKnown } from '../../src/model/field.js';
import type { GuestPatchProfile } from '../../src/model/types.js';

/** True when the template turns hotpatch on (a known `enableHotpatching: true`). */
export function hotpatchOn(profile: GuestPatchProfile): boolean {
  return isKnown(profile.enableHotpatching) && profile.enableHotpatching.value === true;
}
