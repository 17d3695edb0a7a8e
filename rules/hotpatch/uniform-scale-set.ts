import { fieldIs, isKnown } from '../../src/model/field.js';
import { isHotpatchImage } from '../../src/catalog/images.js';
import { defineRule } from '../../src/engine/rule.js';
import { describeImage, hotpatchOn, knownImage } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'hotpatch/uniform-scale-set',
  severity: 'error',
  requirements: ['HP3'],
  targets: ['scaleSet'],
  summary: 'Scale sets with Uniform orchestration cannot use hotpatch: use Flexible orchestration',
  messages: {
    uniformHotpatch:
      'enableHotpatching is true on a scale set with {{mode}} orchestration: scale sets with Uniform orchestration cannot be created on Azure Edition images with hotpatch; use orchestrationMode Flexible',
    uniformHotpatchImage:
      'image {{image}} is an Azure Edition hotpatch image, and the scale set uses {{mode}} orchestration: Uniform scale sets cannot be created from hotpatch images; use orchestrationMode Flexible (or a non-hotpatch sku)',
  },
  check(scaleSet, context) {
    const mode = scaleSet.orchestrationMode;
    if (!fieldIs(mode, 'Uniform')) return;
    const modeText = mode.explicit ? 'Uniform' : 'Uniform (the default when orchestrationMode is omitted)';
    if (hotpatchOn(scaleSet.osProfile)) {
      context.report({ path: mode.explicit ? mode.path : scaleSet.osProfile.enableHotpatching.path, messageId: 'uniformHotpatch', data: { mode: modeText } });
      return;
    }
    // Hotpatch not written: the dedicated `-hotpatch` skus still are hotpatch images.
    const image = knownImage(scaleSet.image);
    const hotpatchOff = isKnown(scaleSet.osProfile.enableHotpatching) && scaleSet.osProfile.enableHotpatching.value === false;
    if (!image || hotpatchOff || (scaleSet.osProfile.enableHotpatching.explicit && !isKnown(scaleSet.osProfile.enableHotpatching))) return;
    if (!isHotpatchImage(image) || !/hotpatch/i.test(image.sku)) return;
    // A warning: the flag is not written, and the sources name the images, not the flag's default on a scale set.
    context.report({
      path: scaleSet.image.sku.path,
      messageId: 'uniformHotpatchImage',
      data: { image: describeImage(image), mode: modeText },
      severity: 'warning',
    });
  },
});
