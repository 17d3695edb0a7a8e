/** Extension upgrade, hotpatch, expiring credentials, Update Manager schedules and Azure Policy parity rules. */
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { parseConfig, resolveSettings } from '../../src/engine/config.js';
import type { Finding } from '../../src/engine/finding.js';
import { lintTemplate } from '../../src/engine/lint.js';
import { parseSasTime, findSasTokens } from '../../rules/credentials/sas.js';
import { toIana, windowsTimeZone, windowsZonesForIana } from '../../src/catalog/time-zones.js';
import { TODAY, fixtureInput, lintFixture } from '../helpers/lint-fixture.js';

interface Expected {
  ruleId: string;
  path: string;
  line: number;
  severity?: string;
}
interface Case {
  fixture: string;
  /** Lint with the strict preset (the Azure Policy parity rules are off otherwise). */
  strict?: boolean;
  expected: Expected[];
}

const win = 'properties.osProfile.windowsConfiguration';
const bypassPath = `${win}.patchSettings.automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule`;
const rebootPath = `${win}.patchSettings.automaticByPlatformSettings.rebootSetting`;
const window = 'properties.maintenanceWindow';
const vmssWin = 'properties.virtualMachineProfile.osProfile.windowsConfiguration';

const invalid: Case[] = [
  // EU1-EU3, EU6
  {
    fixture: 'rules/extensions/automatic-upgrade-supported/invalid/custom-script.json',
    expected: [{ ruleId: 'extensions/automatic-upgrade-supported', path: 'properties.enableAutomaticUpgrade', line: 65, severity: 'warning' }],
  },
  {
    fixture: 'rules/extensions/auto-upgrade-minor-version/invalid/vm-extension-resource.json',
    expected: [{ ruleId: 'extensions/auto-upgrade-minor-version', path: 'properties.enableAutomaticUpgrade', line: 64, severity: 'warning' }],
  },
  {
    fixture: 'rules/extensions/provision-after-extensions/invalid/missing-extension.json',
    expected: [
      { ruleId: 'extensions/provision-after-extensions', path: 'properties.virtualMachineProfile.extensionProfile.extensions[1].properties.provisionAfterExtensions[1]', line: 84 },
    ],
  },
  // HP1-HP3
  {
    fixture: 'rules/hotpatch/supported-image/invalid/desktop-sku.json',
    expected: [{ ruleId: 'hotpatch/supported-image', path: 'properties.storageProfile.imageReference.sku', line: 37 }],
  },
  {
    fixture: 'rules/hotpatch/patch-mode/invalid/automatic-by-os.json',
    expected: [{ ruleId: 'hotpatch/patch-mode', path: `${win}.patchSettings.patchMode`, line: 27 }],
  },
  {
    fixture: 'rules/hotpatch/uniform-scale-set/invalid/hotpatch-enabled.json',
    expected: [
      { ruleId: 'hotpatch/uniform-scale-set', path: `${vmssWin}.patchSettings.enableHotpatching`, line: 33 },
      // Another group's rule, reported as well: patchMode does not apply to Uniform scale sets (CF5).
      { ruleId: 'orchestration/uniform-guest-patching', path: `${vmssWin}.patchSettings.patchMode`, line: 32, severity: 'warning' },
    ],
  },
  {
    fixture: 'rules/hotpatch/uniform-scale-set/invalid/hotpatch-sku.json',
    expected: [{ ruleId: 'hotpatch/uniform-scale-set', path: 'properties.virtualMachineProfile.storageProfile.imageReference.sku', line: 38, severity: 'warning' }],
  },
  // OU7
  {
    fixture: 'rules/credentials/sas-expiry/invalid/custom-script.json',
    expected: [
      { ruleId: 'credentials/sas-expiry', path: 'properties.settings.fileUris[0]', line: 67 },
      { ruleId: 'credentials/sas-expiry', path: 'properties.settings.fileUris[1]', line: 68, severity: 'warning' },
      { ruleId: 'credentials/sas-expiry', path: 'properties.protectedSettings.commandToExecute', line: 73 },
    ],
  },
  // CF2, CF3, CF9, CF13
  {
    fixture: 'rules/schedules/bypass-needs-platform/invalid/automatic-by-os.json',
    expected: [{ ruleId: 'schedules/bypass-needs-platform', path: `${win}.patchSettings.patchMode`, line: 27 }],
  },
  {
    fixture: 'rules/schedules/bypass-needs-assignment/invalid/no-assignment.json',
    expected: [{ ruleId: 'schedules/bypass-needs-assignment', path: bypassPath, line: 31, severity: 'warning' }],
  },
  {
    fixture: 'rules/schedules/hotpatch-bypass/invalid/hotpatch-with-bypass.json',
    expected: [{ ruleId: 'schedules/hotpatch-bypass', path: bypassPath, line: 31 }],
  },
  {
    fixture: 'rules/schedules/schedule-prerequisites/invalid/no-bypass.json',
    expected: [{ ruleId: 'schedules/schedule-prerequisites', path: `${win}.patchSettings.patchMode`, line: 27 }],
  },
  {
    fixture: 'rules/schedules/maintenance-window/invalid/bad-window.json',
    expected: [
      { ruleId: 'schedules/maintenance-window', path: `${window}.startDateTime`, line: 16 },
      { ruleId: 'schedules/maintenance-window', path: `${window}.expirationDateTime`, line: 17, severity: 'warning' },
      { ruleId: 'schedules/maintenance-window', path: `${window}.duration`, line: 18 },
      { ruleId: 'schedules/maintenance-window', path: `${window}.timeZone`, line: 19 },
      { ruleId: 'schedules/maintenance-window', path: `${window}.recurEvery`, line: 20 },
    ],
  },
  {
    fixture: 'rules/schedules/maintenance-window/invalid/unknown-time-zone.json',
    expected: [
      { ruleId: 'schedules/maintenance-window', path: `${window}.expirationDateTime`, line: 17 },
      { ruleId: 'schedules/maintenance-window', path: `${window}.duration`, line: 18 },
      { ruleId: 'schedules/maintenance-window', path: `${window}.timeZone`, line: 19 },
      { ruleId: 'schedules/maintenance-window', path: `${window}.recurEvery`, line: 20 },
    ],
  },
  {
    fixture: 'rules/schedules/install-patches/invalid/bad-values.json',
    expected: [
      { ruleId: 'schedules/install-patches', path: 'properties.installPatches.rebootSetting', line: 23 },
      { ruleId: 'schedules/install-patches', path: 'properties.installPatches.windowsParameters.classificationsToInclude[2]', line: 28 },
      { ruleId: 'schedules/install-patches', path: 'properties.installPatches.linuxParameters.classificationsToInclude[1]', line: 34 },
    ],
  },
  {
    fixture: 'rules/schedules/reboot-setting/invalid/never-overrides-schedule.json',
    expected: [
      { ruleId: 'schedules/reboot-setting', path: rebootPath, line: 30, severity: 'info' },
      { ruleId: 'schedules/reboot-setting', path: rebootPath, line: 30, severity: 'info' },
    ],
  },
  {
    fixture: 'rules/schedules/reboot-setting/invalid/invalid-value.json',
    expected: [{ ruleId: 'schedules/reboot-setting', path: rebootPath, line: 30 }],
  },
  // CF10, strict preset only
  {
    fixture: 'rules/policy/periodic-assessment/invalid/assessment-omitted.json',
    strict: true,
    expected: [{ ruleId: 'policy/periodic-assessment', path: win, line: 23, severity: 'warning' }],
  },
  {
    fixture: 'rules/policy/hotpatch-azure-edition/invalid/core-without-hotpatch.json',
    strict: true,
    expected: [
      { ruleId: 'policy/hotpatch-azure-edition', path: 'properties.storageProfile.imageReference.sku', line: 36, severity: 'warning' },
      { ruleId: 'policy/hotpatch-azure-edition', path: 'properties.storageProfile.imageReference.sku', line: 78, severity: 'warning' },
    ],
  },
  {
    fixture: 'rules/policy/automatic-os-upgrade/invalid/manual-upgrade.json',
    strict: true,
    expected: [{ ruleId: 'policy/automatic-os-upgrade', path: 'properties.upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade', line: 20, severity: 'warning' }],
  },
];

