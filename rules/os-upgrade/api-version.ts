import { AUTO_OS_UPGRADE_API, compareApiVersions } from '../../src/catalog/api-requirements.js';
import { isTrue } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { apiVersionOf, legacyAutoOsUpgrade } from '../../src/model/facts/index.js';

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
    previewPolicy:
      'upgradePolicy.autoOSUpgradePolicy is the 2017 preview spelling of automaticOSUpgradePolicy, which replaced it in API version 2018-10-01: use apiVersion 2018-10-01 or later with upgradePolicy.automaticOSUpgradePolicy (enableAutomaticOSUpgrade, disableAutomaticRollback)',
  },
  check(scaleSet, context) {
    const legacy = legacyAutoOsUpgrade(scaleSet);
    // Later API versions ignore the preview object as well: its settings are lost at any version.
    if (legacy.previewPolicy) context.report({ path: legacy.previewPolicy, messageId: 'previewPolicy' });
    const apiVersion = apiVersionOf(scaleSet);
    if (apiVersion === undefined || compareApiVersions(apiVersion, AUTO_OS_UPGRADE_API) >= 0) return;
    if (isTrue(scaleSet.enableAutomaticOSUpgrade)) context.report({ path: ['apiVersion'], messageId: 'tooOld', data: { apiVersion } });
    if (legacy.automaticOSUpgrade) context.report({ path: legacy.automaticOSUpgrade.path, messageId: 'legacyProperty' });
  },
});
