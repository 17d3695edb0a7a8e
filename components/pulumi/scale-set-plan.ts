/**
 * From the intent of an auto-upgrading scale set to its upgrade policy, OS configuration, health
 * signal and extensions (pure: no Pulumi). Combinations Azure cannot do are Violations whose
 * message explains the choice.
 */
import { AUTO_OS_UPGRADE_IMAGES, isAutoOsUpgradeSupportedImage } from '../../src/catalog/images.js';
import type { Violation } from './errors.js';
import {
  applicationHealthExtensionSettings,
  checkApplicationHealth,
  isApplicationHealthExtension,
  isServiceFabricExtension,
  planExtensionUpgrade,
  type ApplicationHealthSettings,
} from './extension-plan.js';
import { describeImage, imageKind, isHotpatchSkuImage, marketplaceImage, type ImageReference } from './image.js';
import type { OsFamily } from './vm-patching.js';

/** Rolling upgrade batches and health gates; the documented defaults (OU10, CF7) apply to omitted fields. */
export interface RollingUpgradeSettings {
  /** Percent of instances upgraded per batch, 5-100 (default 20). */
  maxBatchInstancePercent?: number;
  /** Stop when more than this percent of the whole set is unhealthy, 5-100 (default 20). */
  maxUnhealthyInstancePercent?: number;
  /** Stop when more than this percent of upgraded instances is unhealthy, 0-100 (default 20). */
  maxUnhealthyUpgradedInstancePercent?: number;
  /** Wait between batches, an ISO 8601 duration (default `PT0S`). */
  pauseTimeBetweenBatches?: string;
  /** Create new instances for a batch instead of upgrading in place (API 2022-11-01). */
  maxSurge?: boolean;
  /** Roll failed instances back to the previous model when the policy is breached (Uniform only, API 2022-11-01). */
  rollbackFailedInstancesOnPolicyBreach?: boolean;
  /** Upgrade all availability zones at once instead of zone by zone. */
  enableCrossZoneUpgrade?: boolean;
  /** Upgrade unhealthy instances first. */
  prioritizeUnhealthyInstances?: boolean;
}

export const ROLLING_UPGRADE_DEFAULTS = {
  maxBatchInstancePercent: 20,
  maxUnhealthyInstancePercent: 20,
  maxUnhealthyUpgradedInstancePercent: 20,
  pauseTimeBetweenBatches: 'PT0S',
} as const;

/** One extension of the scale set model (extensionProfile), besides the health extension the component adds. */
export interface ScaleSetExtensionSpec {
  /** Name of the extension in the scale set model. */
  name: string;
  publisher: string;
  type: string;
  /** `major.minor`, e.g. `1.0`. */
  typeHandlerVersion: string;
  settings?: unknown;
  protectedSettings?: unknown;
  provisionAfterExtensions?: string[];
  /** Automatic extension upgrade for this extension: default true when the extension supports it (EU1). */
  autoUpgrade?: boolean;
}

/** The health signal: a load balancer probe, or the Application Health extension the component adds. */
export type HealthSignal = { loadBalancerProbeId: string; applicationHealth?: undefined } | { applicationHealth: ApplicationHealthSettings; loadBalancerProbeId?: undefined };

export interface ResolvedScaleSetIntent {
  os: OsFamily;
  image: ImageReference;
  orchestrationMode?: string;
  upgradeMode?: 'Rolling' | 'Automatic' | 'Manual';
  health?: HealthSignal;
  rollingUpgrade?: RollingUpgradeSettings;
  disableAutomaticRollback?: boolean;
  useRollingUpgradePolicy?: boolean;
  osRollingUpgradeDeferral?: boolean;
  extensions?: ScaleSetExtensionSpec[];
  automaticExtensionUpgrade?: boolean;
}

export interface ScaleSetExtensionEntry {
  name: string;
  publisher: string;
  type: string;
  typeHandlerVersion: string;
  autoUpgradeMinorVersion: boolean;
  enableAutomaticUpgrade: boolean;
  settings?: unknown;
  protectedSettings?: unknown;
  provisionAfterExtensions?: string[];
}

export interface ScaleSetPlan {
  orchestrationMode: string;
  imageReference: ImageReference;
  upgradePolicy: {
    mode: string;
    rollingUpgradePolicy: RollingUpgradeSettings & Required<Pick<RollingUpgradeSettings, keyof typeof ROLLING_UPGRADE_DEFAULTS>>;
    automaticOSUpgradePolicy: { enableAutomaticOSUpgrade: true; disableAutomaticRollback: boolean; useRollingUpgradePolicy?: boolean; osRollingUpgradeDeferral?: boolean };
  };
  /** Fields merged into windowsConfiguration / linuxConfiguration. */
  osConfigurationKey: 'windowsConfiguration' | 'linuxConfiguration';
  osConfiguration: { enableAutomaticUpdates?: boolean; provisionVMAgent: boolean };
  healthProbeId?: string;
  extensions: ScaleSetExtensionEntry[];
  serviceFabric: boolean;
  violations: Violation[];
}

