/**
 * Pulumi resource inputs (azure-native camelCase args) → the ARM-shaped ResourceSource the lint
 * model is built from (src/model/source.ts). The azure-native provider flattens the `properties`
 * of a resource and of some sub-resources (network interface configurations, scale set extensions,
 * load balancer probes, …): this adapter puts them back where ARM has them, so that the same rules
 * read the same paths. Pulumi unknowns (preview) become `Unknown`, which rules never report on.
 */
import type { JsonPath, ResourceSource, SourceLocation } from '../../src/model/source.js';
import { Unknown } from '../../src/model/unknown.js';
import { DEFAULT_TARGET } from '../../src/template/environment.js';

/** A resource as a Pulumi policy sees it: its type token, name and input (or planned output) properties. */
export interface PulumiResourceInput {
  /** Type token, e.g. `azure-native:compute:VirtualMachine` or `azure-native:compute/v20240701:VirtualMachine`. */
  type: string;
  /** Pulumi (logical) name. */
  name: string;
  urn?: string;
  props: Record<string, unknown>;
}

interface TypeMapping {
  armType: string;
  /** API version azure-native 3.x uses for the type when the token has no version. */
  apiVersion: string;
  /** Arg holding the Azure name. */
  nameKey: string;
  /** Arg holding the parent's name (child resources). */
  parentKey?: string;
  /** Args that are resource identity, not part of the body. */
  identityKeys: string[];
  /** Body keys outside `properties`. */
  topLevel: string[];
  /** Sub-resources azure-native flattens: path inside `properties` → keys that stay outside their own `properties`. */
  nested: Array<{ path: Array<string | '[]'>; keep: string[] }>;
}

const TOP_LEVEL = ['location', 'tags', 'zones', 'identity', 'plan', 'extendedLocation'];
const SUB_RESOURCE = ['name', 'id'];

