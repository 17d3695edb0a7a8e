/**
 * Severity is resolved here and nowhere else: presets, the configuration, a rule's own severity and
 * the weaker severity a rule may report for a single finding.
 */
import type { Severity } from './finding.js';
import type { PresetName, RuleSetting } from './rule.js';

/** What a rule needs to say about its severity (model rules and core rules alike). */
export interface SeverityMetadata {
  id: string;
  severity: Severity;
  presets?: Partial<Record<PresetName, RuleSetting>>;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The setting a preset gives a rule: its own entry, else the rule's severity. */
export function presetSetting(rule: SeverityMetadata, preset: PresetName): RuleSetting {
  return rule.presets?.[preset] ?? rule.severity;
}

/** The effective setting of a rule: configured, else what `patchwise:recommended` gives it (the default config). */
export function ruleSetting(rule: SeverityMetadata, settings: ReadonlyMap<string, RuleSetting> | undefined): RuleSetting {
  return settings?.get(rule.id) ?? presetSetting(rule, 'recommended');
}

/**
 * The severity of one finding. A finding reported with a weaker severity than its rule's (a
 * warning from an error rule) keeps it unless the setting is weaker still: configuring a rule
 * as `warning` lowers its errors and never raises its info findings.
 */
export function findingSeverity(setting: Severity, reported: Severity | undefined): Severity {
  if (reported === undefined) return setting;
  return RANK[reported] < RANK[setting] ? reported : setting;
}

/** True when `reported` is above `ruleSeverity` (a rule may only report weaker cases). */
export function isAbove(reported: Severity, ruleSeverity: Severity): boolean {
  return RANK[reported] > RANK[ruleSeverity];
}
