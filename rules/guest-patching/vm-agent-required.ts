import { fieldIs, isKnown } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'guest-patching/vm-agent-required',
  severity: 'error',
  requirements: ['GP6'],
  targets: ['virtualMachine', 'scaleSet'],
  summary: 'Platform patching, platform assessment and hotpatch need the Azure VM agent',
  fixable: true,
  messages: {
    agentDisabled: 'provisionVMAgent is false, but {{feature}} needs the Azure VM agent: remove provisionVMAgent or set it to true',
  },
  check(target, context) {
    const profile = target.osProfile;
    if (!isKnown(profile.provisionVMAgent) || profile.provisionVMAgent.value !== false) return;
    const features: string[] = [];
    if (fieldIs(profile.patchMode, 'AutomaticByPlatform')) features.push('patchMode AutomaticByPlatform');
    if (fieldIs(profile.assessmentMode, 'AutomaticByPlatform')) features.push('assessmentMode AutomaticByPlatform');
    if (isKnown(profile.enableHotpatching) && profile.enableHotpatching.value) features.push('enableHotpatching');
    if (features.length === 0) return;
    context.report({
      path: profile.provisionVMAgent.path,
      messageId: 'agentDisabled',
      data: { feature: features.join(' and ') },
      fix: { description: 'set provisionVMAgent to true', path: profile.provisionVMAgent.path, value: true },
    });
  },
});
