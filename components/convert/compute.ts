/**
 * Compute resources → patchwise components, correct by construction. The intent (OS, image, patch
 * mode, reboot, hotpatch, schedule) is read from the evaluated template; the component's own
 * planner runs on it at conversion time, and what the template had wrong is changed and said in a
 * comment with the requirement id. Settings the component derives (enableAutomaticUpdates,
 * provisionVMAgent, assessmentMode, …) are not copied: their differences are listed instead.
 */
import { hotpatchOn } from '../../src/model/facts/index.js';
import { supportsAutomaticUpgrade } from '../../src/catalog/extensions.js';
import { isKnown } from '../../src/model/field.js';
import type { VirtualMachine } from '../../src/model/types.js';
import { isUnknown } from '../../src/model/unknown.js';
import { formatViolation, type Violation } from '../pulumi/errors.js';
import { planPatchSchedule, type ResolvedPatchSchedule } from '../pulumi/patch-schedule-plan.js';
import { planGuestPatching, type OsFamily, type PatchingMode, type ResolvedPatching } from '../pulumi/vm-patching.js';
import type { ArgType } from './arg-shapes.js';
import type { Code } from './expressions.js';
import { isResourceGroupLocation, splitName, type DeclaredResource, type EmitContext, type EmittedResource, type ResourceEmitter } from './program.js';

const MODES: Record<string, PatchingMode> = { automaticbyplatform: 'platform', automaticbyos: 'os', manual: 'manual', imagedefault: 'image-default' };
const OS_DEFAULT_MODE: Record<OsFamily, PatchingMode> = { Windows: 'os', Linux: 'image-default' };

type Json = Record<string, unknown>;

const record = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);
const literal = (text: string): Code => ({ code: JSON.stringify(text), output: false });

/** Properties of a VM the component takes (the rest is listed as not carried over). */
const VM_CONSUMED = new Set([
  'hardwareProfile.vmSize',
  'osProfile.computerName',
  'osProfile.adminUsername',
  'osProfile.adminPassword',
  'osProfile.windowsConfiguration',
  'osProfile.linuxConfiguration',
  'storageProfile.imageReference',
  'storageProfile.osDisk',
  'storageProfile.dataDisks',
  'networkProfile.networkInterfaces',
  'availabilitySet',
]);

export const patchedVirtualMachine: ResourceEmitter = (resource, context) => {
  const properties = record(resource.declaration.properties);
  const osProfile = record(properties?.osProfile);
  const image = record(record(properties?.storageProfile)?.imageReference);
  const nics = record(properties?.networkProfile)?.networkInterfaces;
  const vm = context.model.virtualMachines.find((candidate) => context.instances.includes(candidate.resource as never));
  if (!properties || !osProfile || !image || !Array.isArray(nics) || !vm || !isKnown(vm.osProfile.os)) return undefined;
  const os = vm.osProfile.os.value;
  const notes: string[] = [];
  const values = context.values;

  const { patching, code: patchingCode } = patchingIntent(vm, os, context, notes);
  const args: Array<[string, Code]> = [['resourceGroupName', { code: 'resourceGroupName', output: false }]];
  if (!isResourceGroupLocation('location', resource.declaration.location) && resource.declaration.location !== undefined)
    args.push(['location', values.value(resource.declaration.location, 'location')]);
  args.push(['vmName', values.value(resource.name, 'name')]);
  args.push(['os', literal(os)]);
  args.push(['image', imageArgument(context, image, 'properties.storageProfile.imageReference')]);
  args.push(['vmSize', values.value(record(properties.hardwareProfile)?.vmSize, 'properties.hardwareProfile.vmSize')]);
  args.push([
    'networkInterfaceIds',
    {
      code: `[${nics.map((nic, index) => values.value(record(nic)?.id, `properties.networkProfile.networkInterfaces[${index}].id`).code).join(', ')}]`,
      output: false,
    },
  ]);
  for (const key of ['adminUsername', 'adminPassword', 'computerName'])
    if (osProfile[key] !== undefined) args.push([key, values.value(osProfile[key], `properties.osProfile.${key}`)]);
  args.push(['patching', patchingCode]);
  args.push(...linuxArgument(context, osProfile, 'properties.osProfile.linuxConfiguration'));
  const windows = record(osProfile.windowsConfiguration);
  if (windows && (windows.timeZone !== undefined || windows.winRM !== undefined)) {
    args.push([
      'windows',
      values.value(
        { ...(windows.timeZone !== undefined ? { timeZone: windows.timeZone } : {}), ...(windows.winRM !== undefined ? { winRM: windows.winRM } : {}) },
        'properties.osProfile.windowsConfiguration',
      ),
    ]);
  }
  const storage = record(properties.storageProfile)!;
  args.push(...osDiskArgument(context, storage, 'properties.storageProfile.osDisk', 'o:compute.OSDiskArgs'));
  if (storage.dataDisks !== undefined)
    args.push(['dataDisks', values.value(storage.dataDisks, 'properties.storageProfile.dataDisks', true, 'o:compute.DataDiskArgs[]')]);
  if (resource.declaration.zones !== undefined) args.push(['zones', values.value(resource.declaration.zones, 'zones')]);
  const availabilitySet = record(properties.availabilitySet)?.id;
  if (availabilitySet !== undefined) args.push(['availabilitySetId', values.value(availabilitySet, 'properties.availabilitySet.id')]);
  if (resource.declaration.tags !== undefined) args.push(['tags', values.value(resource.declaration.tags, 'tags')]);
  if (patching.violations.length > 0) notes.push(...patching.violations.map((violation) => `still to decide: ${formatViolation(violation)}`));
  notes.push(...notCarriedOver(resource.declaration, properties, VM_CONSUMED));
  notes.push(...findingNotes(context));
  return { className: context.use('patchwise', 'PatchedVirtualMachine'), args, notes };
};

