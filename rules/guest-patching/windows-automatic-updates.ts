import { isKnown, sameValue } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { automaticUpdatesMustBeOff, isWindows } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'guest-patching/windows-automatic-updates',
  severity: 'error',
  requirements: ['GP2', 'GP3', 'GP4', 'GP5'],
  targets: ['virtualMachine', 'scaleSet'],
  summary: 'enableAutomaticUpdates must match the Windows patch mode',
  fixable: true,
  messages: {
    platformNeedsTrue:
      'patchMode AutomaticByPlatform requires enableAutomaticUpdates true when the VM is created{{default}}; a VM that moved here from Manual keeps false (lint with --baseline to show that)',
    osNeedsTrue: 'patchMode AutomaticByOS requires enableAutomaticUpdates true{{default}}',
    manualNeedsFalse: 'patchMode Manual requires enableAutomaticUpdates false{{default}}',
    byOsWithOsUpgrade:
      'patchMode AutomaticByOS requires enableAutomaticUpdates true, but this scale set has automatic OS image upgrade, which requires it false (OU5): use patchMode Manual',
  },
  messageRequirements: { platformNeedsTrue: ['GP2'], osNeedsTrue: ['GP3'], manualNeedsFalse: ['GP4'], byOsWithOsUpgrade: ['GP3'] },
  check(target, context) {
    const profile = target.osProfile;
    // An omitted patchMode takes the default that matches enableAutomaticUpdates (GP5): only a written one can conflict.
    if (!isWindows(profile) || !profile.patchMode.explicit || !isKnown(profile.patchMode) || !isKnown(profile.enableAutomaticUpdates)) return;
    const mode = profile.patchMode.value;
    const automaticUpdates = profile.enableAutomaticUpdates.value;
    const field = profile.enableAutomaticUpdates;
    const path = field.explicit ? field.path : profile.patchMode.path;
    const data = { default: field.explicit ? '' : ' (it is omitted, and defaults to true)' };
    const fix = (value: boolean) => ({ description: `set enableAutomaticUpdates to ${value}`, path: field.path, value });
    if (sameValue(mode, 'AutomaticByPlatform') && automaticUpdates === false) {
      // GP2 holds on creation only: a resource that already exists in the baseline may keep false (GP10).
      if (context.previous) return;
      context.report({ path, messageId: 'platformNeedsTrue', data, fix: fix(true) });
    } else if (sameValue(mode, 'AutomaticByOS') && automaticUpdates === false) {
      // With automatic OS image upgrade, true is not allowed either (OU5): the mode has to change.
      if (target.kind === 'scaleSet' && automaticUpdatesMustBeOff(target)) {
        context.report({
          path: profile.patchMode.path,
          messageId: 'byOsWithOsUpgrade',
          fix: { description: 'set patchMode to Manual', path: profile.patchMode.path, value: 'Manual' },
        });
      } else context.report({ path, messageId: 'osNeedsTrue', data, fix: fix(true) });
    } else if (sameValue(mode, 'Manual') && automaticUpdates === true) {
      context.report({ path, messageId: 'manualNeedsFalse', data, fix: fix(false) });
    }
  },
});
