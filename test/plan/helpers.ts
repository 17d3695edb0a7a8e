/** Shared helpers of the plan tests: in-memory CLI runs, templates in memory, the plan schema. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { prepareTemplate } from '../../src/engine/lint.js';
import type { FleetInput } from '../../src/plan/fleet.js';
import { REPO_ROOT } from '../helpers/lint-fixture.js';

export { REPO_ROOT };
export const PLAN_FIXTURES = join(REPO_ROOT, 'fixtures', 'plan');
export const START = Date.UTC(2026, 11, 8);

export async function run(args: string[], cwd = REPO_ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env: {}, stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), stdoutIsTTY: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Model a template object or a fixture file, the way the CLI does. */
export function fleetInput(template: object | string, file = 'fleet.json'): FleetInput {
  const text = typeof template === 'string' ? readFileSync(join(PLAN_FIXTURES, template), 'utf8') : JSON.stringify(template);
  const prepared = prepareTemplate({ file, text }, undefined, { rules: [] });
  if (!prepared.model) throw new Error(`cannot model ${file}`);
  return { file, model: prepared.model };
}

const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof import('ajv').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
export const validatePlan = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'plan.schema.json'), 'utf8')) as object);
export const validateInventory = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'inventory.schema.json'), 'utf8')) as object);

export const TEMPLATE_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

export function template(resources: object[]): object {
  return { $schema: TEMPLATE_SCHEMA, contentVersion: '1.0.0.0', resources };
}

export function vm(
  name: string,
  location: string,
  options: { mode?: string; zones?: string[]; avset?: string; os?: 'Windows' | 'Linux'; hotpatch?: boolean; timeZone?: string } = {},
): object {
  const os = options.os ?? 'Windows';
  const patchSettings: Record<string, unknown> = { patchMode: options.mode ?? 'AutomaticByPlatform' };
  if (options.hotpatch) patchSettings.enableHotpatching = true;
  const configuration =
    os === 'Windows'
      ? {
          windowsConfiguration: {
            enableAutomaticUpdates: options.mode !== 'Manual',
            patchSettings,
            ...(options.timeZone ? { timeZone: options.timeZone } : {}),
          },
        }
      : { linuxConfiguration: { patchSettings } };
  return {
    type: 'Microsoft.Compute/virtualMachines',
    apiVersion: '2024-03-01',
    name,
    location,
    ...(options.zones ? { zones: options.zones } : {}),
    properties: {
      ...(options.avset ? { availabilitySet: { id: `[resourceId('Microsoft.Compute/availabilitySets', '${options.avset}')]` } } : {}),
      osProfile: { computerName: name, adminUsername: 'azureuser', ...configuration },
      storageProfile: { osDisk: { createOption: 'FromImage', osType: os } },
    },
  };
}

export function availabilitySet(name: string, location: string, updateDomains: number): object {
  return {
    type: 'Microsoft.Compute/availabilitySets',
    apiVersion: '2024-03-01',
    name,
    location,
    properties: { platformUpdateDomainCount: updateDomains, platformFaultDomainCount: 2 },
  };
}

export function scaleSet(
  name: string,
  location: string,
  capacity: number,
  options: { flexible?: boolean; zones?: string[]; batch?: number; autoOs?: boolean; mode?: string } = {},
): object {
  return {
    type: 'Microsoft.Compute/virtualMachineScaleSets',
    apiVersion: '2024-03-01',
    name,
    location,
    sku: { name: 'Standard_D2s_v5', capacity },
    ...(options.zones ? { zones: options.zones } : {}),
    properties: {
      ...(options.flexible ? { orchestrationMode: 'Flexible' } : {}),
      upgradePolicy: {
        mode: 'Rolling',
        automaticOSUpgradePolicy: { enableAutomaticOSUpgrade: options.autoOs ?? true },
        rollingUpgradePolicy: { maxBatchInstancePercent: options.batch ?? 20 },
      },
      virtualMachineProfile: {
        osProfile: {
          computerNamePrefix: name,
          adminUsername: 'azureuser',
          linuxConfiguration: { patchSettings: { patchMode: options.mode ?? 'AutomaticByPlatform' } },
        },
        storageProfile: { osDisk: { createOption: 'FromImage', osType: 'Linux' } },
      },
    },
  };
}