/** The components' `linux` (settings they do not derive), from an osProfile. */
export function linuxArgument(context: EmitContext, osProfile: Json, where: string): Array<[string, Code]> {
  const linux = record(osProfile.linuxConfiguration);
  if (!linux) return [];
  const settings: Json = {};
  if (linux.disablePasswordAuthentication !== undefined) settings.disablePasswordAuthentication = linux.disablePasswordAuthentication;
  const keys = record(linux.ssh)?.publicKeys;
  if (keys !== undefined) settings.sshPublicKeys = keys;
  return Object.keys(settings).length > 0 ? [['linux', context.values.value(settings, where)]] : [];
}

/** The components' `osDisk`: the template's, without `createOption` (always FromImage). */
export function osDiskArgument(context: EmitContext, storageProfile: Json | undefined, where: string, type: ArgType): Array<[string, Code]> {
  const osDisk = record(storageProfile?.osDisk);
  if (!osDisk) return [];
  const { createOption: _createOption, ...rest } = osDisk;
  return Object.keys(rest).length > 0 ? [['osDisk', context.values.value(rest, where, true, type)]] : [];
}

/** The components' `image`: ImageReference takes plain strings, so an image with an Output part (a resource id) is passed as one Output. */
export function imageArgument(context: EmitContext, image: unknown, where: string): Code {
  const code = context.values.value(image, where);
  return code.code.includes('pulumi.') || code.code.includes('.id') || /\b(?:resourceGroupId|subscriptionId)\b/.test(code.code)
    ? { code: `pulumi.output(${code.code})`, output: true }
    : code;
}

