/**
 * ARM resource types `patchwise convert` writes as plain azure-native resources: the module, the
 * class and the argument that holds the Azure name (and the parent's). Types not listed are kept
 * as a TODO block with their declaration, never dropped. azure-native flattens `properties` (of
 * the resource and of sub-resources such as IP configurations): `flattenProperties` does the same.
 */

export interface AzureNativeType {
  module: string;
  className: string;
  nameKey: string;
  /** Argument holding the parent's name, for child resources (`vmName` of an extension). */
  parentKey?: string;
  /** Body keys that stay outside `properties` (besides location and tags). */
  topLevel?: string[];
}

const COMMON_TOP_LEVEL = ['sku', 'zones', 'identity', 'plan', 'kind', 'extendedLocation'];

export const AZURE_NATIVE_TYPES: Readonly<Record<string, AzureNativeType>> = {
  'microsoft.network/networkinterfaces': { module: 'network', className: 'NetworkInterface', nameKey: 'networkInterfaceName' },
  'microsoft.network/virtualnetworks': { module: 'network', className: 'VirtualNetwork', nameKey: 'virtualNetworkName' },
  'microsoft.network/virtualnetworks/subnets': { module: 'network', className: 'Subnet', nameKey: 'subnetName', parentKey: 'virtualNetworkName' },
  'microsoft.network/publicipaddresses': { module: 'network', className: 'PublicIPAddress', nameKey: 'publicIpAddressName' },
  'microsoft.network/networksecuritygroups': { module: 'network', className: 'NetworkSecurityGroup', nameKey: 'networkSecurityGroupName' },
  'microsoft.network/loadbalancers': { module: 'network', className: 'LoadBalancer', nameKey: 'loadBalancerName' },
  'microsoft.storage/storageaccounts': { module: 'storage', className: 'StorageAccount', nameKey: 'accountName' },
  'microsoft.compute/availabilitysets': { module: 'compute', className: 'AvailabilitySet', nameKey: 'availabilitySetName' },
  'microsoft.compute/disks': { module: 'compute', className: 'Disk', nameKey: 'diskName' },
  'microsoft.compute/virtualmachines': { module: 'compute', className: 'VirtualMachine', nameKey: 'vmName' },
  'microsoft.compute/virtualmachinescalesets': { module: 'compute', className: 'VirtualMachineScaleSet', nameKey: 'vmScaleSetName' },
  'microsoft.compute/virtualmachines/extensions': { module: 'compute', className: 'VirtualMachineExtension', nameKey: 'vmExtensionName', parentKey: 'vmName' },
  'microsoft.compute/virtualmachinescalesets/extensions': {
    module: 'compute',
    className: 'VirtualMachineScaleSetExtension',
    nameKey: 'vmssExtensionName',
    parentKey: 'vmScaleSetName',
  },
  'microsoft.maintenance/maintenanceconfigurations': { module: 'maintenance', className: 'MaintenanceConfiguration', nameKey: 'resourceName' },
};

export function azureNativeType(armType: string): AzureNativeType | undefined {
  const type = AZURE_NATIVE_TYPES[armType.toLowerCase()];
  return type && { ...type, topLevel: COMMON_TOP_LEVEL };
}

/** Keys whose values azure-native passes through as they are (free-form JSON). */
const OPAQUE_KEYS = new Set(['settings', 'protectedSettings', 'tags', 'template', 'parameters', 'customData', 'userData']);

/**
 * ARM body → azure-native arguments: the resource's `properties` at the top, and the `properties` of
 * sub-resources (objects with a `name` or `id`, array items) merged into them, as azure-native takes them.
 */
export function flattenProperties(body: Record<string, unknown>, topLevel: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['location', 'tags', ...topLevel]) if (body[key] !== undefined) out[key] = body[key];
  const properties = body.properties;
  if (properties && typeof properties === 'object' && !Array.isArray(properties)) {
    for (const [key, value] of Object.entries(properties as Record<string, unknown>)) out[key] = OPAQUE_KEYS.has(key) ? value : flattenNested(value, 0);
  }
  return out;
}

/** Sub-resources (`{ name, properties }`) with their `properties` merged in, at any depth, as azure-native takes them. */
export function flattenNested(value: unknown, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => flattenNested(mergeProperties(item), depth + 1));
  const record = mergeProperties(value) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[key] = OPAQUE_KEYS.has(key) ? item : flattenNested(item, depth + 1);
  return out;
}

/** `{ name, properties: { a } }` → `{ name, a }` for sub-resources. */
function mergeProperties(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const inner = record.properties;
  if (!inner || typeof inner !== 'object' || Array.isArray(inner)) return value;
  const { properties: _properties, ...rest } = record;
  return { ...rest, ...(inner as Record<string, unknown>) };
}
