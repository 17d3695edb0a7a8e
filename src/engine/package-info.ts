/**
 * The package's root folder and version, found from this module's location (works from src/,
 * dist/ and dist/cjs/, whose package.json only marks the CommonJS build and has no name).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (!root) {
    let dir = dirname(fileURLToPath(import.meta.url));
    while (!isPackageManifest(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
    root = dir;
  }
  return root;
}

function isPackageManifest(file: string): boolean {
  return existsSync(file) && typeof (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'string';
}

let version: string | undefined;

export function packageVersion(): string {
  if (!version) {
    const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
    version = manifest.version ?? '0.0.0';
  }
  return version;
}