/** azure-native type tokens (module:Type) the adapter maps, and how. */
export const PULUMI_TYPE_MAPPINGS: Readonly<Record<string, TypeMapping>> = {
  'compute:VirtualMachine': {
    armType: 'Microsoft.Compute/virtualMachines',
    apiVersion: '2024-11-01',
    nameKey: 'vmName',
    identityKeys: ['resourceGroupName', 'vmName'],
    topLevel: TOP_LEVEL,
    nested: [
      { path: ['networkProfile', 'networkInterfaces', '[]'], keep: ['id'] },
      { path: ['networkProfile', 'networkInterfaceConfigurations', '[]'], keep: SUB_RESOURCE },
      { path: ['networkProfile', 'networkInterfaceConfigurations', '[]', 'properties', 'ipConfigurations', '[]'], keep: SUB_RESOURCE },
      {
        path: ['networkProfile', 'networkInterfaceConfigurations', '[]', 'properties', 'ipConfigurations', '[]', 'properties', 'publicIPAddressConfiguration'],
        keep: ['name', 'sku'],
      },
    ],
  },
  'compute:VirtualMachineScaleSet': {
    armType: 'Microsoft.Compute/virtualMachineScaleSets',
    apiVersion: '2024-11-01',
    nameKey: 'vmScaleSetName',
    identityKeys: ['resourceGroupName', 'vmScaleSetName'],
    topLevel: [...TOP_LEVEL, 'sku'],
    nested: [
      { path: ['virtualMachineProfile', 'networkProfile', 'networkInterfaceConfigurations', '[]'], keep: SUB_RESOURCE },
      { path: ['virtualMachineProfile', 'networkProfile', 'networkInterfaceConfigurations', '[]', 'properties', 'ipConfigurations', '[]'], keep: SUB_RESOURCE },
      {
        path: [
          'virtualMachineProfile',
          'networkProfile',
          'networkInterfaceConfigurations',
          '[]',
          'properties',
          'ipConfigurations',
          '[]',
          'properties',
          'publicIPAddressConfiguration',
        ],
        keep: ['name', 'sku'],
      },
      { path: ['virtualMachineProfile', 'extensionProfile', 'extensions', '[]'], keep: SUB_RESOURCE },
    ],
  },
  'compute:VirtualMachineExtension': {
    armType: 'Microsoft.Compute/virtualMachines/extensions',
    apiVersion: '2024-11-01',
    nameKey: 'vmExtensionName',
    parentKey: 'vmName',
    identityKeys: ['resourceGroupName', 'vmName', 'vmExtensionName'],
    topLevel: ['location', 'tags'],
    nested: [],
  },
  'compute:VirtualMachineScaleSetExtension': {
    armType: 'Microsoft.Compute/virtualMachineScaleSets/extensions',
    apiVersion: '2024-11-01',
    nameKey: 'vmssExtensionName',
    parentKey: 'vmScaleSetName',
    identityKeys: ['resourceGroupName', 'vmScaleSetName', 'vmssExtensionName', 'name'],
    topLevel: [],
    nested: [],
  },
  'compute:AvailabilitySet': {
    armType: 'Microsoft.Compute/availabilitySets',
    apiVersion: '2024-11-01',
    nameKey: 'availabilitySetName',
    identityKeys: ['resourceGroupName', 'availabilitySetName'],
    topLevel: [...TOP_LEVEL, 'sku'],
    nested: [],
  },
  'network:LoadBalancer': {
    armType: 'Microsoft.Network/loadBalancers',
    apiVersion: '2024-05-01',
    nameKey: 'loadBalancerName',
    identityKeys: ['resourceGroupName', 'loadBalancerName', 'id'],
    topLevel: [...TOP_LEVEL, 'sku'],
    nested: ['probes', 'frontendIPConfigurations', 'backendAddressPools', 'loadBalancingRules', 'inboundNatRules', 'inboundNatPools', 'outboundRules'].map(
      (key) => ({
        path: [key, '[]'],
        keep: key === 'frontendIPConfigurations' ? [...SUB_RESOURCE, 'zones'] : SUB_RESOURCE,
      }),
    ),
  },
  'maintenance:MaintenanceConfiguration': {
    armType: 'Microsoft.Maintenance/maintenanceConfigurations',
    apiVersion: '2023-10-01-preview',
    nameKey: 'resourceName',
    identityKeys: ['resourceGroupName', 'resourceName'],
    topLevel: ['location', 'tags'],
    nested: [],
  },
  'maintenance:ConfigurationAssignment': {
    armType: 'Microsoft.Maintenance/configurationAssignments',
    apiVersion: '2023-10-01-preview',
    nameKey: 'configurationAssignmentName',
    identityKeys: ['resourceGroupName', 'configurationAssignmentName', 'providerName', 'resourceType', 'resourceName'],
    topLevel: ['location'],
    nested: [],
  },
};

/** Output-only values azure-native reports in a resource's state (stack policies see state): not part of a declaration. */
/** The `maintenanceWindow` fields azure-native flattens into the args of a MaintenanceConfiguration. */
export const MAINTENANCE_WINDOW_KEYS = ['startDateTime', 'expirationDateTime', 'duration', 'timeZone', 'recurEvery'] as const;

/** `{ duration, timeZone, … }` → `{ maintenanceWindow: { duration, timeZone, … } }` (ARM shape; a `maintenanceWindow` given as such is kept). */
function nestMaintenanceWindow(properties: Record<string, unknown>): void {
  const window: Record<string, unknown> = {};
  for (const key of MAINTENANCE_WINDOW_KEYS) {
    if (properties[key] === undefined) continue;
    window[key] = properties[key];
    delete properties[key];
  }
  if (Object.keys(window).length === 0) return;
  const existing = properties.maintenanceWindow;
  properties.maintenanceWindow =
    existing && typeof existing === 'object' && !Array.isArray(existing) ? { ...(existing as Record<string, unknown>), ...window } : window;
}

const STATE_ONLY_KEYS = new Set([
  'id',
  'urn',
  'azureApiVersion',
  'provisioningState',
  'instanceView',
  'vmId',
  'timeCreated',
  'uniqueId',
  'etag',
  'resourceGuid',
  'systemData',
  'statuses',
]);

