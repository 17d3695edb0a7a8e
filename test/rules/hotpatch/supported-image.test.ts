import rule from '../../../rules/hotpatch/supported-image.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'desktop-sku.json',
      errors: [{ messageId: 'unsupportedImage', path: 'properties.storageProfile.imageReference.sku', line: 37 }],
    },
  ],
});
