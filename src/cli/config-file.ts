/** Locating and reading the configuration file. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, ConfigError, parseConfig, type LoadedConfig } from '../engine/config.js';

/** `--config FILE`, else the nearest patchwise.config.json from the working directory upward, else defaults. */
export function loadConfig(cwd: string, explicit: string | undefined): LoadedConfig {
  if (explicit) {
    const file = resolve(cwd, explicit);
    if (!existsSync(file)) throw new ConfigError(`config file not found: ${explicit}`);
    return { config: parseConfig(readText(file), explicit), file, baseDir: dirname(file) };
  }
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return { config: parseConfig(readText(candidate), candidate), file: candidate, baseDir: dir };
    const parent = dirname(dir);
    if (parent === dir) return { config: {}, baseDir: resolve(cwd) };
    dir = parent;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
}
