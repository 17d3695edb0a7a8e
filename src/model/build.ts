/**
 * Build the normalized model from resources of any input. Effective defaults (GP5) are applied
 * here and only here, so rules compare effective values and never re-derive defaults.
 */
import { imageKindOfId, imageOs } from '../catalog/images.js';
import { isAnything, isArray, isKnown, isObject, readBoolean, readField, readInteger, readString, valueAt, type Field } from './field.js';
import type { JsonPath, ResourceSource } from './source.js';
import type {
  AvailabilitySet,
  Extension,
  GenericResource,
  GuestPatchProfile,
  ImageReference,
  LoadBalancer,
  LoadBalancerProbe,
  Model,
  OsType,
  RollingUpgradePolicy,
  ScaleSet,
  VirtualMachine,
} from './types.js';
import { Unknown, isUnknown } from './unknown.js';

const TYPES = {
  virtualMachine: 'microsoft.compute/virtualmachines',
  scaleSet: 'microsoft.compute/virtualmachinescalesets',
  vmExtension: 'microsoft.compute/virtualmachines/extensions',
  scaleSetExtension: 'microsoft.compute/virtualmachinescalesets/extensions',
  availabilitySet: 'microsoft.compute/availabilitysets',
  loadBalancer: 'microsoft.network/loadbalancers',
  serviceFabricCluster: 'microsoft.servicefabric/clusters',
  maintenanceConfiguration: 'microsoft.maintenance/maintenanceconfigurations',
  configurationAssignment: 'microsoft.maintenance/configurationassignments',
  /** The older form: an extension resource of the VM, named `vm1/Microsoft.Maintenance/assignment1`. */
  vmConfigurationAssignment: 'microsoft.compute/virtualmachines/providers/configurationassignments',
} as const;

/** Resource types the model (and so the rules) look at. */
export const MODEL_RESOURCE_TYPES: readonly string[] = Object.values(TYPES);

export function buildModel(sources: readonly ResourceSource[]): Model {
  const model: Model = { resources: [], virtualMachines: [], scaleSets: [], extensions: [], availabilitySets: [], loadBalancers: [], other: [] };
  const pendingExtensions: ResourceSource[] = [];
  for (const source of sources) {
    const type = source.type.toLowerCase();
    switch (type) {
      case TYPES.virtualMachine:
        model.virtualMachines.push(buildVirtualMachine(source));
        break;
      case TYPES.scaleSet:
        model.scaleSets.push(buildScaleSet(source));
        break;
      case TYPES.vmExtension:
      case TYPES.scaleSetExtension:
        pendingExtensions.push(source);
        break;
      case TYPES.availabilitySet:
        model.availabilitySets.push(buildAvailabilitySet(source));
        break;
      case TYPES.loadBalancer:
        model.loadBalancers.push(buildLoadBalancer(source));
        break;
      case TYPES.serviceFabricCluster:
        model.other.push({ kind: 'serviceFabricCluster', resource: source, name: source.name });
        break;
      case TYPES.maintenanceConfiguration:
        model.other.push({ kind: 'maintenanceConfiguration', resource: source, name: source.name });
        break;
      case TYPES.configurationAssignment:
        model.other.push({ kind: 'configurationAssignment', resource: source, name: source.name } satisfies GenericResource);
        break;
      case TYPES.vmConfigurationAssignment:
        model.other.push({ kind: 'configurationAssignment', resource: source, name: source.name } satisfies GenericResource);
        break;
      default:
        break;
    }
  }
  // Inline scale-set extensions first, then extension resources attached to their parents by name.
  for (const scaleSet of model.scaleSets) model.extensions.push(...scaleSet.extensions);
  for (const source of pendingExtensions) {
    const host = source.type.toLowerCase() === TYPES.vmExtension ? 'virtualMachine' : 'scaleSet';
    const parentName = parentNameOf(source.name);
    const parents: Array<VirtualMachine | ScaleSet> = host === 'virtualMachine' ? model.virtualMachines : model.scaleSets;
    const parent = typeof parentName === 'string' ? parents.find((candidate) => sameName(candidate.name, parentName)) : undefined;
    const extension = buildExtension(source, [], host, parent, lastSegment(source.name));
    model.extensions.push(extension);
    parent?.extensions.push(extension);
  }
  model.resources = [...model.virtualMachines, ...model.scaleSets, ...model.extensions, ...model.availabilitySets, ...model.loadBalancers, ...model.other];
  return model;
}