const valid = [
  'rules/hotpatch/supported-image/valid/windows-azure-edition-hotpatch.json',
  'rules/schedules/schedule-prerequisites/valid/customer-managed-schedule.json',
  'valid/extension-unknown-values.json',
  'rules/extensions/provision-after-extensions/valid/scale-set-provision-after.json',
];

const strictSettings = resolveSettings(parseConfig('{ "extends": "patchwise:strict" }', 'patchwise.config.json'), ALL_RULES);
const recommendedSettings = resolveSettings(parseConfig('{}', 'patchwise.config.json'), ALL_RULES);

function lintWith(fixture: string, settings: ReturnType<typeof resolveSettings>): Finding[] {
  return lintTemplate(fixtureInput(fixture), { rules: ALL_RULES, today: TODAY, settings }).findings;
}

function normalize(findings: Finding[]) {
  return findings
    .map((finding) => ({ ruleId: finding.ruleId, path: finding.path ?? '', line: finding.line, severity: finding.severity }))
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.line - b.line || a.path.localeCompare(b.path));
}

describe('extension, hotpatch, credential, schedule and policy rules: invalid fixtures', () => {
  it.each(invalid)('$fixture', ({ fixture, strict, expected }) => {
    const findings = strict ? lintWith(fixture, strictSettings) : lintFixture(fixture);
    const wanted = expected.map((finding) => ({ severity: 'error', ...finding })).sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.line - b.line || a.path.localeCompare(b.path));
    expect(normalize(findings)).toEqual(wanted);
  });
});

