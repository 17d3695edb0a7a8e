import rule from '../../../rules/change/patch-mode-switch.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    { fixture: 'change/after-platform.json', baseline: 'change/before-manual.json' },
    { fixture: 'change/after-platform-updates-on.json', baseline: 'change/before-by-os.json' },
  ],
  invalid: [
    {
      fixture: 'change/after-by-os.json',
      baseline: 'change/before-manual.json',
      errors: [
        {
          ruleId: 'change/enable-automatic-updates-changed',
          messageId: 'changed',
          path: 'properties.osProfile.windowsConfiguration.enableAutomaticUpdates',
          line: 28,
          severity: 'error',
        },
        { messageId: 'unsupported', path: 'properties.osProfile.windowsConfiguration.patchSettings.patchMode', line: 30 },
      ],
    },
    {
      fixture: 'change/after-manual.json',
      baseline: 'change/before-by-os.json',
      errors: [
        {
          ruleId: 'guest-patching/windows-automatic-updates',
          messageId: 'manualNeedsFalse',
          path: 'properties.osProfile.windowsConfiguration.enableAutomaticUpdates',
          line: 28,
          severity: 'error',
          fix: true,
        },
        { messageId: 'unsupported', path: 'properties.osProfile.windowsConfiguration.patchSettings.patchMode', line: 30 },
      ],
    },
  ],
});