function sameName(a: string | Unknown, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}

function parentNameOf(name: string | Unknown): string | Unknown {
  if (isUnknown(name)) return name;
  const cut = name.lastIndexOf('/');
  return cut > 0 ? name.slice(0, cut) : new Unknown(name, 'the extension name does not name its parent');
}

function lastSegment(name: string | Unknown): string | Unknown {
  if (isUnknown(name)) return name;
  const cut = name.lastIndexOf('/');
  return cut >= 0 ? name.slice(cut + 1) : name;
}

// ---------------------------------------------------------------------------------------------
// VMs and scale sets

function buildVirtualMachine(source: ResourceSource): VirtualMachine {
  const body = source.body;
  const storage = ['properties', 'storageProfile'];
  const image = readImage(body, [...storage, 'imageReference']);
  return {
    kind: 'virtualMachine',
    resource: source,
    name: source.name,
    osProfile: readGuestPatchProfile(body, ['properties', 'osProfile'], [...storage, 'osDisk', 'osType'], image),
    image,
    extensions: [],
    location: readString(body, ['location']),
    zones: readField(body, ['zones'], isArray),
    availabilitySetId: readString(body, ['properties', 'availabilitySet', 'id']),
    virtualMachineScaleSetId: readString(body, ['properties', 'virtualMachineScaleSet', 'id']),
  };
}

function buildScaleSet(source: ResourceSource): ScaleSet {
  const body = source.body;
  const profile = ['properties', 'virtualMachineProfile'];
  const image = readImage(body, [...profile, 'storageProfile', 'imageReference']);
  const upgrade = ['properties', 'upgradePolicy'];
  const automatic = [...upgrade, 'automaticOSUpgradePolicy'];
  const scaleSet: ScaleSet = {
    kind: 'scaleSet',
    resource: source,
    name: source.name,
    osProfile: readGuestPatchProfile(body, [...profile, 'osProfile'], [...profile, 'storageProfile', 'osDisk', 'osType'], image),
    image,
    extensions: [],
    location: readString(body, ['location']),
    zones: readField(body, ['zones'], isArray),
    orchestrationMode: readString(body, ['properties', 'orchestrationMode'], 'Uniform'),
    upgradeMode: readString(body, [...upgrade, 'mode'], 'Manual'),
    enableAutomaticOSUpgrade: readBoolean(body, [...automatic, 'enableAutomaticOSUpgrade'], false),
    disableAutomaticRollback: readBoolean(body, [...automatic, 'disableAutomaticRollback'], false),
    useRollingUpgradePolicy: readBoolean(body, [...automatic, 'useRollingUpgradePolicy'], false),
    rollingUpgradePolicy: readRollingUpgradePolicy(body, [...upgrade, 'rollingUpgradePolicy']),
    healthProbeId: readString(body, [...profile, 'networkProfile', 'healthProbe', 'id']),
    singlePlacementGroup: readBoolean(body, ['properties', 'singlePlacementGroup']),
    capacity: readInteger(body, ['sku', 'capacity']),
    platformFaultDomainCount: readInteger(body, ['properties', 'platformFaultDomainCount']),
  };
  const extensionsPath = [...profile, 'extensionProfile', 'extensions'];
  const inline = valueAt(body, extensionsPath);
  if (isArray(inline)) {
    inline.forEach((entry, index) => {
      if (!isObject(entry)) return;
      const name = typeof entry.name === 'string' || isUnknown(entry.name) ? entry.name : new Unknown(String(entry.name), 'extension without a name');
      scaleSet.extensions.push(buildExtension(source, [...extensionsPath, index], 'scaleSet', scaleSet, name));
    });
  }
  return scaleSet;
}

