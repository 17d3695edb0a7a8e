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
  parseError: { id: 'parse-error', severity: 'error', summary: 'The file is not valid JSON (comments and trailing commas are accepted)', requirements: [] },
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
  invalidTemplate: { id: 'template/invalid-template', severity: 'error', summary: 'The file has an ARM template $schema but is not a template object', requirements: [] },
  internalError: { id: 'internal-error', severity: 'error', summary: 'A rule failed on this resource: a bug in patchwise, please report it', requirements: [] },
} as const satisfies Record<string, CoreRule>;
