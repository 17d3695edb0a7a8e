/**
 * The normalized compute model: what rules and the rollout planner reason about. Every input
 * (ARM JSON, later Bicep and Pulumi inputs) becomes these objects.
 */
import type { JsonPath, ResourceSource } from './source.js';
import type { Unknown } from './unknown.js';
import type { Field } from './field.js';

export type OsType = 'Windows' | 'Linux';

export type ResourceKind =
  | 'virtualMachine'
  | 'scaleSet'
  | 'extension'
  | 'availabilitySet'
  | 'loadBalancer'
  | 'serviceFabricCluster'
  | 'maintenanceConfiguration'
  | 'configurationAssignment';

interface ModelResourceBase {
  kind: ResourceKind;
  /** The expanded resource this object was built from (type, name, apiVersion, body, locations). */
  resource: ResourceSource;
  /** Evaluated full name (`vm1`, `vm1/ext`) or Unknown. */
  name: string | Unknown;
}

/** `osProfile` of a VM, or `virtualMachineProfile.osProfile` of a scale set, with effective defaults (GP5). */
export interface GuestPatchProfile {
  /** Path of the osProfile inside the resource. */
  base: JsonPath;
  /** True when the template writes an osProfile (VMs from attached disks have none). */
  present: boolean;
  os: Field<OsType>;
  /** `windowsConfiguration` or `linuxConfiguration` for the detected OS (where patch settings live). */
  configuration: JsonPath | undefined;
  patchMode: Field<string>;
  /** Windows only (undefined value on Linux). Default true. */
  enableAutomaticUpdates: Field<boolean>;
  /** Default true. */
  provisionVMAgent: Field<boolean>;
  assessmentMode: Field<string>;
  enableHotpatching: Field<boolean>;
  rebootSetting: Field<string>;
  bypassPlatformSafetyChecksOnUserSchedule: Field<boolean>;
}

export type ImageKind = 'marketplace' | 'gallery' | 'managed-image' | 'none' | 'unknown';

export interface ImageReference {
  /** Path of `imageReference` inside the resource. */
  base: JsonPath;
  kind: ImageKind;
  publisher: Field<string>;
  offer: Field<string>;
  sku: Field<string>;
  version: Field<string>;
  /** `id`, `sharedGalleryImageId` or `communityGalleryImageId`, whichever is written. */
  id: Field<string>;
}

export interface VirtualMachine extends ModelResourceBase {
  kind: 'virtualMachine';
  osProfile: GuestPatchProfile;
  image: ImageReference;
  extensions: Extension[];
  location: Field<string>;
  zones: Field<unknown[]>;
  availabilitySetId: Field<string>;
  /** Set for VMs attached to a Flexible scale set. */
  virtualMachineScaleSetId: Field<string>;
}

export interface RollingUpgradePolicy {
  maxBatchInstancePercent: Field<number>;
  maxUnhealthyInstancePercent: Field<number>;
  maxUnhealthyUpgradedInstancePercent: Field<number>;
  pauseTimeBetweenBatches: Field<string>;
  maxSurge: Field<boolean>;
  rollbackFailedInstancesOnPolicyBreach: Field<boolean>;
  enableCrossZoneUpgrade: Field<boolean>;
  prioritizeUnhealthyInstances: Field<boolean>;
}

export interface ScaleSet extends ModelResourceBase {
  kind: 'scaleSet';
  osProfile: GuestPatchProfile;
  image: ImageReference;
  /** Inline `extensionProfile` extensions and separate `virtualMachineScaleSets/extensions` resources. */
  extensions: Extension[];
  location: Field<string>;
  zones: Field<unknown[]>;
  /** Default `Uniform` when omitted. */
  orchestrationMode: Field<string>;
  /** Default `Manual` (CF7). */
  upgradeMode: Field<string>;
  enableAutomaticOSUpgrade: Field<boolean>;
  disableAutomaticRollback: Field<boolean>;
  useRollingUpgradePolicy: Field<boolean>;
  rollingUpgradePolicy: RollingUpgradePolicy;
  /** `networkProfile.healthProbe.id`. */
  healthProbeId: Field<string>;
  singlePlacementGroup: Field<boolean>;
  capacity: Field<number>;
  platformFaultDomainCount: Field<number>;
}

export interface Extension extends ModelResourceBase {
  kind: 'extension';
  /** Path of the extension object inside `resource`: [] for an extension resource, or the extensionProfile entry. */
  base: JsonPath;
  /** Path of the extension's `properties` inside `resource`. */
  propertiesPath: JsonPath;
  host: 'virtualMachine' | 'scaleSet';
  /** The VM or scale set the extension belongs to, when it is in the same template. */
  parent: VirtualMachine | ScaleSet | undefined;
  /** Name of the extension itself (the last name segment). */
  extensionName: string | Unknown;
  publisher: Field<string>;
  type: Field<string>;
  typeHandlerVersion: Field<string>;
  autoUpgradeMinorVersion: Field<boolean>;
  enableAutomaticUpgrade: Field<boolean>;
  settings: Field<unknown>;
  protectedSettings: Field<unknown>;
  provisionAfterExtensions: Field<unknown[]>;
}

export interface AvailabilitySet extends ModelResourceBase {
  kind: 'availabilitySet';
  platformUpdateDomainCount: Field<number>;
  platformFaultDomainCount: Field<number>;
  location: Field<string>;
}

export interface LoadBalancerProbe {
  name: string | Unknown;
  path: JsonPath;
  protocol: Field<string>;
  port: Field<number>;
  intervalInSeconds: Field<number>;
  numberOfProbes: Field<number>;
  probeThreshold: Field<number>;
}

export interface LoadBalancer extends ModelResourceBase {
  kind: 'loadBalancer';
  sku: Field<string>;
  probes: LoadBalancerProbe[];
}

export interface GenericResource extends ModelResourceBase {
  kind: 'serviceFabricCluster' | 'maintenanceConfiguration' | 'configurationAssignment';
}

export type ModelResource = VirtualMachine | ScaleSet | Extension | AvailabilitySet | LoadBalancer | GenericResource;

/** The model of one template file. */
export interface Model {
  resources: ModelResource[];
  virtualMachines: VirtualMachine[];
  scaleSets: ScaleSet[];
  extensions: Extension[];
  availabilitySets: AvailabilitySet[];
  loadBalancers: LoadBalancer[];
  other: GenericResource[];
}
