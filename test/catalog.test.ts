/** Catalogs: the derived API-version table is current and agrees with current-facts.md; the image and requirement tables are in step with the spec. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { derive, GENERATED_FILE, render } from '../scripts/derive-api-versions.js';
import { firstApiVersion, propertyStatus, enumValues, knownApiVersions } from '../src/catalog/api-versions.js';
import { compareApiVersions } from '../src/catalog/api-requirements.js';
import {
  isGuestPatchingSupportedImage,
  isHotpatchImage,
  imageOs,
  isRhelImage,
  GUEST_PATCHING_IMAGES,
  AUTO_OS_UPGRADE_IMAGES,
  HOTPATCH_IMAGES,
} from '../src/catalog/images.js';
import { AUTO_UPGRADE_EXTENSIONS, supportsAutomaticUpgrade, isPlatformPatchExtension } from '../src/catalog/extensions.js';
import { REQUIREMENTS } from '../src/catalog/requirements.js';
import { SHARED } from './helpers/lint-fixture.js';

const schemas = join(SHARED, 'arm-schemas');
const VM = 'Microsoft.Compute/virtualMachines';
const VMSS = 'Microsoft.Compute/virtualMachineScaleSets';
const win = ['properties', 'osProfile', 'windowsConfiguration'];
const linux = ['properties', 'osProfile', 'linuxConfiguration'];

describe.skipIf(!existsSync(schemas))('derived API-version table', () => {
  it('is up to date with the schemas (npm run derive:api-versions)', () => {
    expect(render(derive(schemas))).toBe(readFileSync(GENERATED_FILE, 'utf8'));
  });
});

describe('first API versions agree with current-facts.md (CF1)', () => {
  const vmssProfile = ['properties', 'virtualMachineProfile', 'osProfile'];
  it.each([
    [VM, [...win, 'patchSettings', 'patchMode'], '2020-06-01'],
    [VM, [...linux, 'patchSettings', 'patchMode'], '2020-12-01'],
    [VM, [...win, 'patchSettings', 'enableHotpatching'], '2020-12-01'],
    [VM, [...win, 'patchSettings', 'assessmentMode'], '2021-03-01'],
    [VM, [...win, 'patchSettings', 'automaticByPlatformSettings', 'rebootSetting'], '2022-03-01'],
    [VM, [...win, 'patchSettings', 'automaticByPlatformSettings', 'bypassPlatformSafetyChecksOnUserSchedule'], '2023-03-01'],
    ['Microsoft.Compute/virtualMachines/extensions', ['properties', 'enableAutomaticUpgrade'], '2020-06-01'],
    [VMSS, ['properties', 'upgradePolicy', 'automaticOSUpgradePolicy'], '2018-10-01'],
    [VMSS, ['properties', 'upgradePolicy', 'automaticOSUpgradePolicy', 'useRollingUpgradePolicy'], '2022-03-01'],
    [VMSS, ['properties', 'upgradePolicy', 'rollingUpgradePolicy', 'maxSurge'], '2022-11-01'],
    [VMSS, ['properties', 'upgradePolicy', 'rollingUpgradePolicy', 'rollbackFailedInstancesOnPolicyBreach'], '2022-11-01'],
    [VMSS, ['properties', 'upgradePolicy', 'automaticOSUpgradePolicy', 'osRollingUpgradeDeferral'], '2023-09-01'],
    [VMSS, [...vmssProfile, 'windowsConfiguration', 'patchSettings', 'patchMode'], '2020-06-01'], // as in the published schema
  ] as Array<[string, string[], string]>)('%s %j first in %s', (type, path, first) => {
    expect(firstApiVersion(type, path)).toBe(first);
  });

  it('classifies properties per version: defined, later, misspelled, unchecked', () => {
    expect(propertyStatus(VM, '2020-12-01', [...win, 'patchSettings', 'patchMode'])).toEqual({ status: 'defined' });
    expect(propertyStatus(VM, '2019-07-01', [...win, 'patchSettings'])).toEqual({ status: 'later', firstVersion: '2020-06-01' });
    expect(propertyStatus(VM, '2022-03-01', [...win, 'patchSettings', 'patchmode'])).toEqual({ status: 'unknown', suggestion: 'patchMode', caseOnly: true });
    expect(propertyStatus(VM, '2022-03-01', [...win, 'patchSettings', 'patchMod'])).toEqual({ status: 'unknown', suggestion: 'patchMode' });
    expect(propertyStatus(VM, '2099-01-01', [...win, 'anything'])).toEqual({ status: 'unchecked' });
    expect(propertyStatus('Microsoft.Network/loadBalancers', '2022-03-01', ['properties'])).toEqual({ status: 'unchecked' });
    // Free-form extension settings are never checked, in old and new schemas alike.
    for (const version of ['2019-07-01', '2024-11-01', '2025-04-01']) {
      expect(propertyStatus('Microsoft.Compute/virtualMachines/extensions', version, ['properties', 'settings', 'anyKey', 'nested'])).toEqual({
        status: 'defined',
      });
    }
  });

  it('knows the enum values per version', () => {
    expect(enumValues(VM, '2022-03-01', [...linux, 'patchSettings', 'patchMode'])).toEqual(['AutomaticByPlatform', 'ImageDefault']);
    expect(enumValues(VM, '2022-03-01', [...win, 'patchSettings', 'patchMode'])).toEqual(['AutomaticByOS', 'AutomaticByPlatform', 'Manual']);
    expect(knownApiVersions(VM)).toContain('2024-07-01');
  });

  it('orders API versions by date, previews after their release date', () => {
    expect(compareApiVersions('2020-06-01', '2020-12-01')).toBeLessThan(0);
    expect(compareApiVersions('2021-03-01', '2021-03-01')).toBe(0);
    expect(compareApiVersions('2016-04-30-preview', '2016-03-30')).toBeGreaterThan(0);
  });
});

describe('image and extension catalogs carry source and date', () => {
  it.each([GUEST_PATCHING_IMAGES, AUTO_OS_UPGRADE_IMAGES, HOTPATCH_IMAGES, AUTO_UPGRADE_EXTENSIONS])('$source', (table) => {
    expect(table.source).toMatch(/^S\d+\w* https:\/\/learn\.microsoft\.com\//);
    expect(table.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(table.rows.length).toBeGreaterThan(2);
  });

  it('matches images without case, by exact sku', () => {
    expect(isGuestPatchingSupportedImage({ publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition' })).toBe(true);
    expect(isGuestPatchingSupportedImage({ publisher: 'microsoftwindowsserver', offer: 'windowsserver', sku: '2019-DATACENTER' })).toBe(true);
    expect(isGuestPatchingSupportedImage({ publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2019-datacenter-nonexistent' })).toBe(false);
    expect(isHotpatchImage({ publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition-hotpatch' })).toBe(true);
    expect(isHotpatchImage({ publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2019-datacenter' })).toBe(false);
    expect(imageOs({ publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2' })).toBe('Linux');
    expect(imageOs({ publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2019-datacenter' })).toBe('Windows');
    expect(isRhelImage({ publisher: 'RedHat', offer: 'RHEL', sku: '8-lvm-gen2' })).toBe(true);
  });

  it('knows the extensions that support automatic upgrade and the platform patch extensions', () => {
    expect(supportsAutomaticUpgrade('Microsoft.Azure.Monitor', 'AzureMonitorLinuxAgent')).toBe(true);
    expect(supportsAutomaticUpgrade('microsoft.azure.monitor', 'azuremonitorwindowsagent')).toBe(true);
    expect(supportsAutomaticUpgrade('Microsoft.Compute', 'CustomScriptExtension')).toBe(false);
    expect(isPlatformPatchExtension('Microsoft.CPlat.Core', 'WindowsPatchExtension')).toBe(true);
    expect(isPlatformPatchExtension('Microsoft.CPlat.Core', 'LinuxPatchExtension')).toBe(true);
  });
});

describe.skipIf(!existsSync(join(SHARED, 'spec', 'requirements.md')))('requirements table', () => {
  it('lists every requirement id of spec/requirements.md with its kinds', () => {
    const spec = readFileSync(join(SHARED, 'spec', 'requirements.md'), 'utf8');
    const rows = [...spec.matchAll(/^\|\s*([A-Z]{2}\d+[a-z]?)\s*\|\s*([LCPD ]+?)\s*\|/gm)].map((m) => ({ id: m[1], kinds: m[2].split(/\s+/).sort() }));
    expect(rows.length).toBeGreaterThan(50);
    expect(REQUIREMENTS.map((r) => ({ id: r.id, kinds: [...r.kinds].sort() }))).toEqual(rows);
  });
});
