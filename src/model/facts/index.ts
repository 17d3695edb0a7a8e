/**
 * The facts layer: every domain question about the model (is automatic OS upgrade on, which
 * health signal does a scale set have, which maintenance configurations are assigned to a VM,
 * can it hotpatch, …) is answered here, once. Rules, the plan engine, the Pulumi components and
 * the policy pack ask these functions instead of deciding again. Pure functions of the model;
 * each answer tells "no" apart from "cannot tell".
 */
export * from './api-versions.js';
export * from './assignments.js';
export * from './credentials.js';
export * from './extensions.js';
export * from './health.js';
export * from './maintenance.js';
export * from './patching.js';
export * from './scale-sets.js';
export * from './service-fabric.js';