/** Sentinels the Pulumi engine uses for values unknown during preview (same in @pulumi/pulumi and @pulumi/policy). */
export const PULUMI_UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  '1c4a061d-8072-4f0a-a4cb-0ff528b18fe7', // boolean
  '3eeb2bf0-c639-47a8-9e75-3b44932eb421', // number
  '04da6b54-80e4-46f7-96ec-b56ff0331ba9', // string (and pulumi.runtime's generic unknown)
  '6a19a0b0-7e62-4c92-b797-7f8e31da9cc2', // array
  '030794c1-ac77-496b-92df-f27374a8bd58', // asset
  'e48ece36-62e2-4504-bad9-02848725956a', // archive
  'dd056dcd-154b-4c76-9bd3-c8f88648b5ff', // object
]);

/** `module:Type` and API version of an azure-native token, or undefined for other providers. */
export function parsePulumiType(token: string): { key: string; apiVersion?: string } | undefined {
  const match = /^azure-native:([a-z0-9]+)(?:\/v(\d{4})(\d{2})(\d{2})(preview)?)?:([A-Za-z0-9]+)$/.exec(token);
  if (!match) return undefined;
  const [, module, year, month, day, preview, type] = match;
  return { key: `${module}:${type}`, apiVersion: year ? `${year}-${month}-${day}${preview ? '-preview' : ''}` : undefined };
}

/** True when the policy pack models resources of this type. */
export function isModeledPulumiType(token: string): boolean {
  const parsed = parsePulumiType(token);
  return parsed !== undefined && parsed.key in PULUMI_TYPE_MAPPINGS;
}

/** The ARM resource source for one Pulumi resource, or undefined when the type is not modeled. */
export function toResourceSource(resource: PulumiResourceInput): ResourceSource | undefined {
  const parsed = parsePulumiType(resource.type);
  const mapping = parsed && PULUMI_TYPE_MAPPINGS[parsed.key];
  if (!parsed || !mapping) return undefined;
  const props = toPlain(unwrapPolicyProxy(resource.props), 0) as Record<string, unknown>;
  const isExtension = parsed.key === 'compute:VirtualMachineExtension' || parsed.key === 'compute:VirtualMachineScaleSetExtension';

  const properties: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (mapping.identityKeys.includes(key) || STATE_ONLY_KEYS.has(key)) continue;
    if (key === 'name' || (key === 'type' && !isExtension)) continue; // state: the Azure name and the ARM type
    if (mapping.topLevel.includes(key)) body[key] = value;
    else properties[key] = value;
  }
  if (isExtension && typeof properties.type === 'string' && properties.type.includes('/')) {
    // State of an extension: azure-native reports the ARM resource type under `type`; the extension type is not in it.
    properties.type = new Unknown('type', 'the extension type is not in the resource state');
  }
  for (const nested of mapping.nested) nestProperties(properties, nested.path, nested.keep);
  if (parsed.key === 'maintenance:MaintenanceConfiguration') nestMaintenanceWindow(properties);
  if (parsed.key === 'maintenance:ConfigurationAssignment') {
    const target = assignmentTarget(props);
    if (properties.resourceId === undefined && target !== undefined) properties.resourceId = target;
    if (target !== undefined) body.scope = target;
  }
  if (Object.keys(properties).length > 0) body.properties = properties;

  const own = nameOf(props, mapping.nameKey, parsed.key === 'compute:VirtualMachineScaleSetExtension' ? props.name : undefined, resource.name);
  let name: string | Unknown = own;
  if (mapping.parentKey) {
    const parent = props[mapping.parentKey];
    name =
      typeof parent === 'string' && typeof own === 'string'
        ? `${parent}/${own}`
        : new Unknown(`${String(parent)}/${String(own)}`, 'the parent name is not known');
  }
  const file = resource.urn ?? `pulumi:${resource.type}::${resource.name}`;
  return {
    type: mapping.armType,
    apiVersion: parsed.apiVersion ?? (typeof props.azureApiVersion === 'string' ? props.azureApiVersion : mapping.apiVersion),
    name,
    body,
    file,
    conditional: false,
    locate: (path: JsonPath) => pulumiLocation(file, path),
  };
}

