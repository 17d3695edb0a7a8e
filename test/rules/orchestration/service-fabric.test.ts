import rule from '../../../rules/orchestration/service-fabric.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'defaults.json',
      errors: [
        { messageId: 'upgradeMode', path: 'properties.upgradePolicy.mode', line: 54, fix: true },
        { messageId: 'updatesDefault', path: 'properties.virtualMachineProfile.osProfile.windowsConfiguration.enableAutomaticUpdates', line: 60, fix: true },
      ],
    },
    {
      fixture: 'flexible.json',
      errors: [
        { messageId: 'flexible', path: 'properties.orchestrationMode', line: 54 },
        {
          ruleId: 'orchestration/automatic-os-upgrade',
          messageId: 'flexible',
          path: 'properties.upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade',
          line: 59,
          severity: 'warning',
        },
      ],
    },
    {
      fixture: 'rolling-with-probe.json',
      errors: [
        { messageId: 'upgradeMode', path: 'properties.upgradePolicy.mode', line: 96, fix: true },
        {
          ruleId: 'os-upgrade/windows-automatic-updates',
          messageId: 'updatesOn',
          path: 'properties.virtualMachineProfile.osProfile.windowsConfiguration.enableAutomaticUpdates',
          line: 107,
          severity: 'error',
          fix: true,
        },
        { messageId: 'probe', path: 'properties.virtualMachineProfile.networkProfile.healthProbe.id', line: 123 },
      ],
    },
  ],
});
