/** The public shape of a finding: what every formatter renders (see schemas/findings.schema.json). */

export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit {
  /** 0-based character offset in the file and length of the text to replace. */
  offset: number;
  length: number;
  content: string;
}

export interface Fix {
  description: string;
  edits: TextEdit[];
}

export interface Suppression {
  kind: 'inline' | 'config';
  reason?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Which of the rule's messages this is (absent for findings of the engine itself). */
  messageId?: string;
  /** Path of the file as given on the command line (relative to the working directory when possible). */
  file: string;
  /** 1-based line and column of the offending property in the source the user wrote. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The resource the finding is about; absent for file-level findings such as parse errors. */
  resource?: { type: string; name: string };
  /** Dotted property path inside the resource, e.g. `properties.osProfile.windowsConfiguration.enableAutomaticUpdates`. */
  path?: string;
  /** Requirement ids of spec/requirements.md this finding enforces. */
  requirements: string[];
  fix?: Fix;
  /** Present when a suppression matched: the finding is kept, counted and shown as suppressed. */
  suppressed?: Suppression;
  /**
   * Present when equal findings of instances of one copy loop were reported as this one (≥ 2);
   * the message then ends with ` (N copy-loop instances)`.
   */
  instances?: number;
}

/** What formatters need to know about a rule (id, severity, docs) without importing the rules. */
export interface RuleDescriptor {
  id: string;
  severity: Severity;
  summary: string;
  requirements: string[];
  docsUrl: string;
}

export interface LintSummary {
  files: number;
  resources: number;
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
  fixable: number;
}

export interface LintResult {
  findings: Finding[];
  summary: LintSummary;
  rules: RuleDescriptor[];
  /** Tool version, for SARIF and JSON output. */
  version: string;
}
