/**
 * Cross-resource checks of the stack policy, on the same model as the rules. They run only while
 * no rule of the rule set covers their requirement (OU2, CF2): once such a rule exists, it runs in
 * the stack policy instead and these step aside (no duplicate findings).
 */
import { isApplicationHealthExtension, isServiceFabricExtension } from '../../src/catalog/extensions.js';
import { isKnown } from '../../src/model/field.js';
import { isUnknown } from '../../src/model/unknown.js';
import type { Model, ModelResource } from '../../src/model/types.js';
import { valueAt } from '../../src/model/field.js';

export interface StackFinding {
  checkId: string;
  requirements: string[];
  message: string;
  resource: ModelResource;
}

function nameOf(resource: ModelResource): string {
  return isUnknown(resource.name) ? '(unknown)' : resource.name;
}

/** OU2: a scale set with automatic OS image upgrade has a health probe that exists, or the Application Health extension. */
export function checkHealthSignals(model: Model): StackFinding[] {
  const findings: StackFinding[] = [];
  for (const scaleSet of model.scaleSets) {
    if (!isKnown(scaleSet.enableAutomaticOSUpgrade) || !scaleSet.enableAutomaticOSUpgrade.value) continue;
    const identities = scaleSet.extensions.map((extension) => (isKnown(extension.publisher) && isKnown(extension.type) ? [extension.publisher.value, extension.type.value] : undefined));
    if (identities.some((identity) => identity === undefined)) continue; // an extension we cannot identify may be the health extension
    if (identities.some((identity) => isServiceFabricExtension(identity![0], identity![1]))) continue;
    const hasExtension = identities.some((identity) => isApplicationHealthExtension(identity![0], identity![1]));
    const probe = scaleSet.healthProbeId;
    if (!probe.explicit && !hasExtension) {
      findings.push({
        checkId: 'stack/health-signal',
        requirements: ['OU2'],
        message: `scale set ${nameOf(scaleSet)} has automatic OS image upgrade but no health signal in the stack: set networkProfile.healthProbe to a load balancer probe, or add the Application Health extension`,
        resource: scaleSet,
      });
      continue;
    }
    if (!isKnown(probe)) continue;
    const match = /\/loadBalancers\/([^/]+)\/probes\/([^/]+)$/i.exec(probe.value);
    if (!match) continue;
    const [, balancerName, probeName] = match;
    const balancer = model.loadBalancers.find((candidate) => typeof candidate.name === 'string' && candidate.name.toLowerCase() === balancerName.toLowerCase());
    if (!balancer) continue; // declared elsewhere: cannot tell
    const names = balancer.probes.map((candidate) => candidate.name);
    if (names.some(isUnknown)) continue;
    if (!names.some((name) => typeof name === 'string' && name.toLowerCase() === probeName.toLowerCase())) {
      findings.push({
        checkId: 'stack/health-signal',
        requirements: ['OU2'],
        message: `scale set ${nameOf(scaleSet)} uses health probe '${probeName}', which load balancer ${balancerName} in the stack does not have`,
        resource: scaleSet,
      });
    }
  }
  return findings;
}

/** CF2: a VM with a customer-managed schedule (bypassPlatformSafetyChecksOnUserSchedule) has a maintenance configuration assignment. */
export function checkMaintenanceAssignments(model: Model): StackFinding[] {
  const findings: StackFinding[] = [];
  const assignments = model.other.filter((resource) => resource.kind === 'configurationAssignment');
  const targets: string[] = [];
  for (const assignment of assignments) {
    const target = valueAt(assignment.resource.body, ['properties', 'resourceId']) ?? valueAt(assignment.resource.body, ['scope']);
    if (typeof target !== 'string') return findings; // an assignment whose target is not known may be the one
    targets.push(target.toLowerCase());
  }
  for (const vm of model.virtualMachines) {
    const bypass = vm.osProfile.bypassPlatformSafetyChecksOnUserSchedule;
    if (!isKnown(bypass) || !bypass.value || typeof vm.name !== 'string') continue;
    const suffix = `/microsoft.compute/virtualmachines/${vm.name.toLowerCase()}`;
    if (targets.some((target) => target.endsWith(suffix))) continue;
    findings.push({
      checkId: 'stack/maintenance-assignment',
      requirements: ['CF2'],
      message: `VM ${vm.name} sets bypassPlatformSafetyChecksOnUserSchedule (customer-managed schedule) but no maintenance configuration assignment in the stack targets it: without one the VM is not patched at all`,
      resource: vm,
    });
  }
  return findings;
}

export const STACK_CHECKS = [
  { id: 'stack/health-signal', requirement: 'OU2', summary: 'Scale sets with automatic OS image upgrade have a health probe that exists or the Application Health extension', check: checkHealthSignals },
  { id: 'stack/maintenance-assignment', requirement: 'CF2', summary: 'VMs with a customer-managed schedule have a maintenance configuration assignment', check: checkMaintenanceAssignments },
] as const;
