/**
 * Scale sets → `AutoUpgradingScaleSet` (Uniform, automatic OS image upgrade, one health signal) or
 * `PatchedFlexibleScaleSet` (Flexible, AutomaticByPlatform guest patching, the Application Health
 * extension). The component's planner runs on the evaluated intent; a scale set whose intent it
 * refuses (no health signal, an unsupported image, …) stays a plain azure-native scale set, with
 * the reasons as comments, rather than a program that throws.
 */
import { hotpatchOn, isFlexible, isPlatformPatched } from '../../src/model/facts/index.js';
import { isApplicationHealthExtension } from '../../src/catalog/extensions.js';
import { isKnown, isTrue } from '../../src/model/field.js';
import { containsUnknown } from '../../src/model/unknown.js';
import type { ScaleSet } from '../../src/model/types.js';
import { formatViolation, type Violation } from '../pulumi/errors.js';
import { planFlexibleScaleSet, type ResolvedFlexibleScaleSetIntent } from '../pulumi/flexible-scale-set-plan.js';
import { planScaleSet, type ResolvedScaleSetIntent } from '../pulumi/scale-set-plan.js';
import type { OsFamily } from '../pulumi/vm-patching.js';
import { flattenNested } from './azure-native-types.js';
import { findingNotes, imageArgument, linuxArgument, osDiskArgument } from './compute.js';
import type { Code } from './expressions.js';
import { isResourceGroupLocation, plainResource, type DeclaredResource, type EmitContext, type EmittedResource, type ResourceEmitter } from './program.js';

type Json = Record<string, unknown>;
const record = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);

export const scaleSetComponent: ResourceEmitter = (resource, context) => {
  const scaleSet = context.model.scaleSets.find((candidate) => context.instances.includes(candidate.resource as never));
  const evaluated = record(context.evaluated(resource)?.properties);
  const profile = record(record(resource.declaration.properties)?.virtualMachineProfile);
  const osProfile = record(profile?.osProfile);
  if (!scaleSet || !evaluated || !profile || !osProfile || !isKnown(scaleSet.osProfile.os)) return undefined;
  const os = scaleSet.osProfile.os.value;
  const flexible = isFlexible(scaleSet);
  // The written intent, whatever the template's apiVersion: the component deploys a current one.
  const autoUpgrade = isTrue(scaleSet.enableAutomaticOSUpgrade);
  const platformPatched = isPlatformPatched(scaleSet.osProfile);
  if (!flexible && autoUpgrade) return uniform(resource, context, scaleSet, os, evaluated, profile, osProfile);
  if (flexible && platformPatched) return flexibleScaleSet(resource, context, scaleSet, os, evaluated, profile, osProfile);
  return undefined;
};

