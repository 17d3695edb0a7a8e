import { fieldIs, isKnown } from '../../src/model/field.js';
import { isHotpatchImage } from '../../src/catalog/images.js';
import { defineRule } from '../../src/engine/rule.js';
import { isWindows, knownImage } from '../../src/model/facts/index.js';

/** The skus the built-in policy audits (6d02d2f7…, v1.0.0): no 2025 skus, and two that cannot hotpatch. */
const POLICY_SKUS = [
  '2022-datacenter-azure-edition',
  '2022-datacenter-azure-edition-core',
  '2022-datacenter-azure-edition-core-smalldisk',
  '2022-datacenter-azure-edition-smalldisk',
];

export default defineRule({
  id: 'policy/hotpatch-azure-edition',
  severity: 'info',
  presets: { recommended: 'off', strict: 'warning' },
  requirements: ['CF10'],
  targets: ['virtualMachine'],
  summary: "Azure Policy parity: 'Hotpatch should be enabled for Windows Server Azure Edition VMs'",
  fixable: true,
  messages: {
    enableHotpatch:
      "enableHotpatching is {{state}} on {{sku}}: the built-in policy 'Hotpatch should be enabled for Windows Server Azure Edition VMs' (6d02d2f7-e38b-4bdc-96f3-adc0a8726abc) reports this VM as non-compliant; set patchSettings.enableHotpatching to true",
    notHotpatchable:
      "the built-in policy 'Hotpatch should be enabled for Windows Server Azure Edition VMs' (6d02d2f7-e38b-4bdc-96f3-adc0a8726abc) reports this VM as non-compliant, but {{sku}} does not support hotpatch: use the -core sku (or a 2025 Azure Edition sku) with hotpatch, or exempt the VM from the policy",
  },
  check(vm, context) {
    const profile = vm.osProfile;
    const image = knownImage(vm.image);
    if (!image || !isWindows(profile) || !profile.configuration) return;
    if (!POLICY_SKUS.includes(image.sku.toLowerCase())) return;
    const hotpatch = profile.enableHotpatching;
    if (hotpatch.explicit && (!isKnown(hotpatch) || hotpatch.value === true)) return;
    const sku = vm.image.sku;
    if (!isHotpatchImage(image)) {
      context.report({ path: sku.path, messageId: 'notHotpatchable', data: { sku: image.sku } });
      return;
    }
    // Enabling hotpatch alone is enough only when the other prerequisites already hold (HP2, CF3).
    const bypass = profile.bypassPlatformSafetyChecksOnUserSchedule;
    const ready =
      fieldIs(profile.patchMode, 'AutomaticByPlatform') &&
      !(isKnown(bypass) && bypass.value === true) &&
      !(isKnown(profile.provisionVMAgent) && profile.provisionVMAgent.value === false);
    context.report({
      path: hotpatch.explicit ? hotpatch.path : sku.path,
      messageId: 'enableHotpatch',
      data: { state: hotpatch.explicit ? 'false' : 'omitted', sku: image.sku },
      fix: ready ? { description: 'set enableHotpatching to true', path: hotpatch.path, value: true } : undefined,
    });
  },
});
