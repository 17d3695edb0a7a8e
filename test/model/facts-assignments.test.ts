/**
 * Update Manager schedules (CF2, CF9): which configuration assignments count as a VM's (the older
 * `virtualMachines/providers/configurationAssignments` type, `scope`, languageVersion 2.0), scale
 * sets with Customer Managed Schedules, and `patchwise lint --fix` on the schedules rules.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignmentsFor, assignmentsOf } from '../../src/model/facts/index.js';
import { ALL_RULES } from '../../rules/index.js';
import type { Finding } from '../../src/engine/finding.js';
import { findingRow } from '../helpers/rule-tester.js';
import { lintTemplate, prepareTemplate } from '../../src/engine/lint.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, TODAY, fixtureInput, lintFixture } from '../helpers/lint-fixture.js';

/**
 * The older assignment type, an extension resource of the VM. Built here rather than kept as fixture
 * files: the Pulumi policy-pack test replays every fixture through azure-native inputs, which have no
 * such type (only maintenance:ConfigurationAssignment).
 */
function legacyTemplate(options: { bypass: boolean }): string {
  const template = JSON.parse(fixtureInput('rules/schedules/bypass-needs-assignment/valid/scope-only-assignment.json').text);
  const settings = template.resources[0].properties.osProfile.windowsConfiguration.patchSettings.automaticByPlatformSettings;
  if (!options.bypass) delete settings.bypassPlatformSafetyChecksOnUserSchedule;
  template.resources[2] = {
    type: 'Microsoft.Compute/virtualMachines/providers/configurationAssignments',
    apiVersion: '2021-09-01-preview',
    name: 'vm1/Microsoft.Maintenance/schedule1-assignment',
    location: 'westeurope',
    dependsOn: ["[resourceId('Microsoft.Compute/virtualMachines', 'vm1')]"],
    properties: { maintenanceConfigurationId: "[resourceId('Microsoft.Maintenance/maintenanceConfigurations', 'schedule1')]" },
  };
  return `${JSON.stringify(template, null, 2)}\n`;
}

const normalize = (findings: Finding[]) => findings.map(findingRow);

describe('schedules: the older type Microsoft.Compute/virtualMachines/providers/configurationAssignments', () => {
  const lint = (text: string) => lintTemplate({ file: 'legacy.json', text }, { rules: ALL_RULES, today: TODAY }).findings;

  it("counts as the VM's assignment: no bypass-needs-assignment warning", () => {
    expect(normalize(lint(legacyTemplate({ bypass: true })))).toEqual([]);
  });

  it("also as a child declared in the VM's resources (type relative to the VM, with a slash)", () => {
    const template = JSON.parse(legacyTemplate({ bypass: true }));
    const child = template.resources.splice(2, 1)[0];
    template.resources[0].resources = [
      { ...child, type: 'providers/configurationAssignments', name: 'Microsoft.Maintenance/schedule1-assignment', dependsOn: undefined },
    ];
    expect(normalize(lint(JSON.stringify(template, null, 2)))).toEqual([]);
  });

  it('so its prerequisites are checked: schedule-prerequisites, with a fix', () => {
    const findings = lint(legacyTemplate({ bypass: false }));
    expect(normalize(findings)).toEqual([
      {
        ruleId: 'schedules/schedule-prerequisites',
        messageId: 'noBypass',
        path: 'properties.osProfile.windowsConfiguration.patchSettings.patchMode',
        line: 27,
        severity: 'error',
        fix: true,
      },
    ]);
    expect(findings[0].fix).toBeDefined();
  });
});

/** The model of a template text, and the assignments the schedule rules see for its VM `vm1`. */
function assignmentsOfVm(text: string, vmName = 'vm1') {
  const prepared = prepareTemplate({ file: 't.json', text }, undefined, { rules: ALL_RULES, today: TODAY });
  const model = prepared.model!;
  const vm = model.virtualMachines.find((candidate) => candidate.name === vmName)!;
  return { model, result: assignmentsFor(vm, model) };
}

function template(resources: unknown[], parameters: Record<string, unknown> = {}): string {
  const vm = JSON.parse(fixtureInput('rules/schedules/bypass-needs-assignment/valid/scope-only-assignment.json').text).resources[0];
  return JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters,
    resources: [vm, ...resources],
  });
}

const assignment = (extra: Record<string, unknown>, properties: Record<string, unknown> = {}) => ({
  type: 'Microsoft.Maintenance/configurationAssignments',
  apiVersion: '2023-04-01',
  name: 'a1',
  location: 'westeurope',
  ...extra,
  properties: { maintenanceConfigurationId: "[resourceId('Microsoft.Maintenance/maintenanceConfigurations', 'schedule1')]", ...properties },
});

