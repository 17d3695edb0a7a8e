import rule from '../../../rules/guest-patching/vm-agent-required.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'platform-without-agent.json',
      errors: [
        { messageId: 'agentDisabled', path: 'properties.osProfile.windowsConfiguration.provisionVMAgent', line: 29, fix: true },
      ],
    },
  ],
});
