/** Template expansion (src/template/expand/): this path stays the import for the engine, Bicep, plan and components. */
export { expandTemplate, elideStringLiterals, LIMITS, reuseIndex, type ExpandOptions, type ReuseIndex } from './expand/index.js';
