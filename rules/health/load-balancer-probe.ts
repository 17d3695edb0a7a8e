import { isKnown, sameValue } from '../../src/model/field.js';
import type { LoadBalancer, LoadBalancerProbe, ScaleSet } from '../../src/model/types.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { probeState } from '../../src/model/facts/index.js';

/** OU9: a probe should detect an unhealthy instance within two minutes. */
const MAX_DETECTION_SECONDS = 120;

export default defineRule({
  id: 'health/load-balancer-probe',
  severity: 'error',
  requirements: ['OU8', 'OU9'],
  targets: ['scaleSet', 'loadBalancer'],
  crossResource: true,
  summary: 'A scale-set health probe: on a Standard load balancer with multiple placement groups, probing at least every 2 minutes',
  messages: {
    basicWithPlacementGroups:
      'singlePlacementGroup is false (multiple placement groups), so the health probe must be on a Standard load balancer, but load balancer {{loadBalancer}} is {{sku}}: use sku Standard',
    slowProbe:
      'probe {{probe}} is the health probe of scale set {{scaleSet}} but marks an instance down only after {{seconds}} s ({{interval}} s x {{count}}): probe so that it takes at most 2 minutes',
  },
  messageRequirements: { slowProbe: ['OU9'] },
  check(target, context) {
    if (target.kind === 'scaleSet') checkScaleSet(target, context);
    else checkLoadBalancer(target, context);
  },
});

function checkScaleSet(scaleSet: ScaleSet, context: RuleContext): void {
  const placement = scaleSet.singlePlacementGroup;
  if (!isKnown(placement) || placement.value !== false) return;
  const probe = probeState(scaleSet, context.model);
  if (probe.kind !== 'resolved') return;
  // Report only when every load balancer the id can name is known to be Basic.
  const owners = probe.probes.map(({ loadBalancer }) => loadBalancer);
  if (!owners.every((loadBalancer) => isKnown(loadBalancer.sku) && sameValue(loadBalancer.sku.value, 'Basic'))) return;
  const first = owners[0];
  context.report({
    path: placement.path,
    messageId: 'basicWithPlacementGroups',
    data: {
      loadBalancer: typeof first.name === 'string' ? first.name : '(load balancer)',
      sku: first.sku.explicit ? String(first.sku.value) : 'Basic (the default)',
    },
  });
}

/** Seconds until the probe marks an instance down, with the field to point at. */
function detection(probe: LoadBalancerProbe): { seconds: number; interval: number; count: number; path: Array<string | number> } | undefined {
  const interval = probe.intervalInSeconds;
  // probeThreshold (newer) replaces numberOfProbes when written.
  const count = probe.probeThreshold.explicit ? probe.probeThreshold : probe.numberOfProbes;
  if (!isKnown(interval) || !isKnown(count)) return undefined;
  const path = interval.explicit ? interval.path : count.explicit ? count.path : probe.path;
  return { seconds: interval.value * count.value, interval: interval.value, count: count.value, path };
}

function checkLoadBalancer(loadBalancer: LoadBalancer, context: RuleContext): void {
  for (const scaleSet of context.model.scaleSets) {
    const state = probeState(scaleSet, context.model);
    if (state.kind !== 'resolved') continue;
    for (const { loadBalancer: owner, probe } of state.probes) {
      if (owner !== loadBalancer) continue;
      const time = detection(probe);
      if (!time || time.seconds <= MAX_DETECTION_SECONDS) continue;
      context.report({
        path: time.path,
        messageId: 'slowProbe',
        severity: 'warning',
        data: {
          probe: typeof probe.name === 'string' ? probe.name : '(probe)',
          scaleSet: typeof scaleSet.name === 'string' ? scaleSet.name : '(scale set)',
          seconds: time.seconds,
          interval: time.interval,
          count: time.count,
        },
      });
    }
  }
}
