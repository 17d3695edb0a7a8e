/** Extension settings the components derive (pure: no Pulumi): automatic upgrade (EU1-EU3), Application Health (CF6). */
import {
  AUTO_UPGRADE_EXTENSIONS,
  isApplicationHealthExtension,
  isPlatformPatchExtension,
  isServiceFabricExtension,
  supportsAutomaticUpgrade,
} from '../../src/catalog/extensions.js';
import type { Violation } from './errors.js';

export interface ExtensionIdentity {
  publisher: string;
  type: string;
}

/**
 * The upgrade settings of one extension: `autoUpgradeMinorVersion` always true (EU3),
 * `enableAutomaticUpgrade` true only for extensions of the catalog (EU1). `requested`: true (must
 * upgrade: unsupported is a violation), false (never), undefined (when supported).
 */
export function planExtensionUpgrade(
  extension: ExtensionIdentity,
  requested: boolean | undefined,
  argument: string,
): { autoUpgradeMinorVersion: true; enableAutomaticUpgrade: boolean; violations: Violation[] } {
  const violations: Violation[] = [];
  const supported = supportsAutomaticUpgrade(extension.publisher, extension.type);
  if (isPlatformPatchExtension(extension.publisher, extension.type)) {
    violations.push({
      argument,
      requirement: 'GP13',
      message: `${extension.publisher}.${extension.type} is installed and updated by the platform when patchMode is AutomaticByPlatform: do not declare it, set the patching mode instead`,
    });
  }
  if (requested === true && !supported) {
    violations.push({
      argument,
      requirement: 'EU1',
      message: `${extension.publisher}.${extension.type} does not support automatic extension upgrade (catalog of ${AUTO_UPGRADE_EXTENSIONS.date}): set autoUpgrade false, or use a plain extension resource`,
    });
  }
  return { autoUpgradeMinorVersion: true, enableAutomaticUpgrade: requested === false ? false : requested === true ? true : supported, violations };
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

export function checkApplicationHealth(settings: ApplicationHealthSettings, argument: string): Violation[] {
  const violations: Violation[] = [];
  const at = (name: string) => `${argument}.${name}`;
  const push = (name: string, message: string) => violations.push({ argument: at(name), requirement: 'CF6', message });
  const protocol = String(settings.protocol ?? '').toLowerCase();
  if (!['http', 'https', 'tcp'].includes(protocol)) push('protocol', `'${String(settings.protocol)}' is not a protocol of the Application Health extension: use 'http', 'https' or 'tcp'`);
  if (protocol === 'tcp' && settings.port === undefined) push('port', "protocol 'tcp' needs a port");
  if (protocol === 'tcp' && settings.requestPath !== undefined) push('requestPath', "protocol 'tcp' does not take a requestPath");
  if ((protocol === 'http' || protocol === 'https') && !settings.requestPath) push('requestPath', `protocol '${protocol}' needs a requestPath, e.g. '/health'`);
  if (settings.port !== undefined && !(Number.isInteger(settings.port) && settings.port >= 1 && settings.port <= 65535)) push('port', `${settings.port} is not a port (1-65535)`);
  if (settings.intervalInSeconds !== undefined && !(settings.intervalInSeconds >= 5 && settings.intervalInSeconds <= 60)) push('intervalInSeconds', `${settings.intervalInSeconds} is outside 5-60 seconds`);
  if (settings.numberOfProbes !== undefined && !(settings.numberOfProbes >= 1 && settings.numberOfProbes <= 24)) push('numberOfProbes', `${settings.numberOfProbes} is outside 1-24`);
  const version = settings.typeHandlerVersion ?? '2.0';
  if (version !== '1.0' && version !== '2.0') push('typeHandlerVersion', `'${String(version)}' is not a version of the Application Health extension: use '2.0' or '1.0'`);
  if (settings.gracePeriod !== undefined) {
    if (!(settings.gracePeriod >= 0 && settings.gracePeriod <= 14400)) push('gracePeriod', `${settings.gracePeriod} is more than 14400 seconds`);
    if (version !== '2.0') push('gracePeriod', "gracePeriod needs rich health states: typeHandlerVersion '2.0'");
  }
  return violations;
}

/** The `settings` object of the Application Health extension (only the fields given). */
export function applicationHealthExtensionSettings(settings: ApplicationHealthSettings): Record<string, unknown> {
  const out: Record<string, unknown> = { protocol: settings.protocol };
  for (const key of ['port', 'requestPath', 'intervalInSeconds', 'numberOfProbes', 'gracePeriod'] as const) {
    if (settings[key] !== undefined) out[key] = settings[key];
  }
  return out;
}

export interface ExtensionComponentPlan {
  autoUpgradeMinorVersion: boolean;
  enableAutomaticUpgrade: boolean;
  violations: Violation[];
}

/** What AutoUpgradedExtension and AutoUpgradedScaleSetExtension check and derive from their arguments. */
export function planExtensionComponent(value: { publisher: string; type: string; autoUpgrade?: boolean; settings?: Record<string, unknown> }): ExtensionComponentPlan {
  const upgrade = planExtensionUpgrade(value, value.autoUpgrade ?? true, 'type');
  const violations = [...upgrade.violations];
  if (isApplicationHealthExtension(value.publisher, value.type)) {
    violations.push(...checkApplicationHealth((value.settings ?? {}) as unknown as ApplicationHealthSettings, 'settings'));
  }
  return { autoUpgradeMinorVersion: upgrade.autoUpgradeMinorVersion, enableAutomaticUpgrade: upgrade.enableAutomaticUpgrade, violations };
}

export { isApplicationHealthExtension, isServiceFabricExtension };
