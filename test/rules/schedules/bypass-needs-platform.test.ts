import rule from '../../../rules/schedules/bypass-needs-platform.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'automatic-by-os.json',
      errors: [{ messageId: 'needsPlatform', path: 'properties.osProfile.windowsConfiguration.patchSettings.patchMode', line: 27 }],
    },
    {
      fixture: 'flexible-scale-set.json',
      errors: [{ messageId: 'needsPlatform', path: 'properties.virtualMachineProfile.osProfile.linuxConfiguration.patchSettings.patchMode', line: 44 }],
    },
  ],
});
