/**
 * Automatic OS image upgrade, rolling upgrades, orchestration modes and health signals (OU, CF4-CF8):
 * each fixture and the exact findings it produces with every rule (rule, path, line, severity).
 */
import { describe, expect, it } from 'vitest';
import { lintFixture } from '../helpers/lint-fixture.js';
import { ALL_RULES } from '../../rules/index.js';
const OS_UPGRADE_RULES = ALL_RULES.filter((rule) => /^(os-upgrade|health|orchestration|rolling-upgrade)\//.test(rule.id));

interface Expected {
  ruleId: string;
  path: string;
  line: number;
  severity?: string;
  /** The finding offers a fix. */
  fix?: boolean;
}

interface Case {
  fixture: string;
  expected: Expected[];
}

const vmp = 'properties.virtualMachineProfile.';
const os = `${vmp}osProfile.`;
const up = 'properties.upgradePolicy.';
const ext = `${vmp}extensionProfile.extensions[0].properties.`;

const invalid: Case[] = [
  {
    fixture: 'rules/os-upgrade/image-version-latest/invalid/gallery-version.json',
    expected: [
      { ruleId: 'os-upgrade/image-version-latest', path: `${vmp}storageProfile.imageReference.id`, line: 41 },
    ],
  },
  {
    fixture: 'rules/os-upgrade/image-version-latest/invalid/pinned-version.json',
    expected: [
      { ruleId: 'os-upgrade/image-version-latest', path: `${vmp}storageProfile.imageReference.version`, line: 85, fix: true },
    ],
  },
  {
    fixture: 'rules/os-upgrade/supported-image/invalid/dropped-image.json',
    expected: [
      { ruleId: 'os-upgrade/supported-image', path: `${vmp}storageProfile.imageReference.sku`, line: 84 },
    ],
  },
  {
    fixture: 'rules/os-upgrade/supported-image/invalid/managed-image.json',
    expected: [
      { ruleId: 'os-upgrade/supported-image', path: `${vmp}storageProfile.imageReference.id`, line: 82 },
    ],
  },
  {
    fixture: 'rules/os-upgrade/api-version/invalid/legacy-property.json',
    expected: [
      { ruleId: 'os-upgrade/api-version', path: `${up}automaticOSUpgrade`, line: 26 },
    ],
  },
  {
    fixture: 'rules/os-upgrade/api-version/invalid/policy-before-2018-10.json',
    expected: [
      { ruleId: 'os-upgrade/api-version', path: 'apiVersion', line: 16 },
      { ruleId: 'schema/property-api-version', path: `${up}automaticOSUpgradePolicy`, line: 26 },
    ],
  },
  {
    fixture: 'rules/os-upgrade/windows-automatic-updates/invalid/updates-on.json',
    expected: [
      { ruleId: 'os-upgrade/windows-automatic-updates', path: `${os}windowsConfiguration.enableAutomaticUpdates`, line: 77, fix: true },
    ],
  },
  {
    fixture: 'rules/os-upgrade/health-signal/invalid/flexible-platform-patching.json',
    expected: [
      { ruleId: 'os-upgrade/health-signal', path: `${os}linuxConfiguration.patchSettings.patchMode`, line: 35 },
    ],
  },
  {
    fixture: 'rules/os-upgrade/health-signal/invalid/flexible-rolling-probe-only.json',
    expected: [
      { ruleId: 'os-upgrade/health-signal', path: `${up}mode`, line: 68 },
    ],
  },
  {
    fixture: 'rules/os-upgrade/health-signal/invalid/probe-and-extension.json',
    expected: [
      { ruleId: 'os-upgrade/health-signal', path: `${vmp}networkProfile.healthProbe.id`, line: 93 },
    ],
  },
  {
    fixture: 'rules/os-upgrade/health-signal/invalid/probe-not-found.json',
    expected: [
      { ruleId: 'os-upgrade/health-signal', path: `${vmp}networkProfile.healthProbe.id`, line: 92 },
    ],
  },
  {
    fixture: 'rules/os-upgrade/health-signal/invalid/uniform-auto-upgrade-no-signal.json',
    expected: [
      { ruleId: 'os-upgrade/health-signal', path: `${up}automaticOSUpgradePolicy.enableAutomaticOSUpgrade`, line: 27 },
    ],
  },
  {
    fixture: 'rules/os-upgrade/health-signal/invalid/uniform-rolling-no-signal.json',
    expected: [
      { ruleId: 'os-upgrade/health-signal', path: `${up}mode`, line: 25 },
    ],
  },
  {
    fixture: 'rules/os-upgrade/service-fabric-durability/invalid/bronze-old-extension.json',
    expected: [
      { ruleId: 'os-upgrade/service-fabric-durability', path: `${ext}typeHandlerVersion`, line: 112 },
      { ruleId: 'os-upgrade/service-fabric-durability', path: `${ext}settings.durabilityLevel`, line: 117 },
    ],
  },
  {
    fixture: 'rules/os-upgrade/service-fabric-durability/invalid/cluster-mismatch.json',
    expected: [
      { ruleId: 'os-upgrade/service-fabric-durability', path: `${ext}settings.durabilityLevel`, line: 117 },
    ],
  },
  {
    fixture: 'rules/rolling-upgrade/policy-ranges/invalid/flexible-rollback.json',
    expected: [
      { ruleId: 'rolling-upgrade/policy-ranges', path: `${up}rollingUpgradePolicy.rollbackFailedInstancesOnPolicyBreach`, line: 29 },
    ],
  },
  {
    fixture: 'rules/rolling-upgrade/policy-ranges/invalid/large-batch-auto-upgrade.json',
    expected: [
      { ruleId: 'rolling-upgrade/policy-ranges', path: `${up}rollingUpgradePolicy.maxBatchInstancePercent`, line: 68, severity: 'warning' },
    ],
  },
  {
    fixture: 'rules/rolling-upgrade/policy-ranges/invalid/out-of-range.json',
    expected: [
      { ruleId: 'rolling-upgrade/policy-ranges', path: `${up}rollingUpgradePolicy.maxBatchInstancePercent`, line: 68 },
      { ruleId: 'rolling-upgrade/policy-ranges', path: `${up}rollingUpgradePolicy.maxUnhealthyInstancePercent`, line: 69 },
      { ruleId: 'rolling-upgrade/policy-ranges', path: `${up}rollingUpgradePolicy.maxUnhealthyUpgradedInstancePercent`, line: 70 },
      { ruleId: 'rolling-upgrade/policy-ranges', path: `${up}rollingUpgradePolicy.pauseTimeBetweenBatches`, line: 71 },
    ],
  },
  {
    fixture: 'rules/orchestration/automatic-os-upgrade/invalid/flexible-max-surge.json',
    expected: [
      { ruleId: 'orchestration/automatic-os-upgrade', path: `${up}rollingUpgradePolicy.maxSurge`, line: 29 },
    ],
  },
  {
    fixture: 'rules/orchestration/automatic-os-upgrade/invalid/flexible.json',
    expected: [
      { ruleId: 'orchestration/automatic-os-upgrade', path: `${up}automaticOSUpgradePolicy.enableAutomaticOSUpgrade`, line: 29, severity: 'warning' },
    ],
  },
  {
    fixture: 'rules/orchestration/automatic-os-upgrade/invalid/platform-patch-mode.json',
    expected: [
      { ruleId: 'orchestration/automatic-os-upgrade', path: `${os}linuxConfiguration.patchSettings.patchMode`, line: 79 },
    ],
  },
  {
    fixture: 'rules/orchestration/uniform-guest-patching/invalid/uniform-platform.json',
    expected: [
      { ruleId: 'orchestration/uniform-guest-patching', path: `${os}linuxConfiguration.patchSettings.patchMode`, line: 38, severity: 'warning' },
    ],
  },
  {
    fixture: 'rules/orchestration/service-fabric/invalid/defaults.json',
    expected: [
      { ruleId: 'orchestration/service-fabric', path: `${up}mode`, line: 54, fix: true },
      { ruleId: 'orchestration/service-fabric', path: `${os}windowsConfiguration.enableAutomaticUpdates`, line: 60, severity: 'warning', fix: true },
    ],
  },
  {
    fixture: 'rules/orchestration/service-fabric/invalid/flexible.json',
    expected: [
      { ruleId: 'orchestration/automatic-os-upgrade', path: `${up}automaticOSUpgradePolicy.enableAutomaticOSUpgrade`, line: 59, severity: 'warning' },
      { ruleId: 'orchestration/service-fabric', path: 'properties.orchestrationMode', line: 54 },
    ],
  },
  {
    fixture: 'rules/orchestration/service-fabric/invalid/rolling-with-probe.json',
    expected: [
      { ruleId: 'orchestration/service-fabric', path: `${up}mode`, line: 96, fix: true },
      { ruleId: 'orchestration/service-fabric', path: `${vmp}networkProfile.healthProbe.id`, line: 123 },
      { ruleId: 'os-upgrade/windows-automatic-updates', path: `${os}windowsConfiguration.enableAutomaticUpdates`, line: 107, fix: true },
    ],
  },
  {
    fixture: 'rules/health/application-health-settings/invalid/bad-protocol.json',
    expected: [
      { ruleId: 'health/application-health-settings', path: `${ext}settings.protocol`, line: 85 },
    ],
  },
  {
    fixture: 'rules/health/application-health-settings/invalid/http-without-path.json',
    expected: [
      { ruleId: 'health/application-health-settings', path: `${ext}typeHandlerVersion`, line: 82 },
      { ruleId: 'health/application-health-settings', path: `${ext}settings.protocol`, line: 85 },
    ],
  },
  {
    fixture: 'rules/health/application-health-settings/invalid/tcp-with-request-path.json',
    expected: [
      { ruleId: 'health/application-health-settings', path: `${ext}settings.protocol`, line: 85 },
      { ruleId: 'health/application-health-settings', path: `${ext}settings.requestPath`, line: 86, fix: true },
      { ruleId: 'health/application-health-settings', path: `${ext}settings.intervalInSeconds`, line: 87 },
      { ruleId: 'health/application-health-settings', path: `${ext}settings.numberOfProbes`, line: 88 },
      { ruleId: 'health/application-health-settings', path: `${ext}settings.gracePeriod`, line: 89 },
    ],
  },
  {
    fixture: 'rules/health/load-balancer-probe/invalid/basic-multiple-placement-groups.json',
    expected: [
      { ruleId: 'health/load-balancer-probe', path: 'properties.singlePlacementGroup', line: 62 },
    ],
  },
  {
    fixture: 'rules/health/load-balancer-probe/invalid/slow-probe.json',
    expected: [
      { ruleId: 'health/load-balancer-probe', path: 'properties.probes[0].properties.intervalInSeconds', line: 44, severity: 'warning' },
    ],
  },
];

const valid = [
  'rules/os-upgrade/health-signal/valid/uniform-probe-rolling.json',
  'rules/os-upgrade/health-signal/valid/windows-health-extension.json',
  'rules/os-upgrade/health-signal/valid/probe-outside-template.json',
  'rules/os-upgrade/health-signal/valid/extension-profile-unknown.json',
  'rules/os-upgrade/health-signal/valid/flexible-extension-resource.json',
  'rules/os-upgrade/supported-image/valid/gallery-image.json',
  'rules/os-upgrade/service-fabric-durability/valid/service-fabric-silver.json',
  'valid/scale-set-unknown-values.json',
];

function normalize(findings: ReturnType<typeof lintFixture>) {
  return findings
    .map((finding) => ({ ruleId: finding.ruleId, path: finding.path ?? '', line: finding.line, severity: finding.severity, fix: finding.fix !== undefined }))
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.line - b.line || a.path.localeCompare(b.path));
}

