import rule from '../../../rules/extensions/provision-after-extensions.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'missing-extension.json',
      errors: [
        { messageId: 'missing', path: 'properties.virtualMachineProfile.extensionProfile.extensions[1].properties.provisionAfterExtensions[1]', line: 84 },
      ],
    },
  ],
});
