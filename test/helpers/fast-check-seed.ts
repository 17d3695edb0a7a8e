/**
 * Property tests explore new random inputs on every developer run; in CI (`CI` set) they use one
 * fixed seed, so a landing never depends on the draw. A counterexample found locally prints its
 * seed: replay it with `FC_SEED=<seed> npx vitest run <file>`, then add it as a table case of the
 * test it broke.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20_261_203 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
