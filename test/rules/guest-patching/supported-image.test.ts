import rule from '../../../rules/guest-patching/supported-image.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'managed-image.json',
      errors: [{ messageId: 'customImage', path: 'properties.storageProfile.imageReference.id', line: 36 }],
    },
    {
      fixture: 'unsupported-sku.json',
      errors: [{ messageId: 'unsupportedImage', path: 'properties.storageProfile.imageReference.sku', line: 37 }],
    },
  ],
});
