import { isRhelImage } from '../../src/catalog/images.js';
import { defineRule } from '../../src/engine/rule.js';
import { fieldIs } from '../../src/model/field.js';
import { isLinux, knownImage } from '../../src/model/facts/index.js';

export default defineRule({
  id: 'guest-patching/rhel-packagekit',
  severity: 'info',
  requirements: ['GP15'],
  targets: ['virtualMachine', 'scaleSet'],
  summary: "RHEL with AutomaticByPlatform: disable the image's own automatic updates (packagekit)",
  messages: {
    disablePackagekit:
      'RHEL keeps its own automatic updates with AutomaticByPlatform: disable them in the image or with custom data (systemctl stop packagekit; systemctl mask packagekit) so that only Azure patches the VM',
  },
  check(target, context) {
    const profile = target.osProfile;
    if (!isLinux(profile) || !fieldIs(profile.patchMode, 'AutomaticByPlatform')) return;
    const image = knownImage(target.image);
    if (!image || !isRhelImage(image)) return;
    context.report({ path: profile.patchMode.path, messageId: 'disablePackagekit' });
  },
});