/** The patching intent from the template, checked with the component's planner and corrected where Azure would refuse it. */
function patchingIntent(vm: VirtualMachine, os: OsFamily, context: EmitContext, notes: string[]): { patching: { violations: Violation[] }; code: Code } {
  const profile = vm.osProfile;
  const modeValue = isKnown(profile.patchMode) ? MODES[profile.patchMode.value.toLowerCase()] : undefined;
  const intent: ResolvedPatching = { mode: modeValue ?? OS_DEFAULT_MODE[os] };
  if (!modeValue)
    notes.push(
      `patchMode is not known before deployment (${isUnknown(profile.patchMode.value) ? profile.patchMode.value.expression : 'not set'}): patching.mode '${intent.mode}' is the ${os} default`,
    );
  if (isKnown(profile.rebootSetting) && ['IfRequired', 'Never', 'Always'].includes(profile.rebootSetting.value))
    intent.reboot = profile.rebootSetting.value as ResolvedPatching['reboot'];
  if (hotpatchOn(profile) && profile.enableHotpatching.explicit) intent.hotpatch = true;
  if (isKnown(profile.assessmentMode) && profile.assessmentMode.explicit && profile.assessmentMode.value.toLowerCase() === 'imagedefault')
    intent.assessment = 'image-default';
  const assignment = assignmentOf(vm, context);
  let schedule: Code | undefined;
  if (assignment) {
    const id = record(assignment.declaration.properties)?.maintenanceConfigurationId;
    schedule = context.values.value(id, 'configurationAssignment.properties.maintenanceConfigurationId');
    intent.schedule = { maintenanceConfigurationId: '(known after deployment)' };
  }

  let violations: Violation[] = [];
  const image = imageOf(vm);
  for (let round = 0; round < 4 && image; round++) {
    violations = planGuestPatching(os, image, intent).violations;
    const violation = violations[0];
    if (!violation) break;
    const changed = correct(intent, violation, os);
    if (!changed) break;
    notes.push(`changed: ${changed} (${violation.requirement}): ${violation.message}`);
    violations = [];
  }
  if (intent.schedule && assignment) context.consumed.add(assignment);
  const parts = [`mode: ${JSON.stringify(intent.mode)}`];
  if (intent.assessment) parts.push(`assessment: ${JSON.stringify(intent.assessment)}`);
  if (intent.reboot) parts.push(`reboot: ${JSON.stringify(intent.reboot)}`);
  if (intent.hotpatch) parts.push('hotpatch: true');
  if (intent.schedule && schedule) parts.push(`schedule: { maintenanceConfigurationId: ${schedule.code} }`);
  derivedDifferences(vm, os, image, intent, notes);
  return { patching: { violations }, code: { code: `{ ${parts.join(', ')} }`, output: false } };
}

/** Change the intent so the planner accepts it; a description of the change, or undefined when nothing applies. */
function correct(intent: ResolvedPatching, violation: Violation, os: OsFamily): string | undefined {
  const argument = violation.argument;
  if (argument === 'patching.mode' && intent.mode !== OS_DEFAULT_MODE[os]) {
    const before = intent.mode;
    intent.mode = OS_DEFAULT_MODE[os];
    delete intent.reboot;
    return `patching.mode '${before}' → '${intent.mode}'`;
  }
  if (argument === 'patching.hotpatch' && intent.hotpatch) {
    delete intent.hotpatch;
    return 'hotpatch left off';
  }
  if (argument === 'patching.reboot' && intent.reboot) {
    delete intent.reboot;
    return 'reboot setting left to the default';
  }
  if (argument === 'patching.schedule' && intent.schedule) {
    delete intent.schedule;
    return 'the maintenance configuration assignment is not created';
  }
  return undefined;
}

/** What the component derives that the template wrote differently. */
function derivedDifferences(vm: VirtualMachine, os: OsFamily, image: ReturnType<typeof imageOf>, intent: ResolvedPatching, notes: string[]): void {
  if (!image) return;
  const planned = planGuestPatching(os, image, intent);
  const profile = vm.osProfile;
  const compare = (name: string, requirements: string, template: unknown, derived: unknown, explicit: boolean) => {
    if (explicit && template !== undefined && !isUnknown(template) && derived !== undefined && template !== derived) {
      notes.push(`derived: ${name} ${JSON.stringify(template)} in the template → ${JSON.stringify(derived)} (${requirements})`);
    }
  };
  compare(
    'enableAutomaticUpdates',
    'GP2-GP4',
    profile.enableAutomaticUpdates.value,
    planned.configuration.enableAutomaticUpdates,
    profile.enableAutomaticUpdates.explicit,
  );
  compare('provisionVMAgent', 'GP6', profile.provisionVMAgent.value, planned.configuration.provisionVMAgent, profile.provisionVMAgent.explicit);
  compare('patchMode', 'GP1', profile.patchMode.value, planned.configuration.patchSettings.patchMode, profile.patchMode.explicit);
}

/** The image as the planner takes it, when every part is known. */
function imageOf(vm: VirtualMachine): { publisher?: string; offer?: string; sku?: string; version?: string; id?: string } | undefined {
  const image = vm.image;
  if (isKnown(image.id)) return { id: image.id.value };
  if (!isKnown(image.publisher) || !isKnown(image.offer) || !isKnown(image.sku)) return undefined;
  return {
    publisher: image.publisher.value,
    offer: image.offer.value,
    sku: image.sku.value,
    version: isKnown(image.version) ? image.version.value : undefined,
  };
}

