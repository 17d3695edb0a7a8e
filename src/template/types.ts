/** What template expansion produces: the resources a deployment would send, with their origins. */
import type { JsonPath, SourceDocument } from './json.js';
import type { ResourceSource } from '../model/source.js';
import type { Unknown } from '../model/unknown.js';
import type { Location } from './origin.js';

export interface ExpandedResource extends ResourceSource {
  /** Full resource type as written (child types prefixed with the parent's), e.g. `Microsoft.Compute/virtualMachines/extensions`. */
  type: string;
  apiVersion: string | Unknown;
  /** Full evaluated name (`vm1/ext1` for children), or Unknown. */
  name: string | Unknown;
  /** Symbolic name (languageVersion 2.0 templates). */
  symbolicName?: string;
  /** The evaluated declaration without `resources`, `copy`, `condition`, `dependsOn`, `metadata`. */
  body: Record<string, unknown>;
  /** The `metadata` object as written (not evaluated): holds inline suppressions. */
  metadata?: Record<string, unknown>;
  document: SourceDocument;
  /** Where the resource is declared in its document. */
  declarationPath: JsonPath;
  /** True when the resource's `condition` could not be evaluated: it may or may not be deployed. */
  conditional: boolean;
  /** The copy-loop index, when the resource is declared with `copy`. */
  copyIndex?: number | Unknown;
  /** `existing: true` resources (languageVersion 2.0) are references, not deployments. */
  existing: boolean;
  /** Names of the nested deployments this resource is declared in, outermost first. */
  deployments: string[];
  /** Root parameters each property path (up to 6 segments, no indexes) depends on, when expansion tracked them. */
  parameterReads?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Where a property was written, with the document (for fixes that edit the text). */
  locateInDocument(path: JsonPath): Location;
}

export type DiagnosticCode = 'invalid-expression' | 'expansion-limit' | 'invalid-template';

export interface Diagnostic {
  code: DiagnosticCode;
  message: string;
  document: SourceDocument;
  path: JsonPath;
}

export interface ParameterInfo {
  name: string;
  type: string;
  hasDefault: boolean;
  /** `allowedValues` as written, when present. */
  allowedValues?: unknown[];
  /** `defaultValue` as written (an expression stays a string). */
  rawDefault?: unknown;
  /** Where the value came from. */
  source: 'parameters-file' | 'default' | 'override' | 'none';
}

export interface ExpandedTemplate {
  document: SourceDocument;
  resources: ExpandedResource[];
  diagnostics: Diagnostic[];
  parameters: ParameterInfo[];
}
