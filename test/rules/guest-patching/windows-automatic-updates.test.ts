import rule from '../../../rules/guest-patching/windows-automatic-updates.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    // ARM property names are case-insensitive: PatchSettings.PatchMode is the patch mode (the spelling gets its own warning).
    {
      fixture: 'keys-in-another-case.json',
      errors: [
        { messageId: 'platformNeedsTrue', path: 'properties.osProfile.windowsConfiguration.EnableAutomaticUpdates', line: 28, fix: true },
        {
          ruleId: 'schema/property-api-version',
          messageId: 'caseOnly',
          path: 'properties.osProfile.windowsConfiguration.EnableAutomaticUpdates',
          line: 28,
          severity: 'warning',
        },
        {
          ruleId: 'schema/property-api-version',
          messageId: 'caseOnly',
          path: 'properties.osProfile.windowsConfiguration.PatchSettings',
          line: 30,
          severity: 'warning',
        },
      ],
    },
    // A Windows scale set with automatic OS image upgrade: true is not allowed either (OU5), so the mode changes.
    {
      fixture: 'by-os-with-os-upgrade.json',
      errors: [
        {
          messageId: 'byOsWithOsUpgrade',
          path: 'properties.virtualMachineProfile.osProfile.windowsConfiguration.patchSettings.patchMode',
          line: 78,
          fix: true,
        },
      ],
    },
    {
      fixture: 'by-os-updates-off.json',
      errors: [{ messageId: 'osNeedsTrue', path: 'properties.osProfile.windowsConfiguration.enableAutomaticUpdates', line: 28, fix: true }],
    },
    // Two VMs from a copy loop, the profile from a variable: both findings point into the variable.
    {
      fixture: 'copy-loop-profile-variable.json',
      // Both instances of the copy loop fail at the shared variable: one finding with the count.
      errors: [{ messageId: 'manualNeedsFalse', path: 'properties.osProfile.windowsConfiguration.enableAutomaticUpdates', line: 18, instances: 2 }],
    },
    {
      fixture: 'flexible-scale-set-manual.json',
      errors: [
        { messageId: 'manualNeedsFalse', path: 'properties.virtualMachineProfile.osProfile.windowsConfiguration.enableAutomaticUpdates', line: 32, fix: true },
      ],
    },
    {
      fixture: 'manual-with-default-updates.json',
      errors: [{ messageId: 'manualNeedsFalse', path: 'properties.osProfile.windowsConfiguration.patchSettings.patchMode', line: 29, fix: true }],
    },
    // The value comes from a parameter default: the finding points at the property that uses it.
    {
      fixture: 'mode-from-parameter-default.json',
      errors: [{ messageId: 'manualNeedsFalse', path: 'properties.osProfile.windowsConfiguration.enableAutomaticUpdates', line: 40 }],
    },
    {
      fixture: 'platform-updates-off.json',
      errors: [{ messageId: 'platformNeedsTrue', path: 'properties.osProfile.windowsConfiguration.enableAutomaticUpdates', line: 28, fix: true }],
    },
  ],
});