describe('assignmentsFor', () => {
  it('reads the older type from its name: <vm>/Microsoft.Maintenance/<assignment>', () => {
    const legacy = {
      type: 'Microsoft.Compute/virtualMachines/providers/configurationAssignments',
      apiVersion: '2021-09-01-preview',
      name: 'VM1/Microsoft.Maintenance/a1',
      location: 'westeurope',
      properties: { maintenanceConfigurationId: 'x' },
    };
    const { model, result } = assignmentsOfVm(template([legacy]));
    expect(assignmentsOf(model)[0].target).toEqual({ kind: 'id', id: 'microsoft.compute/virtualmachines/vm1' });
    expect(result.known).toHaveLength(1);
    // A name that does not say which VM: unresolved, so it may be this VM's.
    const unknownName = { ...legacy, name: "[concat(parameters('vmName'), '/Microsoft.Maintenance/a1')]" };
    const other = assignmentsOfVm(template([unknownName], { vmName: { type: 'string' } })).result;
    expect(other).toEqual({ known: [], maybe: true });
  });

  it('scope decides; a resource group, an unknown value or a dynamic filter leaves it open; a known other VM does not count', () => {
    const vm2 = "[resourceId('Microsoft.Compute/virtualMachines', 'vm2')]";
    const cases: Array<[unknown, { known: number; maybe: boolean }]> = [
      [assignment({ scope: "[resourceId('Microsoft.Compute/virtualMachines', 'vm1')]" }), { known: 1, maybe: false }],
      [assignment({ scope: 'Microsoft.Compute/virtualMachines/vm1' }), { known: 1, maybe: false }],
      [assignment({ scope: vm2 }), { known: 0, maybe: false }],
      [assignment({}, { resourceId: vm2 }), { known: 0, maybe: false }],
      // scope names vm2, but properties.resourceId says vm1 (or is not known): it may be vm1's.
      [assignment({ scope: vm2 }, { resourceId: "[resourceId('Microsoft.Compute/virtualMachines', 'vm1')]" }), { known: 0, maybe: true }],
      [assignment({ scope: vm2 }, { resourceId: "[parameters('target')]" }), { known: 0, maybe: true }],
      [assignment({ scope: "[parameters('target')]" }), { known: 0, maybe: true }],
      [assignment({ scope: '[resourceGroup().id]' }), { known: 0, maybe: true }],
      [assignment({}), { known: 0, maybe: true }],
      [assignment({ scope: vm2 }, { filter: { resourceTypes: ['Microsoft.Compute/virtualMachines'] } }), { known: 0, maybe: true }],
      // A bare name that is not the VM's symbolic name: not known either way.
      [assignment({ scope: 'somethingElse' }), { known: 0, maybe: true }],
    ];
    for (const [resource, expected] of cases) {
      const { result } = assignmentsOfVm(template([resource], { target: { type: 'string' } }));
      expect({ known: result.known.length, maybe: result.maybe }, JSON.stringify(resource)).toEqual(expected);
    }
  });
});

describe('patchwise lint --fix on the schedules rules', () => {
  const run = runCli;

  const fixable = [
    'rules/schedules/schedule-prerequisites/invalid/no-bypass.json',
    'rules/schedules/schedule-prerequisites/invalid/scope-assignment-bypass-false.json',
    'rules/schedules/maintenance-window/invalid/iana-time-zone.json',
  ];

  it('applies the fixes of schedule-prerequisites and maintenance-window, and the result lints clean for the schedules rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchwise-schedules-fix-'));
    for (const name of fixable) {
      copyFileSync(join(FIXTURES, name), join(dir, basename(name)));
      const before = lintFixture(name).filter((finding) => finding.ruleId.startsWith('schedules/'));
      expect(before.length, name).toBeGreaterThan(0);
      expect(
        before.every((finding) => finding.fix !== undefined),
        name,
      ).toBe(true);
    }
    writeFileSync(join(dir, 'legacy-assignment-no-bypass.json'), legacyTemplate({ bypass: false }));
    const fixed = await run(['lint', dir, '--fix'], dir);
    expect(fixed.stderr).toContain(`applied ${fixable.length + 1} fixes in ${fixable.length + 1} files`);

    const after = await run(['lint', dir, '--format', 'json'], dir);
    const report = JSON.parse(after.stdout) as { findings: Array<{ ruleId: string; file: string }> };
    expect(report.findings.filter((finding) => finding.ruleId.startsWith('schedules/'))).toEqual([]);
    expect(readFileSync(join(dir, 'no-bypass.json'), 'utf8')).toMatch(/"bypassPlatformSafetyChecksOnUserSchedule": true/);
    expect(readFileSync(join(dir, 'scope-assignment-bypass-false.json'), 'utf8')).toMatch(/"bypassPlatformSafetyChecksOnUserSchedule": true/);
    expect(readFileSync(join(dir, 'legacy-assignment-no-bypass.json'), 'utf8')).toMatch(/"bypassPlatformSafetyChecksOnUserSchedule": true/);
    expect(readFileSync(join(dir, 'iana-time-zone.json'), 'utf8')).toContain('"timeZone": "W. Europe Standard Time"');
    // Nothing is left to fix.
    const again = await run(['lint', dir, '--fix'], dir);
    expect(again.stderr).toContain('applied 0 fixes in 0 files');
  });
});
