import rule from '../../../rules/policy/hotpatch-azure-edition.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'core-without-hotpatch.json',
      preset: 'strict',
      errors: [
        { messageId: 'enableHotpatch', path: 'properties.storageProfile.imageReference.sku', line: 36, severity: 'warning', fix: true },
        { messageId: 'notHotpatchable', path: 'properties.storageProfile.imageReference.sku', line: 78, severity: 'warning' },
      ],
    },
  ],
});
