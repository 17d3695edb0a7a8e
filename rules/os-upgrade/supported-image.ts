import { isKnown } from '../../src/model/field.js';
import { AUTO_OS_UPGRADE_IMAGES, AUTO_OS_UPGRADE_IMAGES_2020, isAutoOsUpgradeSupportedImage, tableHasImage } from '../../src/catalog/images.js';
import { defineRule } from '../../src/engine/rule.js';
import { autoOsUpgradeOn, describeImage, knownImage } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'os-upgrade/supported-image',
  severity: 'error',
  requirements: ['OU6'],
  targets: ['scaleSet'],
  summary: 'Automatic OS image upgrade needs a supported platform image or an Azure Compute Gallery image',
  messages: {
    unsupportedImage:
      'automatic OS image upgrade is not supported for image {{image}}: use an image of the supported list (catalog of {{date}}) or an Azure Compute Gallery image',
    droppedImage:
      'automatic OS image upgrade no longer lists image {{image}} (it was supported in the 2019-2020 documents; catalog of {{date}}): move to a supported image or an Azure Compute Gallery image',
    managedImage:
      'automatic OS image upgrade does not support managed images (Microsoft.Compute/images): publish the image to an Azure Compute Gallery and reference the gallery image definition',
  },
  check(scaleSet, context) {
    if (!autoOsUpgradeOn(scaleSet)) return;
    const image = scaleSet.image;
    if (image.kind === 'managed-image') {
      context.report({ path: image.id.path, messageId: 'managedImage' });
      return;
    }
    const reference = knownImage(image);
    if (!reference || isAutoOsUpgradeSupportedImage(reference)) return;
    context.report({
      path: isKnown(image.sku) ? image.sku.path : image.base,
      messageId: tableHasImage(AUTO_OS_UPGRADE_IMAGES_2020, reference) ? 'droppedImage' : 'unsupportedImage',
      data: { image: describeImage(reference), date: AUTO_OS_UPGRADE_IMAGES.date },
    });
  },
});
