import rule from '../../../rules/guest-patching/rhel-packagekit.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'rhel-platform.json',
      errors: [{ messageId: 'disablePackagekit', path: 'properties.osProfile.linuxConfiguration.patchSettings.patchMode', line: 29 }],
    },
  ],
});
