import { fieldIs, isKnown, sameValue } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { autoOsUpgradeOn, hasKnownProbe, isFlexible, isWindows, probeState, serviceFabricExtensions, settingAt } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'orchestration/service-fabric',
  severity: 'error',
  requirements: ['OU3', 'CF8'],
  targets: ['scaleSet'],
  crossResource: true,
  summary: 'Service Fabric scale sets: Uniform orchestration, upgrade mode Automatic, no health probe, Windows Update off',
  fixable: true,
  messages: {
    probe: 'Service Fabric scale sets do not support application health probes: remove networkProfile.healthProbe (Service Fabric reports node health itself)',
    upgradeMode:
      'Service Fabric scale sets support only upgradePolicy.mode Automatic (effective mode here: {{mode}}): Service Fabric orchestrates the upgrade domains itself',
    flexible: 'Service Fabric supports only Uniform orchestration: remove orchestrationMode Flexible',
    updatesOn:
      'Service Fabric scale sets must not run Windows Update in the VMs: set enableAutomaticUpdates to false and use automatic OS image upgrade (automaticOSUpgradePolicy) instead',
    updatesDefault:
      'enableAutomaticUpdates is not written, so it defaults to true: Service Fabric scale sets must not run Windows Update in the VMs; set it to false and use automatic OS image upgrade instead',
  },
  messageRequirements: { upgradeMode: ['CF8'], flexible: ['CF8'], updatesOn: ['CF8'], updatesDefault: ['CF8'] },
  check(scaleSet, context) {
    const sf = serviceFabricExtensions(scaleSet, context.model);
    if (sf.found.length === 0) return;

    if (isFlexible(scaleSet)) context.report({ path: scaleSet.orchestrationMode.path, messageId: 'flexible' });

    if (isKnown(scaleSet.upgradeMode) && !sameValue(scaleSet.upgradeMode.value, 'Automatic')) {
      context.report({
        path: scaleSet.upgradeMode.path,
        messageId: 'upgradeMode',
        data: { mode: scaleSet.upgradeMode.explicit ? scaleSet.upgradeMode.value : `${scaleSet.upgradeMode.value} (the default)` },
        fix: { description: 'Set upgradePolicy.mode to Automatic', path: scaleSet.upgradeMode.path, value: 'Automatic' },
      });
    }

    // S2: a Bronze stateless-only node type needs an additional probe, so a probe there is not judged.
    const bronze = sf.found.some((extension) => {
      const level = settingAt(extension, 'durabilityLevel');
      return typeof level?.value === 'string' && sameValue(level.value, 'Bronze');
    });
    if (!bronze && hasKnownProbe(probeState(scaleSet, context.model))) {
      context.report({ path: scaleSet.healthProbeId.path, messageId: 'probe' });
    }

    const profile = scaleSet.osProfile;
    const updates = profile.enableAutomaticUpdates;
    // With automatic OS image upgrade on, Azure turns Windows Update off itself and
    // os-upgrade/windows-automatic-updates reports a written true.
    if (!isWindows(profile) || !isKnown(updates) || updates.value !== true || autoOsUpgradeOn(scaleSet)) return;
    const fix = profile.patchMode.explicit ? undefined : { description: 'Set enableAutomaticUpdates to false', path: updates.path, value: false };
    if (updates.explicit) context.report({ path: updates.path, messageId: 'updatesOn', fix });
    // Omitted, it is true by default: the same violation, the same severity (a written patchMode Manual
    // contradicts that default: guest-patching rules say so).
    else if (!fieldIs(profile.patchMode, 'Manual')) context.report({ path: updates.path, messageId: 'updatesDefault', fix });
  },
});
