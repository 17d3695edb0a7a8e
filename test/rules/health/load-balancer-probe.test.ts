import rule from '../../../rules/health/load-balancer-probe.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  invalid: [
    {
      fixture: 'basic-multiple-placement-groups.json',
      errors: [{ messageId: 'basicWithPlacementGroups', path: 'properties.singlePlacementGroup', line: 62 }],
    },
    {
      fixture: 'slow-probe.json',
      errors: [{ messageId: 'slowProbe', path: 'properties.probes[0].properties.intervalInSeconds', line: 44, severity: 'warning' }],
    },
  ],
});