function uniform(
  resource: DeclaredResource,
  context: EmitContext,
  scaleSet: ScaleSet,
  os: OsFamily,
  evaluated: Json,
  profile: Json,
  osProfile: Json,
): EmittedResource | undefined {
  const evaluatedProfile = record(evaluated.virtualMachineProfile) ?? {};
  const policy = record(evaluated.upgradePolicy) ?? {};
  const automatic = record(policy.automaticOSUpgradePolicy) ?? {};
  const extensions = extensionsOf(evaluatedProfile);
  const probe = record(record(evaluatedProfile.networkProfile)?.healthProbe)?.id;
  const health = typeof probe === 'string' ? { loadBalancerProbeId: probe } : extensions.health ? { applicationHealth: extensions.health.settings } : undefined;
  const intent = {
    os,
    image: record(record(evaluatedProfile.storageProfile)?.imageReference),
    upgradeMode: policy.mode,
    health,
    rollingUpgrade: policy.rollingUpgradePolicy,
    disableAutomaticRollback: automatic.disableAutomaticRollback,
    useRollingUpgradePolicy: automatic.useRollingUpgradePolicy,
    osRollingUpgradeDeferral: automatic.osRollingUpgradeDeferral,
    extensions: extensions.others,
  };
  const changes: string[] = [];
  let violations = knownIntent(intent) ? planScaleSet(intent as unknown as ResolvedScaleSetIntent).violations : undefined;
  // A pinned image version: the component always uses `latest` (OU1), which is what automatic OS upgrade needs.
  const pinned = violations?.find((violation) => violation.argument === 'image.version');
  if (pinned && intent.image) {
    intent.image = { ...intent.image, version: undefined };
    changes.push(
      `changed: image.version '${String(record(record(evaluatedProfile.storageProfile)?.imageReference)?.version)}' → latest (${pinned.requirement}): ${pinned.message}`,
    );
    violations = planScaleSet(intent as unknown as ResolvedScaleSetIntent).violations;
  }
  if (!violations || violations.length > 0) return plainWithReasons(resource, context, 'AutoUpgradingScaleSet', violations);

  const values = context.values;
  const raw = record(record(resource.declaration.properties)?.upgradePolicy) ?? {};
  const rawProfile = profile;
  const rawProbe = record(record(rawProfile.networkProfile)?.healthProbe)?.id;
  const rawExtensions = extensionsOf(rawProfile);
  const args = baseArgs(resource, context, os, rawProfile, osProfile, rawExtensions.others);
  const rawImage = record(record(rawProfile.storageProfile)?.imageReference) ?? {};
  const { version: _version, ...unpinned } = rawImage;
  args.push(['image', imageArgument(context, pinned ? unpinned : rawImage, 'virtualMachineProfile.storageProfile.imageReference')]);
  if (raw.mode !== undefined) args.push(['upgradeMode', values.value(raw.mode, 'upgradePolicy.mode')]);
  args.push([
    'health',
    rawProbe !== undefined
      ? { code: `{ loadBalancerProbeId: ${values.value(rawProbe, 'networkProfile.healthProbe.id').code} }`, output: false }
      : { code: `{ applicationHealth: ${values.value(rawExtensions.health?.settings, 'Application Health settings').code} }`, output: false },
  ]);
  if (raw.rollingUpgradePolicy !== undefined) args.push(['rollingUpgrade', values.value(raw.rollingUpgradePolicy, 'upgradePolicy.rollingUpgradePolicy')]);
  const rawAutomatic = record(raw.automaticOSUpgradePolicy) ?? {};
  for (const key of ['disableAutomaticRollback', 'useRollingUpgradePolicy', 'osRollingUpgradeDeferral'])
    if (rawAutomatic[key] !== undefined) args.push([key, values.value(rawAutomatic[key], `upgradePolicy.automaticOSUpgradePolicy.${key}`)]);
  const properties = record(resource.declaration.properties) ?? {};
  for (const key of ['singlePlacementGroup', 'overprovision'])
    if (properties[key] !== undefined) args.push([key, values.value(properties[key], `properties.${key}`)]);
  const notes = [...changes, ...derivedNotes(scaleSet, context)];
  return { className: context.use('patchwise', 'AutoUpgradingScaleSet'), args, notes };
}

function flexibleScaleSet(
  resource: DeclaredResource,
  context: EmitContext,
  scaleSet: ScaleSet,
  os: OsFamily,
  evaluated: Json,
  profile: Json,
  osProfile: Json,
): EmittedResource | undefined {
  const evaluatedProfile = record(evaluated.virtualMachineProfile) ?? {};
  const extensions = extensionsOf(evaluatedProfile);
  const patch = scaleSet.osProfile;
  const patching: Json = {};
  if (isKnown(patch.rebootSetting) && patch.rebootSetting.explicit) patching.reboot = patch.rebootSetting.value;
  if (hotpatchOn(patch) && patch.enableHotpatching.explicit) patching.hotpatch = true;
  const intent = {
    os,
    image: record(record(evaluatedProfile.storageProfile)?.imageReference),
    patching,
    applicationHealth: extensions.health?.settings,
    extensions: extensions.others,
  };
  const violations = knownIntent(intent) ? planFlexibleScaleSet(intent as unknown as ResolvedFlexibleScaleSetIntent).violations : undefined;
  if (!violations || violations.length > 0 || !extensions.health) return plainWithReasons(resource, context, 'PatchedFlexibleScaleSet', violations);
  const values = context.values;
  const rawExtensions = extensionsOf(profile);
  const args = baseArgs(resource, context, os, profile, osProfile, rawExtensions.others);
  args.push(['image', imageArgument(context, record(record(profile.storageProfile)?.imageReference), 'virtualMachineProfile.storageProfile.imageReference')]);
  const properties = record(resource.declaration.properties) ?? {};
  if (properties.platformFaultDomainCount !== undefined)
    args.push(['platformFaultDomainCount', values.value(properties.platformFaultDomainCount, 'properties.platformFaultDomainCount')]);
  if (Object.keys(patching).length > 0) args.push(['patching', values.value(patching, 'patching')]);
  args.push(['applicationHealth', values.value(rawExtensions.health?.settings, 'Application Health settings')]);
  return { className: context.use('patchwise', 'PatchedFlexibleScaleSet'), args, notes: derivedNotes(scaleSet, context) };
}

