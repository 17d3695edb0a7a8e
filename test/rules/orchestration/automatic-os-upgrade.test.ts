import rule from '../../../rules/orchestration/automatic-os-upgrade.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'flexible-max-surge.json',
      errors: [{ messageId: 'flexibleMaxSurge', path: 'properties.upgradePolicy.rollingUpgradePolicy.maxSurge', line: 29 }],
    },
    {
      fixture: 'flexible.json',
      errors: [{ messageId: 'flexible', path: 'properties.upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade', line: 29, severity: 'warning' }],
    },
    {
      fixture: 'platform-patch-mode.json',
      errors: [{ messageId: 'platformPatching', path: 'properties.virtualMachineProfile.osProfile.linuxConfiguration.patchSettings.patchMode', line: 79 }],
    },
  ],
});
