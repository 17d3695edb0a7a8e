/** Automatic OS image upgrade, rolling upgrades, orchestration modes and health signals (OU, CF4-CF8): the rules of this group, in the order `patchwise rules` lists them. */
import { asAnyRule, type AnyRule } from '../../src/engine/rule.js';
import applicationHealthSettings from '../health/application-health-settings.js';
import loadBalancerProbe from '../health/load-balancer-probe.js';
import automaticOsUpgrade from '../orchestration/automatic-os-upgrade.js';
import serviceFabric from '../orchestration/service-fabric.js';
import uniformGuestPatching from '../orchestration/uniform-guest-patching.js';
import policyRanges from '../rolling-upgrade/policy-ranges.js';
import apiVersion from './api-version.js';
import healthSignal from './health-signal.js';
import imageVersionLatest from './image-version-latest.js';
import serviceFabricDurability from './service-fabric-durability.js';
import supportedImage from './supported-image.js';
import windowsAutomaticUpdates from './windows-automatic-updates.js';

export const OS_UPGRADE_RULES: readonly AnyRule[] = [
  imageVersionLatest,
  healthSignal,
  supportedImage,
  apiVersion,
  windowsAutomaticUpdates,
  serviceFabricDurability,
  policyRanges,
  automaticOsUpgrade,
  uniformGuestPatching,
  serviceFabric,
  applicationHealthSettings,
  loadBalancerProbe,
].map((rule) => asAnyRule(rule as never));
