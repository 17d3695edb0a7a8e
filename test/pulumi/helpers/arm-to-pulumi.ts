/**
 * The adapter in reverse, for tests: an ARM template's expanded resources → the inputs azure-native
 * would receive for them (type token, name args, flattened properties, Pulumi unknown sentinels).
 */
import { createRequire } from 'node:module';
import { PULUMI_TYPE_MAPPINGS } from '../../../components/policy/adapter.js';
import type { PulumiResourceInput } from '../../../components/policy/adapter.js';
import { expandTemplate } from '../../../src/template/expand.js';
import { readJsonDocument } from '../../../src/template/json.js';
import { isUnknown } from '../../../src/model/unknown.js';

const UNKNOWN_STRING = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

/** ARM resources of a template text as Pulumi resource inputs (types the adapter does not map are left out). */
export function pulumiInputsOfTemplate(file: string, text: string): PulumiResourceInput[] {
  const read = readJsonDocument(file, text);
  if (!read.ok) throw new Error(`${file}: ${read.error.message}`);
  const expanded = expandTemplate(read.document);
  const out: PulumiResourceInput[] = [];
  expanded.resources.forEach((resource, index) => {
    if (resource.existing) return;
    const entry = Object.entries(PULUMI_TYPE_MAPPINGS).find(([, mapping]) => mapping.armType.toLowerCase() === resource.type.toLowerCase());
    if (!entry) return;
    const [key, mapping] = entry;
    const [module, type] = key.split(':');
    const apiVersion = typeof resource.apiVersion === 'string' ? resource.apiVersion : mapping.apiVersion;
    const version = apiVersion === mapping.apiVersion ? '' : `/v${apiVersion.replace(/-/g, '').replace('preview', 'preview')}`;
    const body = sentinels(resource.body, true) as Record<string, unknown>;
    const properties = (body.properties ?? {}) as Record<string, unknown>;
    for (const nested of [...mapping.nested].reverse()) flatten(properties, nested.path, nested.keep);
    if (key === 'maintenance:MaintenanceConfiguration' && properties.maintenanceWindow && typeof properties.maintenanceWindow === 'object') {
      // azure-native flattens maintenanceWindow into the configuration's args.
      Object.assign(properties, properties.maintenanceWindow);
      delete properties.maintenanceWindow;
    }
    const props: Record<string, unknown> = { resourceGroupName: 'resource-group', ...properties };
    if (key === 'maintenance:ConfigurationAssignment') Object.assign(props, assignmentTargetArgs(resource.body.scope ?? properties.resourceId));
    for (const key of mapping.topLevel) if (body[key] !== undefined) props[key] = body[key];
    const name = isUnknown(resource.name) ? UNKNOWN_STRING : resource.name;
    const segments = name.split('/');
    if (mapping.parentKey) {
      props[mapping.parentKey] = segments.slice(0, -1).join('/');
      props[mapping.nameKey] = segments[segments.length - 1];
    } else {
      props[mapping.nameKey] = name;
    }
    const logical = `r${index}`;
    out.push({
      type: `azure-native:${module}${version}:${type}`,
      name: logical,
      urn: `urn:pulumi:test::fixtures::azure-native:${module}:${type}::${logical}`,
      props,
    });
  });
  return out;
}

/** azure-native names an assignment's target by provider, type and name (the adapter turns them back into an id). */
function assignmentTargetArgs(id: unknown): Record<string, string> {
  const match = typeof id === 'string' ? /\/providers\/([^/]+)\/([^/]+)\/([^/]+)$/i.exec(id) : null;
  return match ? { providerName: match[1], resourceType: match[2], resourceName: match[3] } : {};
}

function sentinels(value: unknown, top = false): unknown {
  if (isUnknown(value)) return UNKNOWN_STRING;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => sentinels(item));
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (top && ['type', 'apiVersion', 'name', 'scope'].includes(key)) continue;
    out[key] = sentinels(entry);
  }
  return out;
}

/** Inverse of the adapter's nesting: `{ name, properties: {…} }` → `{ name, … }`. */
function flatten(root: unknown, path: ReadonlyArray<string>, keep: readonly string[]): void {
  if (root === null || typeof root !== 'object') return;
  if (path.length === 0) {
    const target = root as Record<string, unknown>;
    const inner = target.properties;
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      delete target.properties;
      Object.assign(target, inner);
    }
    void keep;
    return;
  }
  const [head, ...rest] = path;
  if (head === '[]') {
    if (Array.isArray(root)) for (const item of root) flatten(item, rest, keep);
    return;
  }
  flatten((root as Record<string, unknown>)[head], rest, keep);
}

const require = createRequire(import.meta.url);
const proxy = require('@pulumi/policy/proxy.js') as { unknownCheckingProxy<T>(value: T): T };

/** Props as @pulumi/policy hands them to a policy (reading an unknown throws). */
export function policyProps(props: Record<string, unknown>): Record<string, unknown> {
  return proxy.unknownCheckingProxy(props);
}
