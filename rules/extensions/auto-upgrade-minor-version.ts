import { isKnown } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'extensions/auto-upgrade-minor-version',
  severity: 'warning',
  requirements: ['EU2', 'EU3'],
  targets: ['extension'],
  summary: 'Set autoUpgradeMinorVersion true together with enableAutomaticUpgrade',
  fixable: true,
  messages: {
    minorOff:
      'enableAutomaticUpgrade is true but autoUpgradeMinorVersion is {{state}}: set autoUpgradeMinorVersion to true as well, so that the extension is deployed with the latest minor version and then kept up to date',
  },
  messageRequirements: { minorOff: ['EU3'] },
  check(extension, context) {
    const automatic = extension.enableAutomaticUpgrade;
    const minor = extension.autoUpgradeMinorVersion;
    if (!isKnown(automatic) || automatic.value !== true) return;
    // An unknown autoUpgradeMinorVersion may be true: nothing to report.
    if (minor.explicit && (!isKnown(minor) || minor.value === true)) return;
    context.report({
      path: minor.explicit ? minor.path : automatic.path,
      messageId: 'minorOff',
      data: { state: minor.explicit ? 'false' : 'omitted (false)' },
      fix: { description: 'set autoUpgradeMinorVersion to true', path: minor.path, value: true },
    });
  },
});
