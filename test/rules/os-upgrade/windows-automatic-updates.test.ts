import rule from '../../../rules/os-upgrade/windows-automatic-updates.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'updates-on.json',
      errors: [
        { messageId: 'updatesOn', path: 'properties.virtualMachineProfile.osProfile.windowsConfiguration.enableAutomaticUpdates', line: 77, fix: true },
      ],
    },
  ],
});
