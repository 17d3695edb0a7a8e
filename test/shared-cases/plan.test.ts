/**
 * `patchwise lint` and `patchwise plan` ask the same facts (src/model/facts/): a resource the lint
 * rules say Azure leaves out of a platform rollout is left out of the simulated rollout too, and a
 * valid intent of the shared cases is in it. Guards the divergence of the aesthetics audit: lint
 * said Azure ignores automatic OS upgrade at apiVersion 2018-06-01 while plan simulated 3 waves.
 */
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { lintTemplate, prepareTemplate } from '../../src/engine/lint.js';
import { buildFleet } from '../../src/plan/fleet.js';
import type { Scenario } from '../../src/plan/types.js';
import { fixtureInput, TODAY } from '../helpers/lint-fixture.js';
import { armFixtures } from '../helpers/fixtures.js';
import { TEMPLATE_SCHEMA } from '../helpers/scratch.js';
import { SHARED_CASES } from './cases.js';

function fleetOf(file: string, text: string, scenario: Scenario) {
  const prepared = prepareTemplate({ file, text }, undefined, { rules: ALL_RULES, today: TODAY });
  if (!prepared.model) throw new Error(`${file}: no model`);
  return buildFleet([{ file, model: prepared.model }], { scenario, updateMinutes: 30 });
}

describe('lint and plan agree', () => {
  it('a scale set whose automatic OS upgrade lint calls ignored (apiVersion before 2018-10-01) is not in the OS image rollout', () => {
    const name = 'rules/os-upgrade/api-version/invalid/policy-before-2018-10.json';
    const { text } = fixtureInput(name);
    const lint = lintTemplate({ file: name, text }, { rules: ALL_RULES, today: TODAY }).findings;
    expect(lint.map((finding) => `${finding.ruleId}:${finding.messageId}`)).toContain('os-upgrade/api-version:tooOld');
    const fleet = fleetOf(name, text, 'os-image-upgrade');
    expect(fleet.targets).toEqual([]);
    expect(fleet.excluded.map((entry) => entry.reason).join('\n')).toMatch(/predates automaticOSUpgradePolicy \(2018-10-01\)/);
  });

  // Every fixture: os-upgrade/api-version:tooOld on a scale set ⇔ excluded for that reason.
  it.each(armFixtures().filter((name) => name.startsWith('rules/')))(
    '%s: the OS image rollout leaves out exactly the scale sets lint says Azure ignores',
    (name) => {
      const { text } = fixtureInput(name);
      const ignored = lintTemplate({ file: name, text }, { rules: ALL_RULES, today: TODAY })
        .findings.filter((finding) => finding.ruleId === 'os-upgrade/api-version' && finding.messageId === 'tooOld')
        .map((finding) => finding.resource?.name);
      let fleet;
      try {
        fleet = fleetOf(name, text, 'os-image-upgrade');
      } catch {
        return; // a parse-error fixture
      }
      const excludedForApi = fleet.excluded.filter((entry) => /predates automaticOSUpgradePolicy/.test(entry.reason)).map((entry) => entry.name);
      expect(excludedForApi.sort()).toEqual(ignored.sort());
    },
  );

  const planned: Array<[string, Scenario]> = [
    ['a valid Windows VM on AutomaticByPlatform', 'guest-patching'],
    ['a valid scale set on automatic OS upgrade with a probe', 'os-image-upgrade'],
    ['a valid Flexible scale set with guest patching and the Application Health extension', 'guest-patching'],
  ];
  it.each(planned)('%s is in the %s rollout', (caseName, scenario) => {
    const entry = SHARED_CASES.find((candidate) => candidate.name === caseName);
    expect(entry, caseName).toBeDefined();
    const text = JSON.stringify({ $schema: TEMPLATE_SCHEMA, contentVersion: '1.0.0.0', resources: entry!.arm }, null, 2);
    const fleet = fleetOf('case.json', text, scenario);
    expect(fleet.excluded.map((excluded) => excluded.reason)).toEqual([]);
    expect(fleet.targets.length).toBeGreaterThan(0);
  });
});