function readRollingUpgradePolicy(body: unknown, base: JsonPath): RollingUpgradePolicy {
  // Defaults from the API description (current-facts §3.2) where one is documented.
  return {
    maxBatchInstancePercent: readInteger(body, [...base, 'maxBatchInstancePercent'], 20),
    maxUnhealthyInstancePercent: readInteger(body, [...base, 'maxUnhealthyInstancePercent'], 20),
    maxUnhealthyUpgradedInstancePercent: readInteger(body, [...base, 'maxUnhealthyUpgradedInstancePercent'], 20),
    pauseTimeBetweenBatches: readString(body, [...base, 'pauseTimeBetweenBatches'], 'PT0S'),
    maxSurge: readBoolean(body, [...base, 'maxSurge']),
    rollbackFailedInstancesOnPolicyBreach: readBoolean(body, [...base, 'rollbackFailedInstancesOnPolicyBreach']),
    enableCrossZoneUpgrade: readBoolean(body, [...base, 'enableCrossZoneUpgrade']),
    prioritizeUnhealthyInstances: readBoolean(body, [...base, 'prioritizeUnhealthyInstances']),
  };
}

function readImage(body: unknown, base: JsonPath): ImageReference {
  const publisher = readString(body, [...base, 'publisher']);
  const offer = readString(body, [...base, 'offer']);
  const sku = readString(body, [...base, 'sku']);
  const version = readString(body, [...base, 'version']);
  const idKey = ['id', 'sharedGalleryImageId', 'communityGalleryImageId'].find((key) => valueAt(body, [...base, key]) !== undefined) ?? 'id';
  const id = readString(body, [...base, idKey]);
  const container = valueAt(body, base);
  let kind: ImageReference['kind'];
  if (container === undefined) kind = 'none';
  else if (isUnknown(container)) kind = 'unknown';
  else if (id.explicit) kind = isKnown(id) ? imageKindOfId(id.value) : 'unknown';
  else if (publisher.explicit || offer.explicit || sku.explicit) kind = 'marketplace';
  else kind = 'none';
  return { base, kind, publisher, offer, sku, version, id };
}

/** OS of a VM or scale-set model: the configuration block written, else osDisk.osType, else the image publisher. */
function detectOs(body: unknown, base: JsonPath, osTypePath: JsonPath, image: ImageReference): Field<OsType> {
  const windows = valueAt(body, [...base, 'windowsConfiguration']);
  const linux = valueAt(body, [...base, 'linuxConfiguration']);
  const osType = readString(body, osTypePath);
  if (isKnown(osType) && /^(windows|linux)$/i.test(osType.value)) {
    return { value: osType.value.toLowerCase() === 'windows' ? 'Windows' : 'Linux', path: osTypePath, explicit: true };
  }
  if (isObject(windows) && !isObject(linux)) return { value: 'Windows', path: [...base, 'windowsConfiguration'], explicit: true };
  if (isObject(linux) && !isObject(windows)) return { value: 'Linux', path: [...base, 'linuxConfiguration'], explicit: true };
  if (isKnown(image.publisher)) {
    const os = imageOs({
      publisher: image.publisher.value,
      offer: isKnown(image.offer) ? image.offer.value : undefined,
      sku: isKnown(image.sku) ? image.sku.value : undefined,
    });
    if (os) return { value: os, path: image.publisher.path, explicit: false };
  }
  return { value: new Unknown('operating system', 'the OS is not written and cannot be derived from the image'), path: osTypePath, explicit: false };
}

