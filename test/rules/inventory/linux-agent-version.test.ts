import rule from '../../../rules/inventory/linux-agent-version.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'old-agent.json',
      inventory: 'old-agent.inventory.json',
      errors: [{ messageId: 'tooOld', path: 'properties.osProfile.linuxConfiguration.patchSettings.patchMode', line: 30 }],
    },
  ],
});
