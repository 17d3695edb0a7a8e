import { compareApiVersions, PATCH_SETTINGS_API, PATCH_SETTINGS_WINDOWS_LIMITED_API } from '../../src/catalog/api-requirements.js';
import { defineRule } from '../../src/engine/rule.js';
import { isWindows, patchSettingsWritten } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'guest-patching/api-version',
  severity: 'warning',
  requirements: ['GP8'],
  targets: ['virtualMachine', 'scaleSet'],
  summary: 'Use Compute API version 2020-12-01 or later for patchSettings',
  messages: {
    limited:
      'apiVersion {{apiVersion}} supports Windows patchSettings with limited functionality: use 2020-12-01 or later (2021-03-01 or later for assessment and on-demand patching)',
  },
  check(target, context) {
    const apiVersion = target.resource.apiVersion;
    const profile = target.osProfile;
    if (typeof apiVersion !== 'string' || !isWindows(profile) || !patchSettingsWritten(target.resource.body, profile)) return;
    // Before 2020-06-01 patchSettings does not exist at all: schema/property-api-version reports that as an error.
    if (compareApiVersions(apiVersion, PATCH_SETTINGS_WINDOWS_LIMITED_API) >= 0 && compareApiVersions(apiVersion, PATCH_SETTINGS_API) < 0) {
      context.report({ path: ['apiVersion'], messageId: 'limited', data: { apiVersion } });
    }
  },
});
