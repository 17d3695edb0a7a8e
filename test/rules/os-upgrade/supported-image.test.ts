import rule from '../../../rules/os-upgrade/supported-image.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'dropped-image.json',
      errors: [{ messageId: 'droppedImage', path: 'properties.virtualMachineProfile.storageProfile.imageReference.sku', line: 84 }],
    },
    {
      fixture: 'managed-image.json',
      errors: [{ messageId: 'managedImage', path: 'properties.virtualMachineProfile.storageProfile.imageReference.id', line: 82 }],
    },
  ],
});
