import rule from '../../../rules/guest-patching/vm-agent-required.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    // provisionVmAgent is provisionVMAgent (ARM keys are case-insensitive); the fix edits the key as written.
    {
      fixture: 'key-in-another-case.json',
      errors: [
        { messageId: 'agentDisabled', path: 'properties.osProfile.windowsConfiguration.provisionVmAgent', line: 29, fix: true },
        {
          ruleId: 'schema/property-api-version',
          messageId: 'caseOnly',
          path: 'properties.osProfile.windowsConfiguration.provisionVmAgent',
          line: 29,
          severity: 'warning',
        },
      ],
    },
    {
      fixture: 'platform-without-agent.json',
      errors: [{ messageId: 'agentDisabled', path: 'properties.osProfile.windowsConfiguration.provisionVMAgent', line: 29, fix: true }],
    },
  ],
});