function readGuestPatchProfile(body: unknown, base: JsonPath, osTypePath: JsonPath, image: ImageReference): GuestPatchProfile {
  const os = detectOs(body, base, osTypePath, image);
  const present = valueAt(body, base) !== undefined;
  const windows = isKnown(os) && os.value === 'Windows';
  const linux = isKnown(os) && os.value === 'Linux';
  const configuration: JsonPath | undefined = windows ? [...base, 'windowsConfiguration'] : linux ? [...base, 'linuxConfiguration'] : undefined;
  const at = (...rest: Array<string | number>): JsonPath => [...(configuration ?? [...base, 'windowsConfiguration']), ...rest];

  const enableAutomaticUpdates = windows
    ? readBoolean(body, at('enableAutomaticUpdates'), true)
    : { value: undefined, path: at('enableAutomaticUpdates'), explicit: false };
  const patchModeField = configuration
    ? readString(body, at('patchSettings', 'patchMode'))
    : { value: undefined, path: at('patchSettings', 'patchMode'), explicit: false };
  if (!patchModeField.explicit) {
    // GP5: Windows defaults to AutomaticByOS; with enableAutomaticUpdates false Azure records Manual
    // (the only mode consistent with it, and what the CLI/portal set). Linux defaults to ImageDefault.
    if (windows) {
      patchModeField.value = isUnknown(enableAutomaticUpdates.value)
        ? new Unknown('patchMode', 'depends on enableAutomaticUpdates, which is not known')
        : enableAutomaticUpdates.value === false
          ? 'Manual'
          : 'AutomaticByOS';
    } else if (linux) patchModeField.value = 'ImageDefault';
    else if (isUnknown(os.value)) patchModeField.value = new Unknown('patchMode', 'the OS is not known');
  }
  const provisionVMAgent = readBoolean(body, at('provisionVMAgent'), true);
  const automaticByPlatform = at('patchSettings', 'automaticByPlatformSettings');
  return {
    base,
    present,
    os,
    configuration,
    patchMode: patchModeField,
    enableAutomaticUpdates,
    provisionVMAgent,
    assessmentMode: readString(body, at('patchSettings', 'assessmentMode')),
    enableHotpatching: readBoolean(body, at('patchSettings', 'enableHotpatching')),
    rebootSetting: readString(body, [...automaticByPlatform, 'rebootSetting']),
    bypassPlatformSafetyChecksOnUserSchedule: readBoolean(body, [...automaticByPlatform, 'bypassPlatformSafetyChecksOnUserSchedule']),
  };
}

// ---------------------------------------------------------------------------------------------
// Extensions, availability sets, load balancers

function buildExtension(
  source: ResourceSource,
  base: JsonPath,
  host: Extension['host'],
  parent: VirtualMachine | ScaleSet | undefined,
  extensionName: string | Unknown,
): Extension {
  const body = source.body;
  const properties = [...base, 'properties'];
  return {
    kind: 'extension',
    resource: source,
    name: source.name,
    base,
    propertiesPath: properties,
    host,
    parent,
    extensionName,
    publisher: readString(body, [...properties, 'publisher']),
    type: readString(body, [...properties, 'type']),
    typeHandlerVersion: readString(body, [...properties, 'typeHandlerVersion']),
    autoUpgradeMinorVersion: readBoolean(body, [...properties, 'autoUpgradeMinorVersion']),
    enableAutomaticUpgrade: readBoolean(body, [...properties, 'enableAutomaticUpgrade']),
    settings: readField(body, [...properties, 'settings'], isAnything),
    protectedSettings: readField(body, [...properties, 'protectedSettings'], isAnything),
    provisionAfterExtensions: readField(body, [...properties, 'provisionAfterExtensions'], isArray),
  };
}

function buildAvailabilitySet(source: ResourceSource): AvailabilitySet {
  const body = source.body;
  return {
    kind: 'availabilitySet',
    resource: source,
    name: source.name,
    // Azure's default is 5 update domains and 2 fault domains (per region maximums vary).
    platformUpdateDomainCount: readInteger(body, ['properties', 'platformUpdateDomainCount'], 5),
    platformFaultDomainCount: readInteger(body, ['properties', 'platformFaultDomainCount'], 2),
    location: readString(body, ['location']),
  };
}

function buildLoadBalancer(source: ResourceSource): LoadBalancer {
  const body = source.body;
  const probes: LoadBalancerProbe[] = [];
  const list = valueAt(body, ['properties', 'probes']);
  if (isArray(list)) {
    list.forEach((probe, index) => {
      if (!isObject(probe)) return;
      const path = ['properties', 'probes', index];
      const properties = [...path, 'properties'];
      probes.push({
        name: typeof probe.name === 'string' || isUnknown(probe.name) ? probe.name : new Unknown(String(probe.name), 'probe without a name'),
        path,
        protocol: readString(body, [...properties, 'protocol']),
        port: readInteger(body, [...properties, 'port']),
        intervalInSeconds: readInteger(body, [...properties, 'intervalInSeconds'], 15),
        numberOfProbes: readInteger(body, [...properties, 'numberOfProbes'], 2),
        probeThreshold: readInteger(body, [...properties, 'probeThreshold']),
      });
    });
  }
  return { kind: 'loadBalancer', resource: source, name: source.name, sku: readString(body, ['sku', 'name'], 'Basic'), probes };
}
