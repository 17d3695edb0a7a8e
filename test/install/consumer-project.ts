/**
 * A new user's project, made offline: `npm pack` of this repository, then `npm install` of the
 * tarball into a temporary folder. Nothing is fetched: patchwise's own dependencies are copied from
 * this repository's node_modules first (npm then finds them satisfied), and the Pulumi peers, which
 * are large, are symlinked in after the install (npm would prune links it did not make).
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../helpers/lint-fixture.js';

export const run = promisify(execFile);

/** The peers a Pulumi user installs beside patchwise (and what the consumer programs compile against). */
export const LINKED_PEERS = ['@pulumi/pulumi', '@pulumi/azure-native', '@pulumi/policy', '@types/node'];

export interface PackedFile {
  path: string;
  size: number;
}

export interface Pack {
  tarball: string;
  /** Bytes of the .tgz and of its files unpacked. */
  size: number;
  unpackedSize: number;
  files: PackedFile[];
}

export interface ConsumerProject {
  dir: string;
  pack: Pack;
  /** Milliseconds each step took, in order. */
  timings: Record<string, number>;
}

const repoModules = join(REPO_ROOT, 'node_modules');

function readManifest(dir: string): { dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
}

/** patchwise's runtime dependencies and theirs, as installed (hoisted) in this repository. */
function runtimeDependencies(): string[] {
  const found = new Set<string>();
  const visit = (name: string) => {
    if (found.has(name)) return;
    found.add(name);
    for (const dependency of Object.keys(readManifest(join(repoModules, name)).dependencies ?? {})) {
      // A dependency nested in its parent's own node_modules is copied along with the parent.
      if (existsSync(join(repoModules, dependency))) visit(dependency);
    }
  };
  for (const name of Object.keys(readManifest(REPO_ROOT).dependencies ?? {})) visit(name);
  return [...found];
}

export async function timed<T>(timings: Record<string, number>, step: string, action: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await action();
  } finally {
    timings[step] = Math.round(performance.now() - start);
  }
}

/** `npm pack` as a publish would run it; the build (`prepare`) already ran in `npm test`. */
async function packRepository(destination: string): Promise<Pack> {
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [report] = JSON.parse(stdout) as Array<{ filename: string; size: number; unpackedSize: number; files: PackedFile[] }>;
  return { tarball: join(destination, report.filename), size: report.size, unpackedSize: report.unpackedSize, files: report.files };
}

export async function createConsumerProject(): Promise<ConsumerProject> {
  const timings: Record<string, number> = {};
  const root = mkdtempSync(join(tmpdir(), 'patchwise-consumer-'));
  const pack = await timed(timings, 'npm pack', () => packRepository(root));
  const dir = join(root, 'project');
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2)}\n`);
  await timed(timings, 'npm install (offline)', async () => {
    for (const name of runtimeDependencies()) cpSync(join(repoModules, name), join(dir, 'node_modules', name), { recursive: true });
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', pack.tarball], { cwd: dir });
    for (const name of LINKED_PEERS) {
      mkdirSync(join(dir, 'node_modules', name, '..'), { recursive: true });
      symlinkSync(join(repoModules, name), join(dir, 'node_modules', name), 'dir');
    }
  });
  return { dir, pack, timings };
}
