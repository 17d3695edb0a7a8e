import rule from '../../../rules/os-upgrade/windows-automatic-updates.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    // AutomaticByOS needs true: the message names the mode to use, and no fix is offered (a choice).
    {
      fixture: 'by-os-updates-on.json',
      errors: [{ messageId: 'updatesOnByOs', path: 'properties.virtualMachineProfile.osProfile.windowsConfiguration.enableAutomaticUpdates', line: 77 }],
    },
    {
      fixture: 'updates-on.json',
      errors: [{ messageId: 'updatesOn', path: 'properties.virtualMachineProfile.osProfile.windowsConfiguration.enableAutomaticUpdates', line: 77, fix: true }],
    },
  ],
});
