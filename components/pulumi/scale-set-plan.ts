/**
 * From the intent of an auto-upgrading scale set to its upgrade policy, OS configuration, health
 * signal and extensions (pure: no Pulumi). The intent's own grammar is checked here; whether Azure
 * can do what it asks is the lint rules' word, run on the scale set the component will create
 * (judge.ts): OU1, OU2, OU3, OU6, CF4, CF5, CF7, CF8, HP3, GP13, EU1.
 */
import type { PulumiResourceInput } from '../policy/adapter.js';
import type { Violation } from './errors.js';
import {
  applicationHealthExtensionSettings,
  applicationHealthRuleArguments,
  automaticUpgradeSettings,
  isApplicationHealthExtension,
  isServiceFabricExtension,
  type ApplicationHealthSettings,
} from './extension-plan.js';
import { imageArguments, imageReferenceOf, type ImageReference } from './image.js';
import { judge, withRuleViolations, type ArgumentOf } from './judge.js';
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
export type HealthSignal =
  { loadBalancerProbeId: string; applicationHealth?: undefined } | { applicationHealth: ApplicationHealthSettings; loadBalancerProbeId?: undefined };

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
    automaticOSUpgradePolicy: {
      enableAutomaticOSUpgrade: true;
      disableAutomaticRollback: boolean;
      useRollingUpgradePolicy?: boolean;
      osRollingUpgradeDeferral?: boolean;
    };
  };
  /** Fields merged into windowsConfiguration / linuxConfiguration. */
  osConfigurationKey: 'windowsConfiguration' | 'linuxConfiguration';
  osConfiguration: { enableAutomaticUpdates?: boolean; provisionVMAgent: boolean };
  healthProbeId?: string;
  extensions: ScaleSetExtensionEntry[];
  serviceFabric: boolean;
  violations: Violation[];
  /** Findings of severity info (logged with pulumi.log.info). */
  notes: string[];
}

export const APPLICATION_HEALTH_EXTENSION_NAME = 'ApplicationHealth';

/** Where a scale set's model keeps what the components write. */
export const SCALE_SET_PATHS = {
  osProfile: 'properties.virtualMachineProfile.osProfile',
  imageReference: 'properties.virtualMachineProfile.storageProfile.imageReference',
  extensions: 'properties.virtualMachineProfile.extensionProfile.extensions',
} as const;

/** The scale set's ARM paths → the arguments of AutoUpgradingScaleSet. */
const SCALE_SET_ARGUMENTS: readonly ArgumentOf[] = [
  { path: 'properties.orchestrationMode', argument: 'orchestrationMode', whole: true },
  { path: 'properties.upgradePolicy.mode', argument: 'upgradeMode', whole: true },
  { path: 'properties.upgradePolicy.rollingUpgradePolicy', argument: 'rollingUpgrade' },
  { path: 'properties.virtualMachineProfile.networkProfile.healthProbe', argument: 'health', whole: true },
  ...imageArguments(SCALE_SET_PATHS.imageReference),
];

/** Findings at the properties the component always writes (enableAutomaticOSUpgrade): the argument behind them. */
export const SCALE_SET_RULE_ARGUMENTS: Readonly<Record<string, string>> = {
  'os-upgrade/health-signal': 'health',
  'orchestration/automatic-os-upgrade:flexible': 'orchestrationMode',
};

export function planScaleSet(intent: ResolvedScaleSetIntent): ScaleSetPlan {
  const violations: Violation[] = [];
  const windows = intent.os === 'Windows';
  const extensions = intent.extensions ?? [];
  const serviceFabric = extensions.some((extension) => isServiceFabricExtension(extension.publisher, extension.type));

  const orchestrationMode = intent.orchestrationMode ?? 'Uniform';
  if (!/^(uniform|flexible)$/i.test(orchestrationMode)) {
    violations.push({
      argument: 'orchestrationMode',
      requirement: 'CF4',
      message: `'${orchestrationMode}' is not an orchestration mode: automatic OS image upgrade needs 'Uniform'`,
    });
  }
  const upgradeMode = intent.upgradeMode ?? (serviceFabric ? 'Automatic' : 'Rolling');

  const health = intent.health;
  const probe = health?.loadBalancerProbeId;
  const applicationHealth = health?.applicationHealth;
  if (serviceFabric && applicationHealth !== undefined) {
    // Not a rule yet: os-upgrade rules read "Application Health Probes are not supported for Service Fabric scale sets" [S2] as load balancer probes only.
    violations.push({
      argument: 'health',
      requirement: 'OU3',
      message:
        'Service Fabric scale sets do not support application health probes: Service Fabric reports health itself (durability Silver or Gold); remove health',
    });
  }

  const planned = planModelExtensions(intent.os, extensions, applicationHealth, intent.automaticExtensionUpgrade, 'health.applicationHealth');
  violations.push(...planned.violations);

  const automaticOSUpgradePolicy: ScaleSetPlan['upgradePolicy']['automaticOSUpgradePolicy'] = {
    enableAutomaticOSUpgrade: true,
    disableAutomaticRollback: intent.disableAutomaticRollback ?? false,
  };
  if (intent.useRollingUpgradePolicy !== undefined) automaticOSUpgradePolicy.useRollingUpgradePolicy = intent.useRollingUpgradePolicy;
  if (intent.osRollingUpgradeDeferral !== undefined) automaticOSUpgradePolicy.osRollingUpgradeDeferral = intent.osRollingUpgradeDeferral;

  const plan: ScaleSetPlan = {
    orchestrationMode,
    imageReference: imageReferenceOf(intent.image),
    upgradePolicy: {
      mode: upgradeMode,
      rollingUpgradePolicy: { ...ROLLING_UPGRADE_DEFAULTS, ...stripUndefined(intent.rollingUpgrade ?? {}) },
      automaticOSUpgradePolicy,
    },
    // OU5/CF8: Windows Update must not patch in place; CF4: no AutomaticByPlatform patch mode (none is written).
    osConfigurationKey: windows ? 'windowsConfiguration' : 'linuxConfiguration',
    osConfiguration: windows ? { enableAutomaticUpdates: false, provisionVMAgent: true } : { provisionVMAgent: true },
    ...(probe !== undefined ? { healthProbeId: probe } : {}),
    extensions: planned.entries,
    serviceFabric,
    violations: [],
    notes: [],
  };
  const judged = judge({
    resources: [scaleSetResource(plan)],
    argumentOf: [...SCALE_SET_ARGUMENTS, ...extensionArguments(planned.entries, applicationHealth !== undefined, 'health.applicationHealth')],
    argumentOfRule: { ...SCALE_SET_RULE_ARGUMENTS, ...applicationHealthRuleArguments('health.applicationHealth') },
  });
  return { ...plan, violations: withRuleViolations(violations, judged.violations), notes: judged.notes };
}

