/**
 * Checks shared by the automatic OS image upgrade, rolling upgrade, orchestration and health-signal
 * rules: is automatic OS upgrade on, which health signal a scale set has (load balancer probe,
 * Application Health extension), is it a Service Fabric scale set. Every answer distinguishes
 * "no" from "cannot tell", so that rules stay silent on what the template does not make known.
 */
import { AUTO_OS_UPGRADE_API, compareApiVersions } from '../../src/catalog/api-requirements.js';
import { isApplicationHealthExtension, isServiceFabricExtension } from '../../src/catalog/extensions.js';
import { isArray, isKnown, isObject, valueAt } from '../../src/model/field.js';
import type { JsonPath } from '../../src/model/source.js';
import type { Extension, GenericResource, LoadBalancer, LoadBalancerProbe, Model, ScaleSet } from '../../src/model/types.js';
import { isUnknown } from '../../src/model/unknown.js';
import { fieldIs, sameValue } from '../shared.js';

/**
 * Subscription and resource group that `resourceId()` gives inside a template (architecture.md,
 * "Values that may be unknown"): only ids with these name a resource of the same deployment.
 */
const TEMPLATE_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const TEMPLATE_RESOURCE_GROUP = 'resource-group';

export const APPLICATION_HEALTH_DOCS = 'https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-health-extension';