describe('extension, hotpatch, credential, schedule and policy rules: valid fixtures', () => {
  it.each(valid)('%s reports nothing', (fixture) => {
    expect(normalize(lintFixture(fixture))).toEqual([]);
    expect(normalize(lintWith(fixture, recommendedSettings))).toEqual([]);
  });

  it('a VM that meets all three policies reports nothing with the strict preset either', () => {
    expect(normalize(lintWith('rules/hotpatch/supported-image/valid/windows-azure-edition-hotpatch.json', strictSettings))).toEqual([]);
  });
});

describe('strict preset (Azure Policy parity, CF10)', () => {
  const policyIds = ALL_RULES.filter((rule) => rule.id.startsWith('policy/')).map((rule) => rule.id);

  it('policy rules are off by default, with the recommended preset and without settings, and warnings with patchwise:strict', () => {
    for (const id of policyIds) {
      expect(recommendedSettings.get(id)).toBe('off');
      expect(strictSettings.get(id)).toBe('warning');
    }
    for (const { fixture, strict } of invalid.filter((entry) => entry.strict)) {
      expect(strict).toBe(true);
      expect(lintFixture(fixture).filter((finding) => finding.ruleId.startsWith('policy/'))).toEqual([]);
      expect(lintWith(fixture, recommendedSettings).filter((finding) => finding.ruleId.startsWith('policy/'))).toEqual([]);
    }
  });

  it('a rules entry of the config still wins over the preset', () => {
    const settings = resolveSettings(parseConfig('{ "extends": "patchwise:strict", "rules": { "policy/periodic-assessment": "off" } }', 'c.json'), ALL_RULES);
    expect(settings.get('policy/periodic-assessment')).toBe('off');
    expect(settings.get('policy/automatic-os-upgrade')).toBe('warning');
    const findings = lintWith('rules/policy/periodic-assessment/invalid/assessment-omitted.json', settings);
    expect(findings).toEqual([]);
  });

  it('offers the deterministic fixes', () => {
    const assessment = lintWith('rules/policy/periodic-assessment/invalid/assessment-omitted.json', strictSettings);
    expect(assessment).toHaveLength(1);
    expect(assessment[0].fix).toBeDefined();
    expect(lintFixture('rules/extensions/auto-upgrade-minor-version/invalid/vm-extension-resource.json')[0].fix).toBeDefined();
    expect(lintFixture('rules/schedules/schedule-prerequisites/invalid/no-bypass.json')[0].fix).toBeDefined();
    // A choice is needed (mode or flag): no fix.
    expect(lintFixture('rules/hotpatch/patch-mode/invalid/automatic-by-os.json')[0].fix).toBeUndefined();
    const hotpatch = lintWith('rules/policy/hotpatch-azure-edition/invalid/core-without-hotpatch.json', strictSettings);
    // The -core sku can hotpatch: one finding has a fix; the -smalldisk (desktop) sku cannot, and the message says so.
    expect(hotpatch.map((finding) => finding.message).join('\n')).toContain('does not support hotpatch');
    expect(hotpatch.map((finding) => finding.fix !== undefined)).toEqual([true, false]);
  });
});