/** Arguments both scale set components take. */
function baseArgs(resource: DeclaredResource, context: EmitContext, os: OsFamily, profile: Json, osProfile: Json, extensions: Json[]): Array<[string, Code]> {
  const values = context.values;
  const args: Array<[string, Code]> = [['resourceGroupName', { code: 'resourceGroupName', output: false }]];
  if (resource.declaration.location !== undefined && !isResourceGroupLocation('location', resource.declaration.location))
    args.push(['location', values.value(resource.declaration.location, 'location')]);
  args.push(
    ['vmScaleSetName', values.value(resource.name, 'name')],
    ['os', { code: JSON.stringify(os), output: false }],
    ['sku', values.value(resource.declaration.sku, 'sku', true, 'o:compute.SkuArgs')],
  );
  for (const key of ['computerNamePrefix', 'adminUsername', 'adminPassword'])
    if (osProfile[key] !== undefined) args.push([key, values.value(osProfile[key], `virtualMachineProfile.osProfile.${key}`)]);
  args.push(...linuxArgument(context, osProfile, 'virtualMachineProfile.osProfile.linuxConfiguration'));
  const nics = record(profile.networkProfile)?.networkInterfaceConfigurations;
  args.push([
    'networkInterfaceConfigurations',
    values.value(
      flattenNested(nics ?? []),
      'virtualMachineProfile.networkProfile.networkInterfaceConfigurations',
      true,
      'o:compute.VirtualMachineScaleSetNetworkConfigurationArgs[]',
    ),
  ]);
  args.push(
    ...osDiskArgument(context, record(profile.storageProfile), 'virtualMachineProfile.storageProfile.osDisk', 'o:compute.VirtualMachineScaleSetOSDiskArgs'),
  );
  if (extensions.length > 0) args.push(['extensions', values.value(extensions, 'virtualMachineProfile.extensionProfile.extensions')]);
  if (resource.declaration.zones !== undefined) args.push(['zones', values.value(resource.declaration.zones, 'zones')]);
  if (resource.declaration.tags !== undefined) args.push(['tags', values.value(resource.declaration.tags, 'tags')]);
  return args;
}

/** The Application Health extension (its settings become the component's health argument) and the other extensions as ScaleSetExtensionSpec. */
function extensionsOf(profile: Json): { health?: { settings: unknown }; others: Json[] } {
  const list = record(profile.extensionProfile)?.extensions;
  const out: { health?: { settings: unknown }; others: Json[] } = { others: [] };
  if (!Array.isArray(list)) return out;
  for (const entry of list) {
    const extension = record(entry) ?? {};
    const properties = record(extension.properties) ?? {};
    if (
      typeof properties.publisher === 'string' &&
      typeof properties.type === 'string' &&
      isApplicationHealthExtension(properties.publisher, properties.type)
    ) {
      out.health = { settings: properties.settings ?? {} };
      continue;
    }
    const spec: Json = { name: extension.name };
    for (const key of ['publisher', 'type', 'typeHandlerVersion', 'settings', 'protectedSettings', 'provisionAfterExtensions'])
      if (properties[key] !== undefined) spec[key] = properties[key];
    out.others.push(spec);
  }
  return out;
}

function plainWithReasons(
  resource: DeclaredResource,
  context: EmitContext,
  component: string,
  violations: Violation[] | undefined,
): EmittedResource | undefined {
  const plain = plainResource(resource, context);
  if (!plain) return undefined;
  const reason = violations === undefined ? `its intent is not known before deployment` : violations.map((violation) => formatViolation(violation)).join('; ');
  return { ...plain, notes: [`kept as a plain scale set, not ${component}: ${reason}`, ...plain.notes, ...findingNotes(context)] };
}

function derivedNotes(scaleSet: ScaleSet, context: EmitContext): string[] {
  const notes: string[] = [];
  const updates = scaleSet.osProfile.enableAutomaticUpdates;
  if (isKnown(updates) && updates.explicit && updates.value === true)
    notes.push('derived: enableAutomaticUpdates true in the template → false (OU3: the image upgrade, not Windows Update, updates the instances)');
  notes.push(
    'TODO(patchwise): properties of the scale set other than the component arguments (diagnostics, security profile, …) are not carried over: add them by hand if needed',
  );
  notes.push(...findingNotes(context));
  return notes;
}

/** Every value of the intent known (no Unknown from the expansion), with an image. */
function knownIntent(intent: Json): boolean {
  return intent.image !== undefined && !containsUnknown(intent);
}
