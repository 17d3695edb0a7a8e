import { fieldIs, isTrue } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { automaticUpdatesMustBeOff } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'os-upgrade/windows-automatic-updates',
  severity: 'error',
  requirements: ['OU5'],
  targets: ['scaleSet'],
  summary: 'Windows scale sets with automatic OS image upgrade must set enableAutomaticUpdates false (API 2019-03-01 and later)',
  fixable: true,
  messages: {
    updatesOn:
      'automatic OS image upgrade is enabled, so Windows Update must not patch the instances in place: from API 2019-03-01 enableAutomaticUpdates must be false (with automatic OS upgrade on it cannot be true)',
    updatesOnByOs:
      'automatic OS image upgrade is enabled, so Windows Update must not patch the instances in place: from API 2019-03-01 enableAutomaticUpdates must be false, and patchMode AutomaticByOS needs it true; use patchMode Manual with enableAutomaticUpdates false',
  },
  check(scaleSet, context) {
    const profile = scaleSet.osProfile;
    if (!automaticUpdatesMustBeOff(scaleSet)) return;
    // Omitted, Azure sets it to false itself when enableAutomaticOSUpgrade is true.
    const updates = profile.enableAutomaticUpdates;
    if (!updates.explicit || !isTrue(updates)) return;
    context.report({
      path: updates.path,
      messageId: profile.patchMode.explicit && fieldIs(profile.patchMode, 'AutomaticByOS') ? 'updatesOnByOs' : 'updatesOn',
      // With a written patchMode (AutomaticByOS needs true) the change needs a choice: no fix then.
      fix: profile.patchMode.explicit ? undefined : { description: 'Set enableAutomaticUpdates to false', path: updates.path, value: false },
    });
  },
});