describe('SAS tokens', () => {
  const signature = 'ZmFrZVNpZ25hdHVyZVNob3VsZE5ldmVyQmVQcmludGVk';

  it('never puts the signature (or the URI) into a message', () => {
    const findings = lintFixture('rules/credentials/sas-expiry/invalid/custom-script.json');
    expect(findings.length).toBe(3);
    for (const finding of findings) {
      expect(finding.message).not.toContain(signature);
      expect(finding.message).not.toMatch(/sig=/i);
      expect(finding.message).not.toContain('blob.core.windows.net');
      expect(JSON.stringify(finding)).not.toContain(signature);
    }
    expect(findings.map((finding) => finding.message)).toContainEqual(expect.stringContaining('the SAS token in settings.fileUris[0] expired on 2025-01-31'));
  });

  it('uses the horizon: 0 days turns the warning off, 60 days adds the 2026-12 token only', () => {
    const run = (sasHorizonDays: number) =>
      lintTemplate(fixtureInput('rules/credentials/sas-expiry/invalid/custom-script.json'), { rules: ALL_RULES, today: TODAY, sasHorizonDays }).findings.map((finding) => finding.severity);
    expect(run(0).sort()).toEqual(['error', 'error']);
    expect(run(60).sort()).toEqual(['error', 'error', 'warning']);
  });

  it('reads SAS expiry formats and ignores URIs without a signature or with an unknown value', () => {
    expect(parseSasTime('2025-01-31')?.toISOString()).toBe('2025-01-31T00:00:00.000Z');
    expect(parseSasTime('2025-01-31T10:20Z')?.toISOString()).toBe('2025-01-31T10:20:00.000Z');
    expect(parseSasTime('2025-01-31T10:20:30.5Z')?.toISOString()).toBe('2025-01-31T10:20:30.000Z');
    expect(parseSasTime('2025-02-30')).toBeUndefined();
    expect(parseSasTime('tomorrow')).toBeUndefined();
    expect(findSasTokens({ a: 'https://x.blob.core.windows.net/c/b?se=2020-01-01' }, [])).toEqual([]);
    expect(findSasTokens({ a: ['see https://x/c?se=2020-01-01T00%3A00Z&sig=abc and more'] }, ['settings'])).toMatchObject([{ path: ['settings', 'a', 0], expiryText: '2020-01-01T00:00Z' }]);
  });
});

describe('time zones', () => {
  it('knows Windows names without case, and maps IANA names', () => {
    expect(windowsTimeZone('w. europe standard time')).toBe('W. Europe Standard Time');
    expect(windowsTimeZone('UTC')).toBe('UTC');
    expect(windowsTimeZone('Europe/Berlin')).toBeUndefined();
    expect(windowsZonesForIana('Europe/Berlin')).toEqual(['W. Europe Standard Time']);
    expect(toIana('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(toIana('Nowhere Standard Time')).toBeUndefined();
  });
});
