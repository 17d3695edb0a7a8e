import rule from '../../../rules/credentials/sas-expiry.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'custom-script.json',
      errors: [
        { messageId: 'expired', path: 'properties.settings.fileUris[0]', line: 67 },
        { messageId: 'expiring', path: 'properties.settings.fileUris[1]', line: 68, severity: 'warning' },
        { messageId: 'expired', path: 'properties.protectedSettings.commandToExecute', line: 73 },
      ],
    },
  ],
});
