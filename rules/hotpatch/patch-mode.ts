import { fieldIs, isKnown } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { hotpatchOn } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'hotpatch/patch-mode',
  severity: 'error',
  requirements: ['HP2'],
  targets: ['virtualMachine', 'scaleSet'],
  summary: 'Hotpatch requires patchMode AutomaticByPlatform',
  messages: {
    needsPlatform:
      "enableHotpatching is true, but patchMode is '{{mode}}'{{default}}: hotpatch requires patchMode AutomaticByPlatform (and provisionVMAgent and enableAutomaticUpdates true); set patchMode to AutomaticByPlatform or enableHotpatching to false",
  },
  check(target, context) {
    const profile = target.osProfile;
    if (!hotpatchOn(profile) || !isKnown(profile.patchMode) || fieldIs(profile.patchMode, 'AutomaticByPlatform')) return;
    context.report({
      path: profile.patchMode.explicit ? profile.patchMode.path : profile.enableHotpatching.path,
      messageId: 'needsPlatform',
      data: { mode: profile.patchMode.value, default: profile.patchMode.explicit ? '' : ' (omitted, the default)' },
    });
  },
});
