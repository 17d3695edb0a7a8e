import rule from '../../../rules/os-upgrade/image-version-latest.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'gallery-version.json',
      errors: [{ messageId: 'galleryVersion', path: 'properties.virtualMachineProfile.storageProfile.imageReference.id', line: 41 }],
    },
    {
      fixture: 'pinned-version.json',
      errors: [{ messageId: 'pinnedVersion', path: 'properties.virtualMachineProfile.storageProfile.imageReference.version', line: 85, fix: true }],
    },
  ],
});