/** The template's configuration assignment that targets this VM (it becomes `patching.schedule`). */
function assignmentOf(vm: VirtualMachine, context: EmitContext): DeclaredResource | undefined {
  if (typeof vm.name !== 'string') return undefined;
  const suffix = `/providers/microsoft.compute/virtualmachines/${vm.name.toLowerCase()}`;
  return context.declared.find((candidate) => {
    if (candidate.type.toLowerCase() !== 'microsoft.maintenance/configurationassignments' || context.consumed.has(candidate)) return false;
    const evaluated = context.evaluated(candidate);
    const target = evaluated?.scope ?? record(evaluated?.properties)?.resourceId;
    return typeof target === 'string' && target.toLowerCase().endsWith(suffix);
  });
}

export const autoUpgradedExtension: ResourceEmitter = (resource, context) => {
  const evaluated = record(context.evaluated(resource)?.properties);
  const properties = record(resource.declaration.properties);
  if (!properties || !evaluated || typeof evaluated.publisher !== 'string' || typeof evaluated.type !== 'string') return undefined;
  if (!supportsAutomaticUpgrade(evaluated.publisher, evaluated.type) || resource.type.toLowerCase() !== 'microsoft.compute/virtualmachines/extensions')
    return undefined;
  const split = resource.parentName !== undefined ? { parent: resource.parentName, child: resource.name } : splitName(resource.name);
  if (!split) return undefined;
  const values = context.values;
  const args: Array<[string, Code]> = [
    ['resourceGroupName', { code: 'resourceGroupName', output: false }],
    ['vmName', values.value(split.parent, 'name')],
    ['vmExtensionName', values.value(split.child, 'name')],
  ];
  if (resource.declaration.location !== undefined && !isResourceGroupLocation('location', resource.declaration.location))
    args.push(['location', values.value(resource.declaration.location, 'location')]);
  for (const key of ['publisher', 'type', 'typeHandlerVersion', 'settings', 'protectedSettings'])
    if (properties[key] !== undefined) args.push([key, values.value(properties[key], `properties.${key}`)]);
  const notes: string[] = [];
  if (evaluated.enableAutomaticUpgrade !== true || evaluated.autoUpgradeMinorVersion !== true)
    notes.push('derived: autoUpgradeMinorVersion and enableAutomaticUpgrade are true (EU1-EU3): the extension is in the automatic upgrade catalog');
  notes.push(
    ...notCarriedOver(
      resource.declaration,
      properties,
      new Set(['publisher', 'type', 'typeHandlerVersion', 'settings', 'protectedSettings', 'autoUpgradeMinorVersion', 'enableAutomaticUpgrade']),
    ),
  );
  notes.push(...findingNotes(context));
  return { className: context.use('patchwise', 'AutoUpgradedExtension'), args, notes };
};

