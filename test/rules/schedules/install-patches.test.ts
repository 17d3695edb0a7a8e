import rule from '../../../rules/schedules/install-patches.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'bad-values.json',
      errors: [
        { messageId: 'rebootSetting', path: 'properties.installPatches.rebootSetting', line: 23 },
        { messageId: 'classification', path: 'properties.installPatches.windowsParameters.classificationsToInclude[2]', line: 28 },
        { messageId: 'classification', path: 'properties.installPatches.linuxParameters.classificationsToInclude[1]', line: 34 },
      ],
    },
  ],
});
