/**
 * Extension settings the components derive (pure: no Pulumi): automatic upgrade (EU1-EU3) and the
 * Application Health extension's settings (CF6). Whether Azure accepts them is the lint rules'
 * word (judge.ts); only what an argument's type says is checked here.
 */
import { isApplicationHealthExtension, isServiceFabricExtension, supportsAutomaticUpgrade } from '../../src/catalog/extensions.js';
import type { Violation } from './errors.js';
import { judge, withRuleViolations, type ArgumentOf } from './judge.js';

export interface ExtensionIdentity {
  publisher: string;
  type: string;
}

/**
 * The upgrade settings of one extension: `autoUpgradeMinorVersion` always true (EU3),
 * `enableAutomaticUpgrade` as `requested`, or when undefined, for the extensions of the catalog
 * (EU1). The rule extensions/automatic-upgrade-supported judges a requested true.
 */
export function automaticUpgradeSettings(
  extension: ExtensionIdentity,
  requested: boolean | undefined,
): { autoUpgradeMinorVersion: true; enableAutomaticUpgrade: boolean } {
  return { autoUpgradeMinorVersion: true, enableAutomaticUpgrade: requested ?? supportsAutomaticUpgrade(extension.publisher, extension.type) };
}

/** Settings of the Application Health extension (CF6); names as the extension expects them. */
export interface ApplicationHealthSettings {
  /** `http`, `https` or `tcp`. */
  protocol: 'http' | 'https' | 'tcp';
  /** Port to probe: required for `tcp`; for `http`/`https` the extension defaults to 80/443. */
  port?: number;
  /** Path probed for `http`/`https` (required for them, not allowed for `tcp`), e.g. `/health`. */
  requestPath?: string;
  /** Seconds between probes, 5-60 (default 5). */
  intervalInSeconds?: number;
  /** Consecutive probes for a state change, 1-24 (default 1). */
  numberOfProbes?: number;
  /** Seconds of grace after an instance starts, at most 14400; rich health states (version 2.0) only. */
  gracePeriod?: number;
  /** `2.0` (rich health states, the default) or `1.0` (binary). */
  typeHandlerVersion?: '1.0' | '2.0';
}

/** The `settings` object of the Application Health extension (only the fields given). */
export function applicationHealthExtensionSettings(settings: ApplicationHealthSettings): Record<string, unknown> {
  const out: Record<string, unknown> = { protocol: settings.protocol };
  for (const key of ['port', 'requestPath', 'intervalInSeconds', 'numberOfProbes', 'gracePeriod'] as const) {
    if (settings[key] !== undefined) out[key] = settings[key];
  }
  return out;
}

/**
 * The rule reports a missing port or requestPath at `settings.protocol`: the argument at fault is
 * the missing one (`argument`: where the component takes the settings).
 */
export function applicationHealthRuleArguments(argument: string): Record<string, string> {
  return {
    'health/application-health-settings:tcpPort': `${argument}.port`,
    'health/application-health-settings:requestPathMissing': `${argument}.requestPath`,
    'health/application-health-settings:protocolMissing': `${argument}.protocol`,
  };
}

export interface ExtensionComponentPlan {
  autoUpgradeMinorVersion: boolean;
  enableAutomaticUpgrade: boolean;
  violations: Violation[];
  /** Findings of severity info (logged with pulumi.log.info). */
  notes: string[];
}

/** The extension's arguments behind the ARM paths; the upgrade flag is derived from the type (EU1). */
const EXTENSION_ARGUMENTS: readonly ArgumentOf[] = [
  { path: 'properties.type', argument: 'type', whole: true },
  { path: 'properties.enableAutomaticUpgrade', argument: 'type', whole: true },
  { path: 'properties.settings', argument: 'settings' },
];

/** What AutoUpgradedExtension and AutoUpgradedScaleSetExtension derive from their arguments, judged by the rules on the extension. */
export function planExtensionComponent(value: {
  publisher: string;
  type: string;
  autoUpgrade?: boolean;
  settings?: Record<string, unknown>;
}): ExtensionComponentPlan {
  const upgrade = automaticUpgradeSettings(value, value.autoUpgrade ?? true);
  // Application Health settings are judged by health/application-health-settings (CF6), like every rule.
  const local: Violation[] = [];
  const judged = judge({
    resources: [
      {
        type: 'azure-native:compute:VirtualMachineExtension',
        name: 'extension',
        props: {
          resourceGroupName: 'rg',
          vmName: 'vm',
          vmExtensionName: 'extension',
          publisher: value.publisher,
          type: value.type,
          ...upgrade,
          ...(value.settings !== undefined ? { settings: value.settings } : {}),
        },
      },
    ],
    argumentOf: EXTENSION_ARGUMENTS,
    argumentOfRule: applicationHealthRuleArguments('settings'),
  });
  return { ...upgrade, violations: withRuleViolations(local, judged.violations), notes: judged.notes };
}

export { isApplicationHealthExtension, isServiceFabricExtension };
