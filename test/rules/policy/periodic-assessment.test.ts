import rule from '../../../rules/policy/periodic-assessment.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    // assessmentMode is not defined at apiVersion 2020-06-01: no fix (it would be ignored, CF1), the message names the version.
    {
      fixture: 'old-api-version.json',
      preset: 'strict',
      errors: [
        { messageId: 'noAssessmentOldApi', path: 'properties.osProfile.windowsConfiguration', line: 27, severity: 'warning' },
        { ruleId: 'guest-patching/api-version', messageId: 'limited', path: 'apiVersion', line: 16, severity: 'warning' },
        {
          ruleId: 'policy/hotpatch-azure-edition',
          messageId: 'notHotpatchable',
          path: 'properties.storageProfile.imageReference.sku',
          line: 38,
          severity: 'warning',
        },
      ],
    },
    {
      fixture: 'assessment-omitted.json',
      preset: 'strict',
      errors: [{ messageId: 'noAssessment', path: 'properties.osProfile.windowsConfiguration', line: 23, severity: 'warning', fix: true }],
    },
  ],
});
