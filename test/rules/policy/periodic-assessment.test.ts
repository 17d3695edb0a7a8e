import rule from '../../../rules/policy/periodic-assessment.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'assessment-omitted.json',
      preset: 'strict',
      errors: [
        { messageId: 'noAssessment', path: 'properties.osProfile.windowsConfiguration', line: 23, severity: 'warning', fix: true },
      ],
    },
  ],
});
