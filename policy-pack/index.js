// Entry point of the patchwise policy pack: `pulumi preview --policy-pack <this folder>`.
// CommonJS on purpose: Pulumi's policy runner (@pulumi/pulumi/cmd/run-policy-pack) loads the pack
// with require(), which cannot load an ES module with top-level await (ERR_REQUIRE_ASYNC_MODULE).
'use strict';
const { PolicyPack } = require('@pulumi/policy');
const { patchwisePolicyPackArgs } = require('patchwise/policy');

// Options, e.g. patchwisePolicyPackArgs({ preset: 'strict' }): see docs/pulumi.md.
new PolicyPack('patchwise', patchwisePolicyPackArgs());