const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

export const APPLICATION_HEALTH_EXTENSION_NAME = 'ApplicationHealth';

export function planScaleSet(intent: ResolvedScaleSetIntent): ScaleSetPlan {
  const violations: Violation[] = [];
  const push = (argument: string, requirement: Violation['requirement'], message: string) => violations.push({ argument, requirement, message });
  const windows = intent.os === 'Windows';
  const extensions = intent.extensions ?? [];
  const serviceFabric = extensions.some((extension) => isServiceFabricExtension(extension.publisher, extension.type));

  // Orchestration: automatic OS image upgrade is Uniform only (CF4); hotpatch images are Flexible only (HP3).
  const orchestrationMode = intent.orchestrationMode ?? 'Uniform';
  const image = intent.image;
  if (isHotpatchSkuImage(image)) {
    push(
      'image',
      'HP3',
      `${describeImage(image)} is a hotpatch image, which Azure does not allow with Uniform orchestration, and automatic OS image upgrade needs Uniform: use a non-hotpatch image (e.g. 2022-datacenter-azure-edition) for an auto-upgrading scale set, or a Flexible scale set with hotpatch (guest patching) and no automatic OS image upgrade: PatchedFlexibleScaleSet`,
    );
  }
  if (orchestrationMode.toLowerCase() !== 'uniform') {
    push(
      'orchestrationMode',
      'CF4',
      `automatic OS image upgrade is supported with Uniform orchestration only, not '${orchestrationMode}': use 'Uniform', or for Flexible patch the instances with guest patching (patchMode AutomaticByPlatform) instead of image upgrades: PatchedFlexibleScaleSet`,
    );
  }

  // Image: a supported platform image at version latest, or a gallery image (OU1, OU6).
  const kind = imageKind(image);
  const marketplace = marketplaceImage(image);
  if (image.version !== undefined && image.version.toLowerCase() !== 'latest' && kind === 'marketplace') {
    push('image.version', 'OU1', `automatic OS image upgrade needs version 'latest', not '${image.version}': omit image.version and the component sets it`);
  }
  if (kind === 'managed-image') {
    push('image', 'OU6', `automatic OS image upgrade does not support managed images (${describeImage(image)}): publish the image to an Azure Compute Gallery and use its image definition id`);
  } else if (marketplace && !isHotpatchSkuImage(image) && !isAutoOsUpgradeSupportedImage(marketplace)) {
    push('image', 'OU6', `automatic OS image upgrade is not supported for image ${describeImage(image)} (catalog of ${AUTO_OS_UPGRADE_IMAGES.date}): use a listed platform image or an Azure Compute Gallery image`);
  }
  const imageReference: ImageReference = kind === 'marketplace' ? { ...image, version: 'latest' } : { ...image };

  // Upgrade mode: Service Fabric accepts Automatic only (CF8); others default to Rolling.
  const upgradeMode = intent.upgradeMode ?? (serviceFabric ? 'Automatic' : 'Rolling');
  if (serviceFabric && upgradeMode !== 'Automatic') {
    push('upgradeMode', 'CF8', `Service Fabric scale sets support upgradePolicy.mode 'Automatic' only, not '${upgradeMode}': omit upgradeMode and the component sets it`);
  }

  // Health signal: exactly one for non-Service-Fabric sets (OU2, CF5); none for Service Fabric (OU3).
  const health = intent.health;
  const probe = health?.loadBalancerProbeId;
  const applicationHealth = health?.applicationHealth;
  if (serviceFabric && (probe !== undefined || applicationHealth !== undefined)) {
    push('health', 'OU3', 'Service Fabric scale sets do not support application health probes: Service Fabric reports health itself (durability Silver or Gold); remove health');
  } else if (!serviceFabric && probe === undefined && applicationHealth === undefined) {
    push('health', 'OU2', "automatic OS image upgrade needs an application health signal: give health.loadBalancerProbeId (a load balancer probe) or health.applicationHealth (the component adds the Application Health extension)");
  }
  if (probe !== undefined && applicationHealth !== undefined) {
    push('health', 'CF5', 'use one health source, a load balancer probe or the Application Health extension, not both');
  }
  if (applicationHealth) violations.push(...checkApplicationHealth(applicationHealth, 'health.applicationHealth'));

  // Rolling upgrade policy ranges (CF7).
  const rolling = { ...ROLLING_UPGRADE_DEFAULTS, ...stripUndefined(intent.rollingUpgrade ?? {}) };
  const percent = (name: keyof typeof ROLLING_UPGRADE_DEFAULTS, min: number) => {
    const value = rolling[name] as number;
    if (!(Number.isInteger(value) && value >= min && value <= 100)) push(`rollingUpgrade.${name}`, 'CF7', `${value} is outside ${min}-100`);
  };
  percent('maxBatchInstancePercent', 5);
  percent('maxUnhealthyInstancePercent', 5);
  percent('maxUnhealthyUpgradedInstancePercent', 0);
  if (!ISO_DURATION.test(rolling.pauseTimeBetweenBatches)) push('rollingUpgrade.pauseTimeBetweenBatches', 'CF7', `'${rolling.pauseTimeBetweenBatches}' is not an ISO 8601 duration (e.g. PT0S, PT5M)`);

  // Extensions: automatic upgrade where supported (EU1-EU3); no platform patch extensions (GP13); health via `health` (CF5).
  const planned = planModelExtensions(intent.os, extensions, applicationHealth, intent.automaticExtensionUpgrade);
  violations.push(...planned.violations);
  const entries = planned.entries;

  const automaticOSUpgradePolicy: ScaleSetPlan['upgradePolicy']['automaticOSUpgradePolicy'] = {
    enableAutomaticOSUpgrade: true,
    disableAutomaticRollback: intent.disableAutomaticRollback ?? false,
  };
  if (intent.useRollingUpgradePolicy !== undefined) automaticOSUpgradePolicy.useRollingUpgradePolicy = intent.useRollingUpgradePolicy;
  if (intent.osRollingUpgradeDeferral !== undefined) automaticOSUpgradePolicy.osRollingUpgradeDeferral = intent.osRollingUpgradeDeferral;

  return {
    orchestrationMode,
    imageReference,
    upgradePolicy: { mode: upgradeMode, rollingUpgradePolicy: rolling, automaticOSUpgradePolicy },
    // OU5/CF8: Windows Update must not patch in place; CF4: no AutomaticByPlatform patch mode (none is written).
    osConfigurationKey: windows ? 'windowsConfiguration' : 'linuxConfiguration',
    osConfiguration: windows ? { enableAutomaticUpdates: false, provisionVMAgent: true } : { provisionVMAgent: true },
    ...(probe !== undefined ? { healthProbeId: probe } : {}),
    extensions: entries,
    serviceFabric,
    violations,
  };
}

