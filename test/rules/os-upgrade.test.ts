/**
 * Automatic OS image upgrade, rolling upgrades, orchestration modes and health signals (OU, CF4-CF8):
 * each fixture and the exact findings it produces with every rule (rule, path, line, severity).
 */
import { describe, expect, it } from 'vitest';
import { lintFixture } from '../helpers/lint-fixture.js';
import { OS_UPGRADE_RULES } from '../../rules/os-upgrade/index.js';

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
    fixture: 'invalid/image-version-latest/gallery-version.json',
    expected: [
      { ruleId: 'os-upgrade/image-version-latest', path: `${vmp}storageProfile.imageReference.id`, line: 41 },
    ],
  },
  {
    fixture: 'invalid/image-version-latest/pinned-version.json',
    expected: [
      { ruleId: 'os-upgrade/image-version-latest', path: `${vmp}storageProfile.imageReference.version`, line: 85, fix: true },
    ],
  },
  {
    fixture: 'invalid/os-upgrade-supported-image/dropped-image.json',
    expected: [
      { ruleId: 'os-upgrade/supported-image', path: `${vmp}storageProfile.imageReference.sku`, line: 84 },
    ],
  },
  {
    fixture: 'invalid/os-upgrade-supported-image/managed-image.json',
    expected: [
      { ruleId: 'os-upgrade/supported-image', path: `${vmp}storageProfile.imageReference.id`, line: 82 },
    ],
  },
  {
    fixture: 'invalid/os-upgrade-api-version/legacy-property.json',
    expected: [
      { ruleId: 'os-upgrade/api-version', path: `${up}automaticOSUpgrade`, line: 26 },
    ],
  },
  {
    fixture: 'invalid/os-upgrade-api-version/policy-before-2018-10.json',
    expected: [
      { ruleId: 'os-upgrade/api-version', path: 'apiVersion', line: 16 },
      { ruleId: 'schema/property-api-version', path: `${up}automaticOSUpgradePolicy`, line: 26 },
    ],
  },
  {
    fixture: 'invalid/os-upgrade-windows-automatic-updates/updates-on.json',
    expected: [
      { ruleId: 'os-upgrade/windows-automatic-updates', path: `${os}windowsConfiguration.enableAutomaticUpdates`, line: 77, fix: true },
    ],
  },
  {
    fixture: 'invalid/health-signal/flexible-platform-patching.json',
    expected: [
      { ruleId: 'os-upgrade/health-signal', path: `${os}linuxConfiguration.patchSettings.patchMode`, line: 35 },
    ],
  },
  {
    fixture: 'invalid/health-signal/flexible-rolling-probe-only.json',
    expected: [
      { ruleId: 'os-upgrade/health-signal', path: `${up}mode`, line: 68 },
    ],
  },
  {
    fixture: 'invalid/health-signal/probe-and-extension.json',
    expected: [
      { ruleId: 'os-upgrade/health-signal', path: `${vmp}networkProfile.healthProbe.id`, line: 93 },
    ],
  },
  {
    fixture: 'invalid/health-signal/probe-not-found.json',
    expected: [
      { ruleId: 'os-upgrade/health-signal', path: `${vmp}networkProfile.healthProbe.id`, line: 92 },
    ],
  },
  {
    fixture: 'invalid/health-signal/uniform-auto-upgrade-no-signal.json',
    expected: [
      { ruleId: 'os-upgrade/health-signal', path: `${up}automaticOSUpgradePolicy.enableAutomaticOSUpgrade`, line: 27 },
    ],
  },
  {
    fixture: 'invalid/health-signal/uniform-rolling-no-signal.json',
    expected: [
      { ruleId: 'os-upgrade/health-signal', path: `${up}mode`, line: 25 },
    ],
  },
  {
    fixture: 'invalid/service-fabric-durability/bronze-old-extension.json',
    expected: [
      { ruleId: 'os-upgrade/service-fabric-durability', path: `${ext}typeHandlerVersion`, line: 112 },
      { ruleId: 'os-upgrade/service-fabric-durability', path: `${ext}settings.durabilityLevel`, line: 117 },
    ],
  },
  {
    fixture: 'invalid/service-fabric-durability/cluster-mismatch.json',
    expected: [
      { ruleId: 'os-upgrade/service-fabric-durability', path: `${ext}settings.durabilityLevel`, line: 117 },
    ],
  },
  {
    fixture: 'invalid/policy-ranges/flexible-rollback.json',
    expected: [
      { ruleId: 'rolling-upgrade/policy-ranges', path: `${up}rollingUpgradePolicy.rollbackFailedInstancesOnPolicyBreach`, line: 29 },
    ],
  },
  {
    fixture: 'invalid/policy-ranges/large-batch-auto-upgrade.json',
    expected: [
      { ruleId: 'rolling-upgrade/policy-ranges', path: `${up}rollingUpgradePolicy.maxBatchInstancePercent`, line: 68, severity: 'warning' },
    ],
  },
  {
    fixture: 'invalid/policy-ranges/out-of-range.json',
    expected: [
      { ruleId: 'rolling-upgrade/policy-ranges', path: `${up}rollingUpgradePolicy.maxBatchInstancePercent`, line: 68 },
      { ruleId: 'rolling-upgrade/policy-ranges', path: `${up}rollingUpgradePolicy.maxUnhealthyInstancePercent`, line: 69 },
      { ruleId: 'rolling-upgrade/policy-ranges', path: `${up}rollingUpgradePolicy.maxUnhealthyUpgradedInstancePercent`, line: 70 },
      { ruleId: 'rolling-upgrade/policy-ranges', path: `${up}rollingUpgradePolicy.pauseTimeBetweenBatches`, line: 71 },
    ],
  },
  {
    fixture: 'invalid/automatic-os-upgrade/flexible-max-surge.json',
    expected: [
      { ruleId: 'orchestration/automatic-os-upgrade', path: `${up}rollingUpgradePolicy.maxSurge`, line: 29 },
    ],
  },
  {
    fixture: 'invalid/automatic-os-upgrade/flexible.json',
    expected: [
      { ruleId: 'orchestration/automatic-os-upgrade', path: `${up}automaticOSUpgradePolicy.enableAutomaticOSUpgrade`, line: 29, severity: 'warning' },
    ],
  },
  {
    fixture: 'invalid/automatic-os-upgrade/platform-patch-mode.json',
    expected: [
      { ruleId: 'orchestration/automatic-os-upgrade', path: `${os}linuxConfiguration.patchSettings.patchMode`, line: 79 },
    ],
  },
  {
    fixture: 'invalid/uniform-guest-patching/uniform-platform.json',
    expected: [
      { ruleId: 'orchestration/uniform-guest-patching', path: `${os}linuxConfiguration.patchSettings.patchMode`, line: 38, severity: 'warning' },
    ],
  },
  {
    fixture: 'invalid/service-fabric/defaults.json',
    expected: [
      { ruleId: 'orchestration/service-fabric', path: `${up}mode`, line: 54, fix: true },
      { ruleId: 'orchestration/service-fabric', path: `${os}windowsConfiguration.enableAutomaticUpdates`, line: 60, severity: 'warning', fix: true },
    ],
  },
  {
    fixture: 'invalid/service-fabric/flexible.json',
    expected: [
      { ruleId: 'orchestration/automatic-os-upgrade', path: `${up}automaticOSUpgradePolicy.enableAutomaticOSUpgrade`, line: 59, severity: 'warning' },
      { ruleId: 'orchestration/service-fabric', path: 'properties.orchestrationMode', line: 54 },
    ],
  },
  {
    fixture: 'invalid/service-fabric/rolling-with-probe.json',
    expected: [
      { ruleId: 'orchestration/service-fabric', path: `${up}mode`, line: 96, fix: true },
      { ruleId: 'orchestration/service-fabric', path: `${vmp}networkProfile.healthProbe.id`, line: 123 },
      { ruleId: 'os-upgrade/windows-automatic-updates', path: `${os}windowsConfiguration.enableAutomaticUpdates`, line: 107, fix: true },
    ],
  },
  {
    fixture: 'invalid/application-health-settings/bad-protocol.json',
    expected: [
      { ruleId: 'health/application-health-settings', path: `${ext}settings.protocol`, line: 85 },
    ],
  },
  {
    fixture: 'invalid/application-health-settings/http-without-path.json',
    expected: [
      { ruleId: 'health/application-health-settings', path: `${ext}typeHandlerVersion`, line: 82 },
      { ruleId: 'health/application-health-settings', path: `${ext}settings.protocol`, line: 85 },
    ],
  },
  {
    fixture: 'invalid/application-health-settings/tcp-with-request-path.json',
    expected: [
      { ruleId: 'health/application-health-settings', path: `${ext}settings.protocol`, line: 85 },
      { ruleId: 'health/application-health-settings', path: `${ext}settings.requestPath`, line: 86, fix: true },
      { ruleId: 'health/application-health-settings', path: `${ext}settings.intervalInSeconds`, line: 87 },
      { ruleId: 'health/application-health-settings', path: `${ext}settings.numberOfProbes`, line: 88 },
      { ruleId: 'health/application-health-settings', path: `${ext}settings.gracePeriod`, line: 89 },
    ],
  },
  {
    fixture: 'invalid/load-balancer-probe/basic-multiple-placement-groups.json',
    expected: [
      { ruleId: 'health/load-balancer-probe', path: 'properties.singlePlacementGroup', line: 62 },
    ],
  },
  {
    fixture: 'invalid/load-balancer-probe/slow-probe.json',
    expected: [
      { ruleId: 'health/load-balancer-probe', path: 'properties.probes[0].properties.intervalInSeconds', line: 44, severity: 'warning' },
    ],
  },
];

const valid = [
  'valid/os-upgrade/uniform-probe-rolling.json',
  'valid/os-upgrade/windows-health-extension.json',
  'valid/os-upgrade/probe-outside-template.json',
  'valid/os-upgrade/extension-profile-unknown.json',
  'valid/os-upgrade/flexible-extension-resource.json',
  'valid/os-upgrade/gallery-image.json',
  'valid/os-upgrade/service-fabric-silver.json',
  'valid/os-upgrade/unknown-values.json',
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
    const [finding] = lintFixture('invalid/image-version-latest/pinned-version.json');
    expect(finding.fix?.edits).toHaveLength(1);
    expect(finding.fix?.edits[0].content).toBe('"latest"');
  });

  it('turns enableAutomaticUpdates off', () => {
    const [finding] = lintFixture('invalid/os-upgrade-windows-automatic-updates/updates-on.json');
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
