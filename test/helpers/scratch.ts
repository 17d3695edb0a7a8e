/** Temporary folders of generated templates for the CLI tests, and running the built CLI as another user. */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './lint-fixture.js';

export const TEMPLATE_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

export function scratchFolder(prefix = 'patchwise-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Write files (path → text, or bytes) below a folder, creating subfolders. */
export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, content] of Object.entries(files)) {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/** A template with one Windows VM; `properties` is merged into the VM's properties. */
export function windowsVmTemplate(
  options: { name?: string; windowsConfiguration?: Record<string, unknown>; extra?: Record<string, unknown> } = {},
): Record<string, unknown> {
  return {
    $schema: TEMPLATE_SCHEMA,
    contentVersion: '1.0.0.0',
    resources: [
      {
        type: 'Microsoft.Compute/virtualMachines',
        apiVersion: '2024-03-01',
        name: options.name ?? 'vm1',
        location: 'westeurope',
        properties: {
          storageProfile: { imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter', version: 'latest' } },
          osProfile: {
            computerName: 'vm1',
            adminUsername: 'azureuser',
            windowsConfiguration: options.windowsConfiguration ?? {
              provisionVMAgent: true,
              enableAutomaticUpdates: true,
              patchSettings: { patchMode: 'AutomaticByPlatform' },
            },
          },
          ...options.extra,
        },
      },
    ],
  };
}

const BUILT_CLI = join(REPO_ROOT, 'bin', 'patchwise.js');

/** Can the built CLI be run as an unprivileged user here (root with setpriv, or already not root)? */
export function canRunUnprivileged(): boolean {
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli', 'main.js'))) return false;
  return process.getuid?.() !== 0 || existsSync('/usr/bin/setpriv');
}

/** Run the built CLI as user `nobody` (permissions apply: root ignores them). */
export function runUnprivileged(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const asRoot = process.getuid?.() === 0;
  // Folders on the way must be searchable by nobody.
  if (asRoot) chmodSync(cwd, 0o777);
  const command = asRoot ? '/usr/bin/setpriv' : process.execPath;
  const prefix = asRoot ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [];
  const run = spawnSync(command, [...prefix, BUILT_CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}
