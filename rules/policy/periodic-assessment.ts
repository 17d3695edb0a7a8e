import { fieldIs, isKnown } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { introducedAfter } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'policy/periodic-assessment',
  severity: 'info',
  presets: { recommended: 'off', strict: 'warning' },
  requirements: ['CF10'],
  targets: ['virtualMachine'],
  summary: "Azure Policy parity: 'Machines should be configured to periodically check for missing system updates' (assessmentMode AutomaticByPlatform)",
  fixable: true,
  messages: {
    noAssessment:
      "assessmentMode is {{state}}: the built-in policy 'Machines should be configured to periodically check for missing system updates' (bd876905-5b84-4f73-ab2d-2e7a7c4568d9) reports this VM as non-compliant; set patchSettings.assessmentMode to AutomaticByPlatform",
    noAssessmentOldApi:
      "assessmentMode is {{state}}: the built-in policy 'Machines should be configured to periodically check for missing system updates' (bd876905-5b84-4f73-ab2d-2e7a7c4568d9) reports this VM as non-compliant; assessmentMode needs apiVersion {{first}} or later (this VM uses {{apiVersion}}): raise the apiVersion, then set patchSettings.assessmentMode to AutomaticByPlatform",
  },
  check(vm, context) {
    const profile = vm.osProfile;
    // Only VMs whose OS (and so the configuration block) is known; the policy reads the block of the OS.
    if (!profile.configuration || !profile.present) return;
    const mode = profile.assessmentMode;
    if (mode.explicit && (!isKnown(mode) || fieldIs(mode, 'AutomaticByPlatform'))) return;
    const agentOff = isKnown(profile.provisionVMAgent) && profile.provisionVMAgent.value === false;
    const state = mode.explicit ? `'${String(mode.value)}'` : 'omitted';
    const path = mode.explicit ? mode.path : profile.configuration;
    const first = introducedAfter(vm.resource, mode.path);
    // The fix would add a property this apiVersion ignores (CF1): name the version bump instead.
    if (first !== undefined) {
      context.report({ path, messageId: 'noAssessmentOldApi', data: { state, first, apiVersion: String(vm.resource.apiVersion) } });
      return;
    }
    context.report({
      path,
      messageId: 'noAssessment',
      data: { state },
      // AutomaticByPlatform assessment needs the VM agent: with the agent off, a choice is needed.
      fix: agentOff ? undefined : { description: 'set assessmentMode to AutomaticByPlatform', path: mode.path, value: 'AutomaticByPlatform' },
    });
  },
});
