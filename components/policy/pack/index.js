// Entry point of the patchwise policy pack: `pulumi preview --policy-pack <this folder>`.
// Options: createPatchwisePolicies({ preset: 'strict' }) etc. (see docs/pulumi.md).
import { servePatchwisePolicyPack } from 'patchwise/policy';

await servePatchwisePolicyPack('patchwise');