export const patchSchedule: ResourceEmitter = (resource, context) => {
  const properties = record(resource.declaration.properties);
  const evaluated = record(context.evaluated(resource)?.properties);
  if (!properties || String(evaluated?.maintenanceScope).toLowerCase() !== 'inguestpatch') return undefined;
  const window = record(properties.maintenanceWindow) ?? {};
  const install = { ...(record(properties.installPatches) ?? {}) };
  const values = context.values;
  const notes: string[] = [];
  const windowArgs: Json = { start: window.startDateTime };
  for (const [from, to] of [
    ['duration', 'duration'],
    ['timeZone', 'timeZone'],
    ['recurEvery', 'recurEvery'],
    ['expirationDateTime', 'expiration'],
  ] as const)
    if (window[from] !== undefined) windowArgs[to] = window[from];
  const selection = (parameters: unknown, keys: Record<string, string>) => {
    const source = record(parameters);
    if (!source) return undefined;
    const out: Json = {};
    for (const [from, to] of Object.entries(keys)) if (source[from] !== undefined) out[to] = source[from];
    return out;
  };
  const windows = selection(install.windowsParameters, {
    classificationsToInclude: 'classifications',
    kbNumbersToInclude: 'kbNumbersToInclude',
    kbNumbersToExclude: 'kbNumbersToExclude',
    excludeKbsRequiringReboot: 'excludeKbsRequiringReboot',
  });
  const linux = selection(install.linuxParameters, {
    classificationsToInclude: 'classifications',
    packageNameMasksToInclude: 'packageNameMasksToInclude',
    packageNameMasksToExclude: 'packageNameMasksToExclude',
  });

  // Correct what the planner refuses (on the evaluated window), and say so.
  const evaluatedWindow = record(evaluated?.maintenanceWindow) ?? {};
  const evaluatedInstall = record(evaluated?.installPatches) ?? {};
  const classifications = (parameters: unknown) => {
    const list = record(parameters)?.classificationsToInclude;
    return Array.isArray(list) && list.every((item) => typeof item === 'string') ? { classifications: list } : undefined;
  };
  const intent: Json = {
    window: {
      start: evaluatedWindow.startDateTime,
      duration: evaluatedWindow.duration,
      timeZone: evaluatedWindow.timeZone,
      recurEvery: evaluatedWindow.recurEvery,
    },
    reboot: typeof evaluatedInstall.rebootSetting === 'string' ? evaluatedInstall.rebootSetting : undefined,
    windows: classifications(evaluatedInstall.windowsParameters),
    linux: classifications(evaluatedInstall.linuxParameters),
  };
  if (
    Object.values(intent.window as Json).every((value) => typeof value === 'string' || value === undefined) &&
    typeof evaluatedWindow.startDateTime === 'string'
  ) {
    for (const violation of planPatchSchedule(intent as unknown as ResolvedPatchSchedule, context.today).violations) {
      const [head, field] = violation.argument.replace(/\[\d+\]/g, '').split('.');
      const target = head === 'window' ? windowArgs : head === 'windows' ? windows : head === 'linux' ? linux : head === 'reboot' ? install : undefined;
      const key = head === 'reboot' ? 'rebootSetting' : field;
      if (target && key && key !== 'start' && target[key] !== undefined) {
        delete target[key];
        notes.push(`changed: ${violation.argument} left to the component's default (${violation.requirement}): ${violation.message}`);
      } else notes.push(`still to decide: ${formatViolation(violation)}`);
    }
  }
  const args: Array<[string, Code]> = [
    ['resourceGroupName', { code: 'resourceGroupName', output: false }],
    ['resourceName', values.value(resource.name, 'name')],
  ];
  if (resource.declaration.location !== undefined && !isResourceGroupLocation('location', resource.declaration.location))
    args.push(['location', values.value(resource.declaration.location, 'location')]);
  args.push(['window', values.value(windowArgs, 'properties.maintenanceWindow')]);
  if (install.rebootSetting !== undefined) args.push(['reboot', values.value(install.rebootSetting, 'properties.installPatches.rebootSetting')]);
  if (windows) args.push(['windows', values.value(windows, 'properties.installPatches.windowsParameters')]);
  if (linux) args.push(['linux', values.value(linux, 'properties.installPatches.linuxParameters')]);
  if (resource.declaration.tags !== undefined) args.push(['tags', values.value(resource.declaration.tags, 'tags')]);
  notes.push(
    ...notCarriedOver(
      resource.declaration,
      properties,
      new Set(['maintenanceScope', 'maintenanceWindow', 'installPatches', 'extensionProperties', 'visibility']),
    ),
  );
  notes.push(...findingNotes(context));
  return { className: context.use('patchwise', 'PatchSchedule'), args, notes } satisfies EmittedResource;
};

/** Properties the component does not take: listed by path, never silently dropped. */
function notCarriedOver(declaration: Json, properties: Json, consumed: ReadonlySet<string>): string[] {
  const left: string[] = [];
  for (const [key, value] of Object.entries(properties)) {
    if (consumed.has(key)) continue;
    const nested = record(value);
    if (nested && [...consumed].some((path) => path.startsWith(`${key}.`))) {
      for (const inner of Object.keys(nested)) if (!consumed.has(`${key}.${inner}`)) left.push(`properties.${key}.${inner}`);
    } else left.push(`properties.${key}`);
  }
  for (const key of ['identity', 'plan', 'extendedLocation', 'sku', 'kind']) if (declaration[key] !== undefined) left.push(key);
  return left.map((path) => `TODO(patchwise): ${path} is not carried over by the component: add it by hand if it is needed`);
}

/** Lint findings of the template on the resource: what the conversion fixed, by requirement. */
export function findingNotes(context: EmitContext): string[] {
  return context.findings.map((finding) => `template finding [${finding.requirements.join(', ') || finding.ruleId}] ${finding.ruleId}: ${finding.message}`);
}
