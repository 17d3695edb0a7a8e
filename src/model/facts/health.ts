/**
 * Health signals of a scale set (OU2, CF5): the load balancer probe named by
 * `networkProfile.healthProbe`, resolved against the template's load balancers.
 */
import { isArray, isKnown, isObject, sameValue, valueAt } from '../field.js';
import { TEMPLATE_DEPLOYMENT } from '../source.js';
import type { LoadBalancer, LoadBalancerProbe, Model, ScaleSet } from '../types.js';
import { isUnknown } from '../unknown.js';

export const APPLICATION_HEALTH_DOCS = 'https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-health-extension';

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
  if (!sameValue(match[1], TEMPLATE_DEPLOYMENT.subscriptionId) || !sameValue(match[2], TEMPLATE_DEPLOYMENT.resourceGroupName)) return undefined;
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
