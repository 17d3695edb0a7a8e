import rule from '../../../rules/schema/property-api-version.js';
import { testRule } from '../../helpers/rule-tester.js';

const inline = 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties';

testRule(rule, {
  invalid: [
    {
      fixture: 'vm-extension-before-automatic-upgrade.json',
      errors: [{ messageId: 'later', path: 'properties.enableAutomaticUpgrade', line: 15 }],
    },
    // Inline scale-set extensions are checked against the scale-set extension schema of the scale set's API version.
    {
      fixture: 'scale-set-inline-extension.json',
      errors: [
        { messageId: 'later', path: `${inline}.enableAutomaticUpgrade`, line: 27 },
        { messageId: 'unknown', path: `${inline}.autoUpgradeMinorVersio`, line: 28 },
      ],
    },
  ],
});
