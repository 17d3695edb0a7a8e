/** What the model needs to know about where a resource came from, independent of the input format. */
import type { Unknown } from './unknown.js';

export type JsonPath = Array<string | number>;

/**
 * The subscription and resource group a template is linted as if deployed to (the expander's
 * placeholders for `subscription()` and `resourceGroup()`): a resource id with these names a
 * resource of the same deployment. Defined here, once, because the expander builds ids with them and
 * the model's facts parse ids back.
 */
export const TEMPLATE_DEPLOYMENT = { subscriptionId: '00000000-0000-0000-0000-000000000000', resourceGroupName: 'resource-group' } as const;

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** 0-based offset and length in the file's text (after a byte-order mark). */
  offset: number;
  length: number;
  /** False when the property is not written (a default) and this is its nearest written ancestor. */
  exact: boolean;
}

/** A resource as read from any input (ARM template, Pulumi inputs): its identity, body and locations. */
export interface ResourceSource {
  type: string;
  apiVersion: string | Unknown;
  name: string | Unknown;
  /** The evaluated resource declaration (`properties`, `location`, `sku`, …). */
  body: Record<string, unknown>;
  /** Inline suppressions and other metadata as written. */
  metadata?: Record<string, unknown>;
  /** The file the resource is declared in. */
  file: string;
  /** True when its deployment depends on a condition that could not be evaluated. */
  conditional: boolean;
  /** Where a property of the resource was written (or its nearest written ancestor). */
  locate(path: JsonPath): SourceLocation;
  /**
   * Inputs other than ARM JSON (a Pulumi program) write their own fixes: the text edits of `file`
   * that set the property at `path` to `value` (remove it when `value` is undefined), or undefined
   * when the value is not written literally in this resource's own declaration (no fix then).
   * ARM templates leave it out: `src/engine/fixes.ts` edits their JSON.
   */
  editFor?(path: JsonPath, value: unknown): SourceEdit[] | undefined;
}

/** A text edit of a source file: 0-based offset and length of the text replaced (the shape of a fix's edits). */
export interface SourceEdit {
  offset: number;
  length: number;
  content: string;
}

/** `properties.osProfile.extensions[2].name` from a JSON path. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}