/**
 * The extensionProfile of a scale set model: the Application Health extension first (when health
 * settings are given, CF5/CF6), then the caller's extensions, each with automatic upgrade where
 * supported (EU1-EU3) and none of the platform patch extensions (GP13).
 */
export function planModelExtensions(
  os: OsFamily,
  extensions: readonly ScaleSetExtensionSpec[],
  applicationHealth: ApplicationHealthSettings | undefined,
  automaticExtensionUpgrade: boolean | undefined,
): { entries: ScaleSetExtensionEntry[]; violations: Violation[] } {
  const violations: Violation[] = [];
  const autoDefault = automaticExtensionUpgrade ?? true;
  const entries: ScaleSetExtensionEntry[] = [];
  extensions.forEach((extension, index) => {
    const argument = `extensions[${index}]`;
    if (isApplicationHealthExtension(extension.publisher, extension.type)) {
      violations.push({ argument, requirement: 'CF5', message: 'declare the Application Health extension through health.applicationHealth, so the scale set has exactly one health source' });
    }
    const requested = extension.autoUpgrade ?? (autoDefault ? undefined : false);
    const upgrade = planExtensionUpgrade(extension, requested, argument);
    violations.push(...upgrade.violations);
    entries.push(
      stripUndefined({
        name: extension.name,
        publisher: extension.publisher,
        type: extension.type,
        typeHandlerVersion: extension.typeHandlerVersion,
        autoUpgradeMinorVersion: upgrade.autoUpgradeMinorVersion,
        enableAutomaticUpgrade: upgrade.enableAutomaticUpgrade,
        settings: extension.settings,
        protectedSettings: extension.protectedSettings,
        provisionAfterExtensions: extension.provisionAfterExtensions,
      }),
    );
  });
  if (applicationHealth) {
    entries.unshift({
      name: APPLICATION_HEALTH_EXTENSION_NAME,
      publisher: 'Microsoft.ManagedServices',
      type: os === 'Windows' ? 'ApplicationHealthWindows' : 'ApplicationHealthLinux',
      typeHandlerVersion: applicationHealth.typeHandlerVersion ?? '2.0',
      autoUpgradeMinorVersion: true,
      enableAutomaticUpgrade: autoDefault,
      settings: applicationHealthExtensionSettings(applicationHealth),
    });
  }
  return { entries, violations };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
