/** The rollout plan engine (`patchwise plan`): pure functions over the model; no file or process access. */
export { planRollout, type PlanOptions } from './plan.js';
export { diffPlans } from './diff.js';
export { buildFleet, type FleetInput } from './fleet.js';
export { renderJson } from './render/json.js';
export { renderText } from './render/text.js';
export { renderMarkdown } from './render/markdown.js';
export { nextPatchRelease, parseDate } from './time.js';
export * from './types.js';
