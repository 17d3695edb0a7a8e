import rule from '../../../rules/os-upgrade/health-signal.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'flexible-platform-patching.json',
      errors: [
        { messageId: 'flexibleNeedsExtension', path: 'properties.virtualMachineProfile.osProfile.linuxConfiguration.patchSettings.patchMode', line: 35 },
      ],
    },
    {
      fixture: 'flexible-rolling-probe-only.json',
      errors: [{ messageId: 'flexibleNeedsExtension', path: 'properties.upgradePolicy.mode', line: 68 }],
    },
    {
      fixture: 'probe-and-extension.json',
      errors: [{ messageId: 'both', path: 'properties.virtualMachineProfile.networkProfile.healthProbe.id', line: 93 }],
    },
    {
      fixture: 'probe-not-found.json',
      errors: [{ messageId: 'probeNotFound', path: 'properties.virtualMachineProfile.networkProfile.healthProbe.id', line: 92 }],
    },
    {
      fixture: 'uniform-auto-upgrade-no-signal.json',
      errors: [{ messageId: 'missingForAutoUpgrade', path: 'properties.upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade', line: 27 }],
    },
    {
      fixture: 'uniform-rolling-no-signal.json',
      errors: [{ messageId: 'missingForRolling', path: 'properties.upgradePolicy.mode', line: 25 }],
    },
  ],
});