describe('os-upgrade rules: invalid fixtures report exactly the expected findings', () => {
  it.each(invalid)('$fixture', ({ fixture, expected }) => {
    const wanted = expected
      .map((finding) => ({ severity: 'error', fix: false, ...finding }))
      .sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.line - b.line || a.path.localeCompare(b.path));
    expect(normalize(lintFixture(fixture))).toEqual(wanted);
  });
});

describe('os-upgrade rules: valid fixtures report nothing (all rules)', () => {
  it.each(valid)('%s', (fixture) => {
    expect(normalize(lintFixture(fixture))).toEqual([]);
  });
});

describe('os-upgrade rules: fixes', () => {
  it('sets the image version to latest', () => {
    const [finding] = lintFixture('rules/os-upgrade/image-version-latest/invalid/pinned-version.json');
    expect(finding.fix?.edits).toHaveLength(1);
    expect(finding.fix?.edits[0].content).toBe('"latest"');
  });

  it('turns enableAutomaticUpdates off', () => {
    const [finding] = lintFixture('rules/os-upgrade/windows-automatic-updates/invalid/updates-on.json');
    expect(finding.fix?.edits[0].content).toBe('false');
  });
});

describe('os-upgrade rules: metadata', () => {
  it('every rule of the group has an area/name id, requirements and messages', () => {
    expect(OS_UPGRADE_RULES.length).toBeGreaterThanOrEqual(8);
    for (const rule of OS_UPGRADE_RULES) {
      expect(rule.id).toMatch(/^[a-z-]+\/[a-z-]+$/);
      expect(rule.requirements.length).toBeGreaterThan(0);
    }
    const covered = new Set(OS_UPGRADE_RULES.flatMap((rule) => rule.requirements));
    for (const id of ['OU1', 'OU2', 'OU3', 'OU4', 'OU5', 'OU6', 'OU8', 'OU9', 'OU10', 'OU13', 'CF4', 'CF5', 'CF6', 'CF7', 'CF8']) expect(covered.has(id), id).toBe(true);
  });
});