/** What a component writes into a scale set's model, whichever the component. */
export interface ScaleSetModel {
  orchestrationMode: string;
  upgradePolicy: object;
  osConfigurationKey: string;
  osConfiguration: object;
  imageReference: ImageReference;
  healthProbeId?: string;
  extensions: readonly ScaleSetExtensionEntry[];
}

/** The scale set a component creates, in the shape the rules read (azure-native inputs). */
export function scaleSetResource(model: ScaleSetModel): PulumiResourceInput {
  return {
    type: 'azure-native:compute:VirtualMachineScaleSet',
    name: 'scale-set',
    props: {
      resourceGroupName: 'rg',
      vmScaleSetName: 'scale-set',
      orchestrationMode: model.orchestrationMode,
      upgradePolicy: model.upgradePolicy,
      virtualMachineProfile: {
        osProfile: { [model.osConfigurationKey]: model.osConfiguration },
        storageProfile: { imageReference: model.imageReference },
        networkProfile: model.healthProbeId !== undefined ? { healthProbe: { id: model.healthProbeId } } : {},
        ...(model.extensions.length > 0 ? { extensionProfile: { extensions: model.extensions } } : {}),
      },
    },
  };
}

/**
 * The extensionProfile's ARM paths → arguments: the Application Health extension (first, when
 * `healthFirst`) is `healthArgument`; the others are `extensions[i]` as a whole.
 */
export function extensionArguments(entries: readonly ScaleSetExtensionEntry[], healthFirst: boolean, healthArgument: string): ArgumentOf[] {
  return entries.flatMap((_, index): ArgumentOf[] => {
    const path = `${SCALE_SET_PATHS.extensions}[${index}]`;
    if (healthFirst && index === 0) {
      return [
        { path: `${path}.properties.settings`, argument: healthArgument },
        { path: `${path}.properties.typeHandlerVersion`, argument: `${healthArgument}.typeHandlerVersion`, whole: true },
        { path, argument: healthArgument, whole: true },
      ];
    }
    return [{ path, argument: `extensions[${healthFirst ? index - 1 : index}]`, whole: true }];
  });
}

/**
 * The extensionProfile of a scale set model: the Application Health extension first (when health
 * settings are given, CF5/CF6), then the caller's extensions, each with automatic upgrade where
 * supported (EU1-EU3). The health extension has its own argument (`healthArgument`), so that the
 * scale set has exactly one.
 */
export function planModelExtensions(
  os: OsFamily,
  extensions: readonly ScaleSetExtensionSpec[],
  applicationHealth: ApplicationHealthSettings | undefined,
  automaticExtensionUpgrade: boolean | undefined,
  healthArgument = 'health.applicationHealth',
): { entries: ScaleSetExtensionEntry[]; violations: Violation[] } {
  const violations: Violation[] = [];
  const autoDefault = automaticExtensionUpgrade ?? true;
  const entries: ScaleSetExtensionEntry[] = [];
  extensions.forEach((extension, index) => {
    if (isApplicationHealthExtension(extension.publisher, extension.type)) {
      violations.push({
        argument: `extensions[${index}]`,
        requirement: 'CF5',
        message: `declare the Application Health extension through ${healthArgument}, so the scale set has exactly one health source`,
      });
    }
    const upgrade = automaticUpgradeSettings(extension, extension.autoUpgrade ?? (autoDefault ? undefined : false));
    entries.push(
      stripUndefined({
        name: extension.name,
        publisher: extension.publisher,
        type: extension.type,
        typeHandlerVersion: extension.typeHandlerVersion,
        ...upgrade,
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
