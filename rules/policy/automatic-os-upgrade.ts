import { isKnown, readBoolean } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'policy/automatic-os-upgrade',
  severity: 'info',
  presets: { recommended: 'off', strict: 'warning' },
  requirements: ['CF10'],
  targets: ['scaleSet'],
  summary: "Azure Policy parity: 'Require automatic OS image patching on Virtual Machine Scale Sets' (enableAutomaticOSUpgrade true)",
  messages: {
    noAutomaticUpgrade:
      "automatic OS image upgrade is {{state}}: the built-in policy 'Require automatic OS image patching on Virtual Machine Scale Sets' (465f0161-0087-490a-9ad9-ad6217f4f43a, effect deny) rejects this scale set; set upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade to true (it needs a health signal and image version latest)",
  },
  check(scaleSet, context) {
    const enabled = scaleSet.enableAutomaticOSUpgrade;
    if (enabled.explicit && (!isKnown(enabled) || enabled.value === true)) return;
    // The policy also accepts the legacy upgradePolicy.automaticOSUpgrade.
    const legacy = readBoolean(scaleSet.resource.body, ['properties', 'upgradePolicy', 'automaticOSUpgrade']);
    if (legacy.explicit && (!isKnown(legacy) || legacy.value === true)) return;
    context.report({
      path: enabled.path,
      messageId: 'noAutomaticUpgrade',
      data: { state: enabled.explicit ? 'off' : 'not enabled (enableAutomaticOSUpgrade omitted)' },
    });
  },
});
