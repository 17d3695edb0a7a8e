import { isKnown } from '../../src/model/field.js';
import { HOTPATCH_IMAGES, isHotpatchImage } from '../../src/catalog/images.js';
import { defineRule } from '../../src/engine/rule.js';
import { describeImage, hotpatchOn, knownImage } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'hotpatch/supported-image',
  severity: 'error',
  requirements: ['HP1'],
  targets: ['virtualMachine', 'scaleSet'],
  summary: 'enableHotpatching needs a supported Windows Server Azure Edition image (exact publisher, offer and sku)',
  messages: {
    unsupportedImage:
      'enableHotpatching is true, but image {{image}} does not support hotpatch: use one of the Windows Server Azure Edition skus Azure lists (catalog of {{date}}, e.g. 2022-datacenter-azure-edition-core or 2025-datacenter-azure-edition), or set enableHotpatching to false',
    customImage: 'enableHotpatching is true, but hotpatch is not supported on custom images ({{kind}}): use a supported Azure Edition platform image',
  },
  check(target, context) {
    const profile = target.osProfile;
    if (!hotpatchOn(profile)) return;
    const image = target.image;
    if (image.kind === 'managed-image' || image.kind === 'gallery') {
      context.report({
        path: image.id.path,
        messageId: 'customImage',
        data: { kind: image.kind === 'gallery' ? 'Azure Compute Gallery image' : 'managed image' },
      });
      return;
    }
    const reference = knownImage(image);
    if (!reference || isHotpatchImage(reference)) return;
    context.report({
      path: isKnown(image.sku) ? image.sku.path : image.base,
      messageId: 'unsupportedImage',
      data: { image: describeImage(reference), date: HOTPATCH_IMAGES.date },
    });
  },
});