/** Compute API version of the resource when it is a known string. */
export function apiVersionOf(scaleSet: ScaleSet | Extension): string | undefined {
  const value = scaleSet.resource.apiVersion;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Automatic OS image upgrade is known to be on: `enableAutomaticOSUpgrade` is known true and the
 * apiVersion defines `automaticOSUpgradePolicy` (2018-10-01; before, Azure ignores it and
 * `os-upgrade/api-version` says so).
 */
export function autoOsUpgradeOn(scaleSet: ScaleSet): boolean {
  if (!isKnown(scaleSet.enableAutomaticOSUpgrade) || scaleSet.enableAutomaticOSUpgrade.value !== true) return false;
  const apiVersion = apiVersionOf(scaleSet);
  return apiVersion === undefined || compareApiVersions(apiVersion, AUTO_OS_UPGRADE_API) >= 0;
}

export function isUniform(scaleSet: ScaleSet): boolean {
  return fieldIs(scaleSet.orchestrationMode, 'Uniform');
}

export function isFlexible(scaleSet: ScaleSet): boolean {
  return fieldIs(scaleSet.orchestrationMode, 'Flexible');
}

// ---------------------------------------------------------------------------------------------
// Extensions of a scale set

export interface ExtensionSearch {
  /** Extensions of the scale set known to match. */
  found: Extension[];
  /** True when the scale set may have another matching extension the template does not make known. */
  uncertain: boolean;
}

/**
 * Extensions of the scale set (inline `extensionProfile` and separate extension resources of the
 * same template) that match `predicate(publisher, type)`.
 */
export function findScaleSetExtensions(scaleSet: ScaleSet, model: Model, predicate: (publisher: string, type: string) => boolean): ExtensionSearch {
  const found: Extension[] = [];
  let uncertain = false;
  const body = scaleSet.resource.body;
  const list = valueAt(body, ['properties', 'virtualMachineProfile', 'extensionProfile', 'extensions']);
  if (isUnknown(list)) uncertain = true;
  else if (isArray(list) && list.some((entry) => isUnknown(entry))) uncertain = true;
  for (const extension of scaleSet.extensions) {
    if (!isKnown(extension.publisher) || !isKnown(extension.type)) {
      // An extension without a known publisher and type could be the one looked for.
      if (isUnknown(extension.publisher.value) || isUnknown(extension.type.value)) uncertain = true;
      continue;
    }
    if (predicate(extension.publisher.value, extension.type.value)) found.push(extension);
  }
  // A scale-set extension resource whose parent cannot be told may belong to this scale set.
  for (const extension of model.extensions) {
    if (extension.host !== 'scaleSet' || extension.base.length > 0 || extension.parent !== undefined) continue;
    if (!isUnknown(extension.name)) continue;
    if (isKnown(extension.publisher) && isKnown(extension.type) && !predicate(extension.publisher.value, extension.type.value)) continue;
    uncertain = true;
  }
  return { found, uncertain };
}

export function applicationHealthExtensions(scaleSet: ScaleSet, model: Model): ExtensionSearch {
  return findScaleSetExtensions(scaleSet, model, isApplicationHealthExtension);
}

export function serviceFabricExtensions(scaleSet: ScaleSet, model: Model): ExtensionSearch {
  return findScaleSetExtensions(scaleSet, model, isServiceFabricExtension);
}

export type Tri = 'yes' | 'no' | 'unknown';

/** A Service Fabric scale set: it carries a ServiceFabricNode / ServiceFabricLinuxNode extension. */
export function serviceFabricState(scaleSet: ScaleSet, model: Model): Tri {
  const search = serviceFabricExtensions(scaleSet, model);
  if (search.found.length > 0) return 'yes';
  return search.uncertain ? 'unknown' : 'no';
}

// ---------------------------------------------------------------------------------------------
// Load balancer probes

export type ProbeState =
  /** No `networkProfile.healthProbe`. */
  | { kind: 'none' }
  /** Written, but its value is not known (or not a plain id). */
  | { kind: 'unknown' }
  /** A known id of a probe outside this template (or of a load balancer the template does not make known). */
  | { kind: 'external'; id: string }
  /** The load balancer is in the template and its probe list is known, without this probe. */
  | { kind: 'missing'; id: string; loadBalancerName: string; probeName: string }
  /** The probe, found on one or more load balancers of the template with that name. */
  | { kind: 'resolved'; id: string; loadBalancers: LoadBalancer[]; probes: Array<{ loadBalancer: LoadBalancer; probe: LoadBalancerProbe }> };

const PROBE_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/loadBalancers\/([^/]+)\/probes\/([^/]+)\/?$/i;

/** Load balancer and probe names of a probe id of this template's resource group, or undefined. */
export function parseProbeId(id: string): { loadBalancer: string; probe: string } | undefined {
  const match = PROBE_ID.exec(id.trim());
  if (!match) return undefined;
  if (match[1].toLowerCase() !== TEMPLATE_SUBSCRIPTION || match[2].toLowerCase() !== TEMPLATE_RESOURCE_GROUP.toLowerCase()) return undefined;
  return { loadBalancer: match[3], probe: match[4] };
}

function probeListKnown(loadBalancer: LoadBalancer): boolean {
  const list = valueAt(loadBalancer.resource.body, ['properties', 'probes']);
  if (list === undefined) return !isUnknown(valueAt(loadBalancer.resource.body, ['properties']));
  return isArray(list) && list.every((probe) => isObject(probe) && typeof probe.name === 'string');
}

export function probeState(scaleSet: ScaleSet, model: Model): ProbeState {
  const field = scaleSet.healthProbeId;
  if (!field.explicit) return { kind: 'none' };
  if (!isKnown(field) || field.value.trim() === '') return { kind: 'unknown' };
  const id = field.value;
  const parsed = parseProbeId(id);
  if (!parsed) return { kind: 'external', id };
  // A load balancer whose name is not known could be the one.
  if (model.loadBalancers.some((lb) => isUnknown(lb.name))) return { kind: 'external', id };
  const loadBalancers = model.loadBalancers.filter((lb) => typeof lb.name === 'string' && sameValue(lb.name, parsed.loadBalancer));
  if (loadBalancers.length === 0) return { kind: 'external', id };
  const probes = loadBalancers.flatMap((loadBalancer) =>
    loadBalancer.probes.filter((probe) => typeof probe.name === 'string' && sameValue(probe.name, parsed.probe)).map((probe) => ({ loadBalancer, probe })),
  );
  if (probes.length > 0) return { kind: 'resolved', id, loadBalancers, probes };
  if (loadBalancers.every(probeListKnown)) return { kind: 'missing', id, loadBalancerName: parsed.loadBalancer, probeName: parsed.probe };
  return { kind: 'external', id };
}

/** True when the scale set is known to reference a probe (any known id). */
export function hasKnownProbe(state: ProbeState): boolean {
  return state.kind === 'external' || state.kind === 'missing' || state.kind === 'resolved';
}

// ---------------------------------------------------------------------------------------------
// Service Fabric clusters and extension settings

/** A property of an extension's `settings` (path inside the extension's resource), when settings is a known object. */
export function settingAt(extension: Extension, key: string): { value: unknown; path: JsonPath; written: boolean } | undefined {
  const settings = extension.settings.value;
  if (!isObject(settings)) return undefined;
  const path = [...extension.propertiesPath, 'settings', key];
  const has = Object.prototype.hasOwnProperty.call(settings, key) && settings[key] !== null && settings[key] !== undefined;
  return { value: has ? settings[key] : undefined, path, written: has };
}

/** Node types of the Service Fabric clusters of the template with a known name. */
export function clusterNodeTypes(model: Model, nodeTypeName: string): Array<{ cluster: GenericResource; nodeType: Record<string, unknown> }> {
  const out: Array<{ cluster: GenericResource; nodeType: Record<string, unknown> }> = [];
  for (const cluster of model.other) {
    if (cluster.kind !== 'serviceFabricCluster') continue;
    const nodeTypes = valueAt(cluster.resource.body, ['properties', 'nodeTypes']);
    if (!isArray(nodeTypes)) continue;
    for (const nodeType of nodeTypes) {
      if (isObject(nodeType) && typeof nodeType.name === 'string' && sameValue(nodeType.name, nodeTypeName)) out.push({ cluster, nodeType });
    }
  }
  return out;
}

/** `major.minor` of a typeHandlerVersion, or undefined when it is not one. */
export function parseVersion(version: string): [number, number] | undefined {
  const match = /^\s*(\d+)(?:\.(\d+))?(?:\.\d+)*\s*$/.exec(version);
  return match ? [Number(match[1]), Number(match[2] ?? 0)] : undefined;
}
