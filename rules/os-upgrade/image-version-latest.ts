import { isKnown, sameValue } from '../../src/model/field.js';
import { defineRule } from '../../src/engine/rule.js';
import { autoOsUpgradeOn } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'os-upgrade/image-version-latest',
  severity: 'error',
  requirements: ['OU1'],
  targets: ['scaleSet'],
  summary: 'Automatic OS image upgrade needs imageReference.version "latest"',
  fixable: true,
  messages: {
    pinnedVersion:
      'automatic OS image upgrade is enabled but the image version is pinned to {{version}}: the scale set would never get a newer image; set imageReference.version to "latest"',
    galleryVersion:
      'automatic OS image upgrade is enabled but the gallery image id names version {{version}}: reference the image definition (without /versions/…) or /versions/latest so new versions roll out',
  },
  check(scaleSet, context) {
    if (!autoOsUpgradeOn(scaleSet)) return;
    const image = scaleSet.image;
    if (image.kind === 'marketplace') {
      const version = image.version;
      if (!version.explicit || !isKnown(version) || sameValue(version.value, 'latest')) return;
      context.report({
        path: version.path,
        messageId: 'pinnedVersion',
        data: { version: version.value },
        fix: { description: 'Set imageReference.version to "latest"', path: version.path, value: 'latest' },
      });
    } else if (image.kind === 'gallery' && isKnown(image.id)) {
      const match = /\/versions\/([^/]+)\/?$/i.exec(image.id.value);
      if (!match || sameValue(match[1], 'latest')) return;
      context.report({ path: image.id.path, messageId: 'galleryVersion', data: { version: match[1] } });
    }
  },
});
