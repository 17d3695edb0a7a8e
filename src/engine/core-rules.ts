/**
 * Findings the engine itself produces (not from a model rule): they have ids, docs and severities
 * like rules so configuration, SARIF and `patchwise rules` treat them alike.
 */
import type { Severity } from './finding.js';

export interface CoreRule {
  id: string;
  severity: Severity;
  summary: string;
  requirements: string[];
}

export const CORE_RULES = {
  parseError: {
    id: 'parse-error',
    severity: 'error',
    summary:
      'The file cannot be read as a template: not valid JSON (comments, trailing commas and line breaks in strings are accepted), unreadable, too large or not UTF-8/UTF-16 text',
    requirements: [],
  },
  invalidExpression: {
    id: 'template/invalid-expression',
    severity: 'warning',
    summary: 'A template expression cannot be parsed or refers to an undeclared parameter or variable',
    requirements: [],
  },
  expansionLimit: {
    id: 'template/expansion-limit',
    severity: 'info',
    summary: 'Part of the template was not expanded (a copy count, nesting or size limit was reached)',
    requirements: [],
  },
  invalidSuppression: {
    id: 'template/invalid-suppression',
    severity: 'warning',
    summary: 'An inline suppression glob is too long or uses syntax patchwise does not take (extglobs, classes, negation): it suppresses nothing',
    requirements: [],
  },
  invalidTemplate: {
    id: 'template/invalid-template',
    severity: 'error',
    summary: 'The file has an ARM template $schema but is not a template object',
    requirements: [],
  },
  invalidParameters: {
    id: 'template/invalid-parameters',
    severity: 'warning',
    summary: 'A parameters file is not a deployment parameters object, so its values are not used',
    requirements: [],
  },
  componentArguments: {
    id: 'pulumi/component-arguments',
    severity: 'error',
    summary: 'Arguments of a patchwise Pulumi component that its constructor would reject (checked statically in the program source)',
    requirements: [],
  },
  unknownSuppressionRule: {
    id: 'suppression/unknown-rule',
    severity: 'warning',
    summary: 'A suppression names a rule that does not exist (a typo leaves the finding in place)',
    requirements: [],
  },
  unusedSuppression: {
    id: 'suppression/unused',
    severity: 'warning',
    summary: 'An inline suppression matches no finding: remove it',
    requirements: [],
  },
  internalError: {
    id: 'internal-error',
    severity: 'error',
    summary: 'A rule or the reading of a file failed: a bug in patchwise, please report it',
    requirements: [],
  },
} as const satisfies Record<string, CoreRule>;

/**
 * Findings that say a file was not checked (it cannot be read, or linting it failed). Never
 * switched off, weakened or suppressed: a CI gate must not pass what it did not check.
 */
export const ALWAYS_REPORTED: ReadonlySet<string> = new Set([CORE_RULES.parseError.id, CORE_RULES.internalError.id]);
