/**
 * Bicep for the CLI: the reader is imported only when a `.bicep` or `.bicepparam` file is part of
 * the run (start-up and ARM-only runs never load it). One instance per run, so a module file used
 * by several templates is read and lowered once.
 */
import { isAbsolute, resolve } from 'node:path';
import type { InputReader, TextInput } from '../engine/lint.js';
import type { ReadResult } from '../template/json.js';
import { displayPath, UsageError } from './files.js';
import { readTextFile } from './text-file.js';

export const BICEP_NAME = /\.bicep$/i;
export const BICEP_PARAMS_NAME = /\.bicepparam$/i;

type BicepModule = typeof import('../bicep/index.js');

export interface BicepSettings {
  /** `bicep.modules` of patchwise.config.json: registry reference → local file (relative to the config file). */
  modules?: Record<string, string>;
  /** `bicep.cacheRoot`: Bicep's restore cache (default `~/.bicep`). */
  cacheRoot?: string;
}

export class BicepSupport {
  /** Modules each linted file could not read, to tell the user once per file. */
  readonly notes = new Map<string, readonly string[]>();
  private readonly read: (file: string, absolutePath: string, text: string) => ReadResult;

  private constructor(
    private readonly bicep: BicepModule,
    cwd: string,
    settings: BicepSettings,
    configDir: string,
  ) {
    const moduleMap = new Map(Object.entries(settings.modules ?? {}).map(([reference, path]) => [reference, resolve(configDir, path)]));
    this.read = bicep.bicepReader({
      readText: (path) => {
        const read = readTextFile(path);
        return read.ok ? read.file.text : undefined;
      },
      display: (path) => displayPath(path, cwd),
      cacheRoot: settings.cacheRoot ? (isAbsolute(settings.cacheRoot) ? settings.cacheRoot : resolve(configDir, settings.cacheRoot)) : undefined,
      moduleMap,
    });
  }

  /** Loaded when `paths` hold a Bicep file; undefined (nothing imported) otherwise. */
  static async load(paths: readonly string[], cwd: string, settings: BicepSettings = {}, configDir = cwd): Promise<BicepSupport | undefined> {
    if (!paths.some((path) => BICEP_NAME.test(path) || BICEP_PARAMS_NAME.test(path))) return undefined;
    return new BicepSupport(await import('../bicep/index.js'), cwd, settings, configDir);
  }

  /** How the engine reads a `.bicep` file at `absolutePath` (its baseline too; modules resolve from the working tree). */
  readerFor(absolutePath: string): InputReader {
    return {
      template: (input) => {
        const read = this.read(input.file, absolutePath, input.text);
        if (read.ok && 'notes' in read.document) {
          const notes = (read.document as { notes: readonly string[] }).notes;
          if (notes.length > 0) this.notes.set(input.file, notes);
        }
        return read;
      },
      parameters: (input) => (BICEP_PARAMS_NAME.test(input.file) ? this.bicep.readBicepParameters(input.file, input.text) : undefined),
    };
  }

  /** `--parameters x.bicepparam` must parse: a broken one would silently fall back to defaults. */
  checkParameters(input: TextInput, option: string): TextInput {
    const read = this.bicep.readBicepParameters(input.file, input.text);
    if (!read.ok) throw new UsageError(`${option}: ${input.file}:${read.error.line}:${read.error.column}: ${read.error.message}`);
    return input;
  }

  /** A baseline `.bicep` with syntax errors would silently lose resources: stop instead. */
  checkBaseline(input: TextInput, option: string): TextInput {
    const [error] = this.bicep.parseBicep(input.text).errors;
    if (error) {
      const before = input.text.slice(0, error.offset);
      const line = before.split(/\r\n|\r|\n/).length;
      throw new UsageError(`${option}: ${input.file}:${line}: ${error.message}`);
    }
    return input;
  }
}
