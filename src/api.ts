/**
 * The library entry (`import … from 'patchwise'`): lint template text in memory and format the
 * result. The rules are in `patchwise/rules` (ALL_RULES), so callers choose what runs.
 */
export { lintTemplate, prepareTemplate, type LintInput, type LintContext, type FileLintResult, type TextInput } from './engine/lint.js';
export { formatters, redactSecrets, type FormatName, type FormatOptions } from './report/index.js';
export { buildLintResult } from './engine/lint-result.js';
export type { Finding, LintResult, LintSummary, RuleDescriptor, Severity, Fix, TextEdit } from './engine/finding.js';
export { defineRule, type Rule, type RuleContext, type AnyRule } from './engine/rule.js';
export { buildModel } from './model/build.js';
export type * from './model/types.js';
