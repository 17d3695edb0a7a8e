/** Presets, configured severities and the severity of a single finding: one resolution (src/engine/severity.ts). */
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { parseConfig, resolveSettings } from '../../src/engine/config.js';
import { findingSeverity } from '../../src/engine/severity.js';
import { armFixtures } from '../helpers/fixtures.js';
import { lintFixture } from '../helpers/lint-fixture.js';

const settingsOf = (config: object) => resolveSettings(parseConfig(JSON.stringify(config), 'patchwise.config.json'), ALL_RULES);
const strictSettings = settingsOf({ extends: 'patchwise:strict' });
const recommendedSettings = settingsOf({});
const policyFixtures = armFixtures('invalid').filter((name) => name.startsWith('rules/policy/'));

describe('strict preset (Azure Policy parity, CF10)', () => {
  const policyIds = ALL_RULES.filter((rule) => rule.id.startsWith('policy/')).map((rule) => rule.id);

  it('policy rules are off by default, with the recommended preset and without settings, and warnings with patchwise:strict', () => {
    expect(policyFixtures.length).toBeGreaterThanOrEqual(3);
    for (const id of policyIds) {
      expect(recommendedSettings.get(id)).toBe('off');
      expect(strictSettings.get(id)).toBe('warning');
    }
    for (const fixture of policyFixtures) {
      expect(lintFixture(fixture).filter((finding) => finding.ruleId.startsWith('policy/'))).toEqual([]);
      expect(lintFixture(fixture, { settings: recommendedSettings }).filter((finding) => finding.ruleId.startsWith('policy/'))).toEqual([]);
      expect(lintFixture(fixture, { settings: strictSettings }).filter((finding) => finding.ruleId.startsWith('policy/')).length, fixture).toBeGreaterThan(0);
    }
  });

  it('a rules entry of the config still wins over the preset; the last preset listed decides', () => {
    const settings = settingsOf({ extends: 'patchwise:strict', rules: { 'policy/periodic-assessment': 'off' } });
    expect(settings.get('policy/periodic-assessment')).toBe('off');
    expect(settings.get('policy/automatic-os-upgrade')).toBe('warning');
    expect(lintFixture('rules/policy/periodic-assessment/invalid/assessment-omitted.json', { settings })).toEqual([]);
    expect(settingsOf({ extends: ['patchwise:strict', 'patchwise:recommended'] }).get('policy/automatic-os-upgrade')).toBe('off');
    expect(settingsOf({ extends: ['patchwise:recommended', 'patchwise:strict'] }).get('policy/automatic-os-upgrade')).toBe('warning');
  });

  it('a VM that meets all three policies reports nothing with the strict preset either', () => {
    expect(lintFixture('rules/hotpatch/supported-image/valid/windows-azure-edition-hotpatch.json', { settings: strictSettings })).toEqual([]);
  });

  it('hotpatch-azure-edition: the -core sku can hotpatch (a fix); the desktop sku cannot, and the message says so', () => {
    const hotpatch = lintFixture('rules/policy/hotpatch-azure-edition/invalid/core-without-hotpatch.json', { settings: strictSettings });
    expect(hotpatch.map((finding) => finding.message).join('\n')).toContain('does not support hotpatch');
    expect(hotpatch.map((finding) => finding.fix !== undefined)).toEqual([true, false]);
  });
});

describe('severity of a finding', () => {
  const reboot = 'rules/schedules/reboot-setting/invalid/never-overrides-schedule.json';
  const severities = (settings?: ReadonlyMap<string, 'error' | 'warning' | 'info' | 'off'>) =>
    lintFixture(reboot, { settings })
      .filter((finding) => finding.ruleId === 'schedules/reboot-setting')
      .map((finding) => finding.severity);

  it('a weaker case keeps its severity; configuring the rule lower lowers the rest and never raises it', () => {
    // The rule is an error rule that reports `info` for a reboot setting the schedule overrides.
    expect(severities()).toEqual(['info', 'info']);
    expect(severities(settingsOf({ rules: { 'schedules/reboot-setting': 'error' } }))).toEqual(['info', 'info']);
    expect(severities(settingsOf({ rules: { 'schedules/reboot-setting': 'warning' } }))).toEqual(['info', 'info']);
    expect(severities(settingsOf({ rules: { 'schedules/reboot-setting': 'off' } }))).toEqual([]);
  });

  it('is the lower of the setting and the reported severity', () => {
    expect(findingSeverity('error', undefined)).toBe('error');
    expect(findingSeverity('warning', undefined)).toBe('warning');
    expect(findingSeverity('error', 'warning')).toBe('warning');
    expect(findingSeverity('warning', 'info')).toBe('info');
    expect(findingSeverity('info', 'warning')).toBe('info');
  });

  it('a configured error raises a warning rule', () => {
    const settings = settingsOf({ rules: { 'policy/periodic-assessment': 'error' } });
    expect(lintFixture('rules/policy/periodic-assessment/invalid/assessment-omitted.json', { settings }).map((finding) => finding.severity)).toEqual(['error']);
  });
});
