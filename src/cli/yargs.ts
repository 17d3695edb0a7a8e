/**
 * yargs, loaded so that `--help` wraps between words. yargs 17's ES module build wraps by cutting
 * lines at the width, inside words ("deci de", yargs/yargs#2112); its CommonJS build wraps at word
 * boundaries (cliui with wrap-ansi). So the CLI loads the CommonJS build, also from the bundle.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageRoot } from '../engine/package-info.js';

const requireHere = createRequire(import.meta.url);

// 'yargs/yargs' is the factory without the singleton that 'yargs' builds for process.argv on load.
export const yargs = requireHere('yargs/yargs') as typeof import('yargs').default;

interface PlatformShim {
  mainFilename?: string;
}

/**
 * Every yargs instance looks for "its" package.json to guess a version: from the main CommonJS
 * module, or, under an ES module entry like patchwise's, from the working folder up, reading every
 * folder on the way (`readdirSync`) until one holds a package.json, then parsing that. A user's
 * folder is none of yargs' business (and in a folder without package.json under a large parent it
 * cost 9 ms per instance): point it at patchwise's own package. The shim is the object the
 * factory's instances share; when yargs is laid out otherwise, nothing changes.
 */
function findOwnPackage(): void {
  const build = requireHere.cache[join(dirname(requireHere.resolve('yargs/yargs')), 'build', 'index.cjs')];
  const shim = (build?.exports as { cjsPlatformShim?: PlatformShim } | undefined)?.cjsPlatformShim;
  if (shim && typeof shim.mainFilename === 'string') shim.mainFilename = join(packageRoot(), 'package.json');
}

findOwnPackage();

interface RenderedLine {
  text: string;
  span?: boolean;
}

interface CliuiPrototype {
  wrap?: number;
  renderInline?(this: CliuiPrototype, source: string, previousLine: RenderedLine): string;
}

/**
 * cliui 8 puts an option's `[string]`/`[default: …]` column on the line of its description when it
 * fits, but glues them without a space when the description ends exactly where the column starts
 * ("for change rules[string]"). Keep the column on its own line then, as when it does not fit.
 */
function keepColumnsApart(): void {
  const cliui = createRequire(requireHere.resolve('yargs/yargs'))('cliui') as (options: object) => object;
  const prototype = Object.getPrototypeOf(cliui({})) as CliuiPrototype;
  const renderInline = prototype.renderInline;
  if (!renderInline) return;
  prototype.renderInline = function (source, previousLine) {
    const leadingSpaces = source.length - source.trimStart().length;
    if (previousLine.span && this.wrap && leadingSpaces === previousLine.text.trimEnd().length) return source;
    return renderInline.call(this, source, previousLine);
  };
}

keepColumnsApart();

interface UsageInternals {
  cacheHelpMessage?: () => void;
}

/**
 * yargs 17 renders the whole help text every time a command handler starts, to keep it for a
 * later failure of an async handler (≈10 ms with cliui, on every run). patchwise never shows help
 * for such a failure (main.ts reports errors itself), and `--help` renders it when asked.
 */
export function withoutHelpCache<T>(parser: import('yargs').Argv<T>): import('yargs').Argv<T> {
  const internals = (parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => UsageInternals } }).getInternalMethods?.call(parser);
  const usage = internals?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
  return parser;
}
