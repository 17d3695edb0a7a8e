/**
 * ARM template functions that `patchwise convert` keeps in the programs it writes, with ARM's own
 * results: `uniqueString` and `guid` hash their arguments exactly as Azure does, so names derived
 * from them stay the names the template deployed (Pulumi's converter drops `uniqueString`).
 */
import * as pulumi from '@pulumi/pulumi';
import { deterministicGuid, uniqueString as armUniqueString } from '../../src/template/expression/functions/hash.js';

/** ARM `uniqueString(…)`: 13 characters from a 64-bit MurmurHash of the arguments joined by `-`. */
export function uniqueString(...parts: pulumi.Input<string>[]): pulumi.Output<string> {
  return pulumi.all(parts).apply((values) => armUniqueString(values));
}

/** ARM `guid(…)`: a name-based GUID of the arguments. */
export function guid(...parts: pulumi.Input<string>[]): pulumi.Output<string> {
  return pulumi.all(parts).apply((values) => deterministicGuid(values));
}
