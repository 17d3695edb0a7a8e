/**
 * How the launcher (bin/patchwise.js) tunes V8 and node for a short CLI run, before the CLI is
 * loaded. Its own entry in dist/cli/: it must not pull in any of the CLI.
 */
import module from 'node:module';
import { setFlagsFromString } from 'node:v8';

// A CLI run is short, and most of its code runs a few hundred times: V8's optimizing compiler spent
// about a third of a corpus lint's instructions compiling code that did not run long enough to pay
// back (docs/performance.md, round 5). Raising the threshold leaves that code to the baseline tiers
// and still optimizes what stays hot. V8 11.3 (Node 20) counts an interrupt budget: 4x its default
// 67,584. Later V8s (Node 21 and up) count invocations instead, and print an error for the old
// flag: 8x their default 3,000 (Node 22: -17% instructions on the corpus, Node 24: -9%; round 7).
const INTERRUPT_BUDGET = '--interrupt-budget=270336';
const INVOCATION_COUNT = '--invocation-count-for-turbofan=24000';
const TIER_UP_FLAGS = ['--interrupt-budget', '--invocation-count-for-turbofan'];

/** The tier-up flag for a V8 version (`process.versions.v8`), or undefined when the user gave node one. */
export function tierUpFlag(v8Version: string, givenFlags: readonly string[]): string | undefined {
  if (givenFlags.some((flag) => TIER_UP_FLAGS.includes(flag.split('=')[0].replace(/_/g, '-')))) return undefined;
  const [major, minor] = v8Version.split('.').map(Number);
  return major < 11 || (major === 11 && minor <= 3) ? INTERRUPT_BUDGET : INVOCATION_COUNT;
}

/** The flags node was given: its own arguments and NODE_OPTIONS. */
export function nodeFlags(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  return [...execArgv, ...(nodeOptions ?? '').split(/\s+/).filter(Boolean)];
}

export function tuneRuntime(): void {
  const flag = tierUpFlag(process.versions.v8, nodeFlags(process.execArgv, process.env.NODE_OPTIONS));
  if (flag) setFlagsFromString(flag);
  // Node 22.1+: node's compile cache keeps the bytecode of the CLI's modules between runs (in
  // os.tmpdir(), or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off), as tsc does. A
  // one-file lint costs 15% fewer instructions with it. It never throws: a cache it cannot use is skipped.
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
}
