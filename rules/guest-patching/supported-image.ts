import { fieldIs, isKnown } from '../../src/model/field.js';
import { GUEST_PATCHING_IMAGES, isGuestPatchingSupportedImage } from '../../src/catalog/images.js';
import { defineRule } from '../../src/engine/rule.js';
import { describeImage, knownImage } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'guest-patching/supported-image',
  severity: 'error',
  requirements: ['GP7'],
  targets: ['virtualMachine', 'scaleSet'],
  summary: 'AutomaticByPlatform needs a supported platform image (exact publisher, offer and sku)',
  messages: {
    unsupportedImage:
      'patchMode AutomaticByPlatform is not supported for image {{image}}: only the exact publisher/offer/sku combinations Azure lists are (catalog of {{date}})',
    customImage: 'patchMode AutomaticByPlatform is not supported for custom images ({{kind}}): use a supported platform image',
  },
  check(target, context) {
    const profile = target.osProfile;
    if (!profile.patchMode.explicit || !fieldIs(profile.patchMode, 'AutomaticByPlatform')) return;
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
    if (!reference || isGuestPatchingSupportedImage(reference)) return;
    context.report({
      path: isKnown(image.sku) ? image.sku.path : image.base,
      messageId: 'unsupportedImage',
      data: { image: describeImage(reference), date: GUEST_PATCHING_IMAGES.date },
    });
  },
});