/** Resource sources for every modeled resource of a stack (other types are skipped). */
export function toResourceSources(resources: readonly PulumiResourceInput[]): ResourceSource[] {
  const out: ResourceSource[] = [];
  for (const resource of resources) {
    const source = toResourceSource(resource);
    if (source) out.push(source);
  }
  return out;
}

function nameOf(props: Record<string, unknown>, key: string, fallback: unknown, logical: string): string | Unknown {
  const value = props[key] ?? fallback ?? (key === 'vmName' || key === 'vmScaleSetName' ? props.name : undefined);
  if (typeof value === 'string') return value;
  if (value instanceof Unknown) return value;
  return new Unknown(logical, 'auto-named by Pulumi: the Azure name is known after deployment');
}

/** Resource id of the VM or scale set a configuration assignment targets (placeholder subscription, like the template layer). */
function assignmentTarget(props: Record<string, unknown>): string | Unknown | undefined {
  const { resourceGroupName, providerName, resourceType, resourceName } = props;
  if ([resourceGroupName, providerName, resourceType, resourceName].some((value) => value instanceof Unknown))
    return new Unknown('resourceId', 'the target is not known');
  if (typeof providerName !== 'string' || typeof resourceType !== 'string' || typeof resourceName !== 'string') return undefined;
  const group = typeof resourceGroupName === 'string' ? resourceGroupName : DEFAULT_TARGET.resourceGroupName;
  return `/subscriptions/${DEFAULT_TARGET.subscriptionId}/resourceGroups/${group}/providers/${providerName}/${resourceType}/${resourceName}`;
}

/** Move every key of the object(s) at `path` except `keep` into their own `properties`. */
function nestProperties(root: unknown, path: ReadonlyArray<string>, keep: readonly string[]): void {
  if (root === null || typeof root !== 'object' || root instanceof Unknown) return;
  if (path.length === 0) {
    const target = root as Record<string, unknown>;
    if (Array.isArray(target)) return;
    const moved: Record<string, unknown> =
      target.properties && typeof target.properties === 'object' && !(target.properties instanceof Unknown) ? { ...(target.properties as object) } : {};
    for (const key of Object.keys(target)) {
      if (keep.includes(key) || key === 'properties') continue;
      moved[key] = target[key];
      delete target[key];
    }
    if (Object.keys(moved).length > 0) target.properties = moved;
    return;
  }
  const [head, ...rest] = path;
  if (head === '[]') {
    if (Array.isArray(root)) for (const item of root) nestProperties(item, rest, keep);
    return;
  }
  nestProperties((root as Record<string, unknown>)[head], rest, keep);
}

/** The raw object behind @pulumi/policy's unknown-checking proxy (reading through the proxy throws on unknowns). */
function unwrapPolicyProxy(props: Record<string, unknown>): Record<string, unknown> {
  try {
    const target = (props as Record<string, unknown>)['__getSpecialProxyTarget'];
    if (target && typeof target === 'object') return target as Record<string, unknown>;
  } catch {
    // not a proxy
  }
  return props;
}

/** A plain copy with Pulumi unknowns as `Unknown` and secrets unwrapped. */
function toPlain(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return PULUMI_UNKNOWN_SENTINELS.has(value) ? new Unknown('(known after deployment)', 'unknown during preview') : value;
  if (value === null || typeof value !== 'object' || value instanceof Unknown) return value;
  if (depth > 64) return new Unknown('(too deep)', 'nested too deeply');
  if (Array.isArray(value)) return value.map((item) => toPlain(item, depth + 1));
  const record = value as Record<string, unknown>;
  // @pulumi/policy Secret ({ value }) and serialized secrets ({ 4dabf…: 1b47…, value }).
  if (record['4dabf18193072939515e22adb298388d'] === '1b47061264138c4ac30d75fd1eb44270') return toPlain(record.value, depth + 1);
  if (value.constructor?.name === 'Secret' && 'value' in record) return toPlain(record.value, depth + 1);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (record[key] === undefined) continue;
    out[key] = toPlain(record[key], depth + 1);
  }
  return out;
}

function pulumiLocation(file: string, _path: JsonPath): SourceLocation {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 0, exact: false };
}
