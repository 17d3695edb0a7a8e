import { describe, expect, it } from 'vitest';
import { lintFixture } from '../helpers/lint-fixture.js';

/** A fixture and the findings it must produce: rule, property path, line (nothing more, nothing less). */
interface Case {
  fixture: string;
  baseline?: string | null;
  expected: Array<{ ruleId: string; path: string; line: number; severity?: string }>;
}

const osPath = 'properties.osProfile.windowsConfiguration';

const invalid: Case[] = [
  {
    fixture: 'rules/guest-patching/patch-mode-value/invalid/linux-automatic-by-os.json',
    expected: [{ ruleId: 'guest-patching/patch-mode-value', path: 'properties.osProfile.linuxConfiguration.patchSettings.patchMode', line: 29 }],
  },
  {
    fixture: 'rules/guest-patching/patch-mode-value/invalid/windows-misspelled.json',
    expected: [{ ruleId: 'guest-patching/patch-mode-value', path: `${osPath}.patchSettings.patchMode`, line: 29 }],
  },
  {
    fixture: 'rules/guest-patching/windows-automatic-updates/invalid/manual-with-default-updates.json',
    expected: [{ ruleId: 'guest-patching/windows-automatic-updates', path: `${osPath}.patchSettings.patchMode`, line: 29 }],
  },
  {
    fixture: 'rules/guest-patching/windows-automatic-updates/invalid/by-os-updates-off.json',
    expected: [{ ruleId: 'guest-patching/windows-automatic-updates', path: `${osPath}.enableAutomaticUpdates`, line: 28 }],
  },
  {
    fixture: 'rules/guest-patching/windows-automatic-updates/invalid/platform-updates-off.json',
    expected: [{ ruleId: 'guest-patching/windows-automatic-updates', path: `${osPath}.enableAutomaticUpdates`, line: 28 }],
  },
  {
    // The value comes from a parameter default: the finding points at the property that uses it.
    fixture: 'rules/guest-patching/windows-automatic-updates/invalid/mode-from-parameter-default.json',
    expected: [{ ruleId: 'guest-patching/windows-automatic-updates', path: `${osPath}.enableAutomaticUpdates`, line: 40 }],
  },
  {
    // Two VMs from a copy loop, the profile from a variable: both findings point into the variable.
    fixture: 'rules/guest-patching/windows-automatic-updates/invalid/copy-loop-profile-variable.json',
    expected: [
      { ruleId: 'guest-patching/windows-automatic-updates', path: `${osPath}.enableAutomaticUpdates`, line: 18 },
      { ruleId: 'guest-patching/windows-automatic-updates', path: `${osPath}.enableAutomaticUpdates`, line: 18 },
    ],
  },
  {
    fixture: 'rules/guest-patching/windows-automatic-updates/invalid/flexible-scale-set-manual.json',
    expected: [
      { ruleId: 'guest-patching/windows-automatic-updates', path: 'properties.virtualMachineProfile.osProfile.windowsConfiguration.enableAutomaticUpdates', line: 32 },
    ],
  },
  {
    fixture: 'rules/guest-patching/vm-agent-required/invalid/platform-without-agent.json',
    expected: [{ ruleId: 'guest-patching/vm-agent-required', path: `${osPath}.provisionVMAgent`, line: 29 }],
  },
  {
    fixture: 'rules/guest-patching/supported-image/invalid/unsupported-sku.json',
    expected: [{ ruleId: 'guest-patching/supported-image', path: 'properties.storageProfile.imageReference.sku', line: 37 }],
  },
  {
    fixture: 'rules/guest-patching/supported-image/invalid/managed-image.json',
    expected: [{ ruleId: 'guest-patching/supported-image', path: 'properties.storageProfile.imageReference.id', line: 36 }],
  },
  {
    fixture: 'rules/guest-patching/api-version/invalid/windows-2020-06-01.json',
    expected: [{ ruleId: 'guest-patching/api-version', path: 'apiVersion', line: 16, severity: 'warning' }],
  },
  {
    fixture: 'rules/guest-patching/no-patch-extension/invalid/child-extension.json',
    expected: [{ ruleId: 'guest-patching/no-patch-extension', path: 'properties.type', line: 64 }],
  },
  {
    fixture: 'rules/guest-patching/rhel-packagekit/invalid/rhel-platform.json',
    expected: [{ ruleId: 'guest-patching/rhel-packagekit', path: 'properties.osProfile.linuxConfiguration.patchSettings.patchMode', line: 29, severity: 'info' }],
  },
  // Change rules (GP9, GP10, GP2 on creation only).
  { fixture: 'change/after-platform.json', baseline: 'change/before-manual.json', expected: [] },
  {
    fixture: 'change/after-platform.json',
    baseline: null,
    expected: [{ ruleId: 'guest-patching/windows-automatic-updates', path: `${osPath}.enableAutomaticUpdates`, line: 28 }],
  },
  {
    fixture: 'change/after-by-os.json',
    baseline: 'change/before-manual.json',
    expected: [
      { ruleId: 'change/enable-automatic-updates-changed', path: `${osPath}.enableAutomaticUpdates`, line: 28 },
      { ruleId: 'change/patch-mode-switch', path: `${osPath}.patchSettings.patchMode`, line: 30 },
    ],
  },
  {
    fixture: 'change/after-manual.json',
    baseline: 'change/before-by-os.json',
    expected: [
      { ruleId: 'change/patch-mode-switch', path: `${osPath}.patchSettings.patchMode`, line: 30 },
      { ruleId: 'guest-patching/windows-automatic-updates', path: `${osPath}.enableAutomaticUpdates`, line: 28 },
    ],
  },
  { fixture: 'change/after-platform-updates-on.json', baseline: 'change/before-by-os.json', expected: [] },
  {
    fixture: 'change/after-platform-updates-on.json',
    baseline: 'change/before-manual.json',
    // Manual -> AutomaticByPlatform is a supported switch; the changed enableAutomaticUpdates is not.
    expected: [{ ruleId: 'change/enable-automatic-updates-changed', path: `${osPath}.enableAutomaticUpdates`, line: 28 }],
  },
];

