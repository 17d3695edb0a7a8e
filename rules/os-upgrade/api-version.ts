import { AUTO_OS_UPGRADE_API, compareApiVersions } from '../../src/catalog/api-requirements.js';
import { isKnown, readBoolean } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { apiVersionOf } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'os-upgrade/api-version',
  severity: 'error',
  requirements: ['OU4'],
  targets: ['scaleSet'],
  summary: 'Automatic OS image upgrade needs Compute API version 2018-10-01 or later',
  messages: {
    tooOld:
      'automatic OS image upgrade (automaticOSUpgradePolicy) needs Compute API version 2018-10-01 or later: with apiVersion {{apiVersion}} Azure ignores it',
    legacyProperty:
      'upgradePolicy.automaticOSUpgrade is the pre-2018 preview property: use apiVersion 2018-10-01 or later with upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade',
  },
  check(scaleSet, context) {
    const apiVersion = apiVersionOf(scaleSet);
    if (apiVersion === undefined || compareApiVersions(apiVersion, AUTO_OS_UPGRADE_API) >= 0) return;
    if (isKnown(scaleSet.enableAutomaticOSUpgrade) && scaleSet.enableAutomaticOSUpgrade.value === true) {
      context.report({ path: ['apiVersion'], messageId: 'tooOld', data: { apiVersion } });
    }
    const legacy = readBoolean(scaleSet.resource.body, ['properties', 'upgradePolicy', 'automaticOSUpgrade']);
    if (isKnown(legacy) && legacy.value === true) context.report({ path: legacy.path, messageId: 'legacyProperty' });
  },
});
