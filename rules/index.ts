/** Every rule patchwise ships, in the order `patchwise rules` lists them. */
import { asAnyRule, type AnyRule } from '../src/engine/rule.js';
import enableAutomaticUpdatesChanged from './change/enable-automatic-updates-changed.js';
import patchModeSwitch from './change/patch-mode-switch.js';
import apiVersion from './guest-patching/api-version.js';
import noPatchExtension from './guest-patching/no-patch-extension.js';
import patchModeValue from './guest-patching/patch-mode-value.js';
import rhelPackagekit from './guest-patching/rhel-packagekit.js';
import supportedImage from './guest-patching/supported-image.js';
import vmAgentRequired from './guest-patching/vm-agent-required.js';
import windowsAutomaticUpdates from './guest-patching/windows-automatic-updates.js';
import propertyApiVersion from './schema/property-api-version.js';
import { OS_UPGRADE_RULES } from './os-upgrade/index.js';
import { EXTENSION_RULES } from './extensions/index.js';
import { HOTPATCH_RULES } from './hotpatch/index.js';
import { CREDENTIAL_RULES } from './credentials/index.js';
import { SCHEDULE_RULES } from './schedules/index.js';
import { POLICY_RULES } from './policy/index.js';
import { INVENTORY_RULES } from './inventory/index.js';

export const ALL_RULES: readonly AnyRule[] = [
  ...[
    patchModeValue,
    windowsAutomaticUpdates,
    vmAgentRequired,
    supportedImage,
    apiVersion,
    noPatchExtension,
    rhelPackagekit,
    propertyApiVersion,
    enableAutomaticUpdatesChanged,
    patchModeSwitch,
  ].map((rule) => asAnyRule(rule as never)),
  // Each group registers its own rules in its index.ts (asAnyRule applied there).
  ...OS_UPGRADE_RULES,
  ...EXTENSION_RULES,
  ...HOTPATCH_RULES,
  ...CREDENTIAL_RULES,
  ...SCHEDULE_RULES,
  ...POLICY_RULES,
  ...INVENTORY_RULES,
];