const valid = [
  'valid/windows-vm-platform-patching.json',
  'valid/linux-vm-platform-patching.json',
  'valid/windows-vm-manual.json',
  'valid/windows-vm-defaults.json',
  'valid/windows-vm-updates-off-no-mode.json',
  'valid/patch-mode-from-unknown-parameter.json',
  'valid/linux-vm-custom-image-default-mode.json',
  'valid/with-comments.jsonc',
];

function normalize(findings: ReturnType<typeof lintFixture>) {
  return findings
    .map((finding) => ({ ruleId: finding.ruleId, path: finding.path ?? '', line: finding.line, severity: finding.severity }))
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.line - b.line);
}

describe('rules: invalid fixtures report exactly the expected findings', () => {
  it.each(invalid)('$fixture (baseline $baseline)', ({ fixture, baseline, expected }) => {
    const actual = normalize(lintFixture(fixture, { baseline }));
    const wanted = expected
      .map((finding) => ({ severity: 'error', ...finding }))
      .sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.line - b.line);
    expect(actual).toEqual(wanted);
  });
});

describe('rules: valid fixtures report nothing', () => {
  it.each(valid)('%s', (fixture) => {
    expect(normalize(lintFixture(fixture))).toEqual([]);
  });
});

describe('suppressions', () => {
  it('keeps an inline-suppressed finding, marked with its reason', () => {
    const findings = lintFixture('valid/suppressed-inline.json');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'guest-patching/windows-automatic-updates', suppressed: { kind: 'inline', reason: 'legacy VM, replaced in Q3' } });
  });
});

describe('parse errors', () => {
  it('reports the line and column of the syntax error', () => {
    const findings = lintFixture('core/parse-error/missing-comma.json');
    expect(findings).toMatchObject([{ ruleId: 'parse-error', severity: 'error', line: 5, column: 51 }]);
  });
});
