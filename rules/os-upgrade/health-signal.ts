import { fieldIs, isKnown, valueAt } from '../../src/model/field.js';
import type { Model, ScaleSet } from '../../src/model/types.js';
import { defineRule } from '../../src/engine/rule.js';
import {
  applicationHealthExtensions,
  autoOsUpgradeOn,
  hasKnownProbe,
  isFlexible,
  isPlatformPatched,
  isUniform,
  probeState,
  serviceFabricState,
} from '../../src/model/facts/index.js';

export default defineRule({
  id: 'os-upgrade/health-signal',
  severity: 'error',
  requirements: ['OU2', 'CF5', 'CF7'],
  targets: ['scaleSet'],
  crossResource: true,
  summary: 'Automatic OS upgrade, rolling upgrades and Flexible guest patching need one application health signal',
  messages: {
    missingForAutoUpgrade:
      'automatic OS image upgrade needs an application health signal: add networkProfile.healthProbe (a load balancer probe) or the Application Health extension',
    missingForRolling:
      'upgradePolicy.mode Rolling needs an application health signal: add networkProfile.healthProbe (a load balancer probe) or the Application Health extension',
    flexibleNeedsExtension:
      'a Flexible scale set with {{feature}} needs the Application Health extension (ApplicationHealthLinux/ApplicationHealthWindows){{probeNote}}',
    both: 'the scale set has both networkProfile.healthProbe and the Application Health extension: only one source of health monitoring is allowed; remove one of them',
    probeNotFound:
      'networkProfile.healthProbe names probe {{probe}} of load balancer {{loadBalancer}}, which declares no such probe in this template: add the probe or fix the id',
  },
  messageRequirements: { missingForRolling: ['CF5'], flexibleNeedsExtension: ['CF5'], both: ['CF5'] },
  check(scaleSet, context) {
    const model = context.model;
    // Service Fabric scale sets take their health from the cluster (orchestration/service-fabric).
    if (serviceFabricState(scaleSet, model) !== 'no') return;
    const probe = probeState(scaleSet, model);
    const extensions = applicationHealthExtensions(scaleSet, model);
    const hasExtension = extensions.found.length > 0;
    const maybeExtension = hasExtension || extensions.uncertain;

    if (probe.kind === 'missing') {
      context.report({ path: scaleSet.healthProbeId.path, messageId: 'probeNotFound', data: { probe: probe.probeName, loadBalancer: probe.loadBalancerName } });
    }
    if (hasKnownProbe(probe) && hasExtension) {
      context.report({ path: scaleSet.healthProbeId.path, messageId: 'both' });
    }

    const rolling = fieldIs(scaleSet.upgradeMode, 'Rolling');
    if (isUniform(scaleSet)) {
      if (probe.kind !== 'none' || maybeExtension) return;
      if (autoOsUpgradeOn(scaleSet)) {
        context.report({ path: scaleSet.enableAutomaticOSUpgrade.path, messageId: 'missingForAutoUpgrade' });
      } else if (rolling) {
        context.report({ path: scaleSet.upgradeMode.path, messageId: 'missingForRolling' });
      }
    } else if (isFlexible(scaleSet)) {
      // VMs attached to a Flexible scale set carry their own extensions: with a VM of the template
      // attached (or no scale-set VM profile at all) the rule cannot tell, so it stays silent.
      if (maybeExtension || flexibleVmsElsewhere(scaleSet, model)) return;
      const probeNote = probe.kind === 'none' ? '' : ': a load balancer probe is not a health signal for Flexible orchestration';
      if (rolling) {
        context.report({ path: scaleSet.upgradeMode.path, messageId: 'flexibleNeedsExtension', data: { feature: 'upgradePolicy.mode Rolling', probeNote } });
      } else if (isKnown(scaleSet.osProfile.patchMode) && isPlatformPatched(scaleSet.osProfile)) {
        context.report({
          path: scaleSet.osProfile.patchMode.path,
          messageId: 'flexibleNeedsExtension',
          data: { feature: 'automatic VM guest patching (patchMode AutomaticByPlatform)', probeNote },
        });
      }
    }
  },
});

function flexibleVmsElsewhere(scaleSet: ScaleSet, model: Model): boolean {
  if (valueAt(scaleSet.resource.body, ['properties', 'virtualMachineProfile']) === undefined) return true;
  const name = typeof scaleSet.name === 'string' ? scaleSet.name.toLowerCase() : undefined;
  return model.virtualMachines.some((vm) => {
    const id = vm.virtualMachineScaleSetId;
    if (!id.explicit) return false;
    if (!isKnown(id) || name === undefined) return true;
    return id.value.toLowerCase().endsWith(`/virtualmachinescalesets/${name}`);
  });
}
