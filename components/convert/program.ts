/**
 * An ARM template → the statements of a Pulumi TypeScript program: parameters as typed config
 * reads, variables as consts, resources as patchwise components (compute, see compute.ts) or plain
 * azure-native resources, copy loops as `for` loops, conditions as `if`s. What has no translation
 * is written as a `// TODO(patchwise):` with the original text.
 */
import type { ExpandedResource } from '../../src/template/types.js';
import type { Model } from '../../src/model/types.js';
import type { Finding } from '../../src/engine/finding.js';
import { member, resourceArgs } from './arg-shapes.js';
import { azureNativeType, flattenProperties } from './azure-native-types.js';
import { ValueWriter, originalText, propertyKey, type Code, type ExpressionScope, type Todo } from './expressions.js';
import { nameKey, type ProgramResource } from './references.js';
import { Names } from './names.js';

/** One resource as declared in the template (child resources flattened with their full type). */
export interface DeclaredResource {
  /** Full type, e.g. `Microsoft.Compute/virtualMachines/extensions`. */
  type: string;
  apiVersion: unknown;
  /** The name as written (for a child, its own segment). */
  name: unknown;
  /** The parent's name as written, for child resources declared inside their parent. */
  parentName?: unknown;
  declaration: Record<string, unknown>;
  /** Path of the declaration in the template (to find its expanded instances). */
  path: Array<string | number>;
  symbolicName?: string;
}

/** What an emitter needs to write a resource. */
export interface EmitContext {
  values: ValueWriter;
  names: Names;
  /** Import a class from an azure-native module or the patchwise components; returns the expression to `new`. */
  use(module: string, className: string): string;
  /** Expanded instances of the resource (evaluated with parameter defaults) and the model built from them. */
  instances: ExpandedResource[];
  model: Model;
  /** Lint findings of the template on this resource (listed as fixed or to decide). */
  findings: Finding[];
  /** The whole declared list (to attach configuration assignments to VMs). */
  declared: readonly DeclaredResource[];
  /** Resources another resource took over (an assignment that became `patching.schedule`): not written again. */
  consumed: Set<DeclaredResource>;
  /** The date schedule checks use. */
  today: Date;
  /** The evaluated body of a declared resource's first instance. */
  evaluated(resource: DeclaredResource): Record<string, unknown> | undefined;
}

/** A resource written as `new X(name, { … }, opts)`; `notes` become comments above it. */
export interface EmittedResource {
  className: string;
  args: Array<[string, Code]>;
  notes: string[];
}

export type ResourceEmitter = (resource: DeclaredResource, context: EmitContext) => EmittedResource | undefined;

/** Plain azure-native resources: the table of azure-native-types.ts, `properties` flattened. */
export const plainResource: ResourceEmitter = (resource, context) => {
  const type = azureNativeType(resource.type);
  if (!type) return undefined;
  const className = context.use(type.module, type.className);
  const args: Array<[string, Code]> = [['resourceGroupName', { code: 'resourceGroupName', output: false }]];
  if (type.parentKey)
    args.push([type.parentKey, resource.parentName !== undefined ? context.values.value(resource.parentName, 'name') : parentOf(resource, context)]);
  args.push([
    type.nameKey,
    resource.parentName !== undefined || !type.parentKey ? context.values.value(resource.name, 'name') : lastSegmentOf(resource, context),
  ]);
  const flattened = flattenProperties(resource.declaration, type.topLevel ?? []);
  const notes: string[] = [];
  if (resource.type.toLowerCase() === 'microsoft.maintenance/maintenanceconfigurations') flattenWindow(flattened);
  if (resource.type.toLowerCase() === 'microsoft.compute/virtualmachinescalesets') notes.push(...legacyUpgradePolicy(flattened));
  if (resource.type.toLowerCase() === 'microsoft.storage/storageaccounts') notes.push(...legacyAccountType(flattened));
  if (typeof resource.apiVersion === 'string' && resource.apiVersion < '2020-01-01') {
    notes.push(`the template used API ${resource.apiVersion}; azure-native deploys a current one, where properties older APIs ignored take effect: check them`);
  }
  const argsType = resourceArgs(type.module, type.className);
  for (const [key, value] of Object.entries(flattened)) {
    if (isResourceGroupLocation(key, value)) continue;
    if (key.toLowerCase() === 'copy' && Array.isArray(value)) {
      // Property copy loops: each makes one argument.
      for (const entry of context.values.copyLoops(value, 'properties', argsType)) {
        if ('comment' in entry) notes.push(entry.comment);
        else args.push([entry.key, { code: entry.code, output: false }]);
      }
      continue;
    }
    const target = argsType ? member(argsType, key) : undefined;
    if (argsType && !target) notes.push(context.values.notAnArgument(key, value));
    else args.push([target?.name ?? key, context.values.value(value, key, true, target?.type)]);
  }
  return { className, args, notes };
};

/** `upgradePolicy.automaticOSUpgrade` (API 2017-03-30 preview) is `automaticOSUpgradePolicy.enableAutomaticOSUpgrade` in azure-native. */
function legacyUpgradePolicy(args: Record<string, unknown>): string[] {
  const policy = args.upgradePolicy;
  if (!policy || typeof policy !== 'object' || Array.isArray(policy) || !('automaticOSUpgrade' in policy)) return [];
  const { automaticOSUpgrade, ...rest } = policy as Record<string, unknown>;
  const current = (rest.automaticOSUpgradePolicy ?? {}) as Record<string, unknown>;
  args.upgradePolicy = { ...rest, automaticOSUpgradePolicy: { ...current, enableAutomaticOSUpgrade: current.enableAutomaticOSUpgrade ?? automaticOSUpgrade } };
  return [
    'changed: upgradePolicy.automaticOSUpgrade (an API 2017-03-30 property) is written as upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade (OU5)',
  ];
}

/** `properties.accountType` (API 2015-06-15) is `sku.name` in the APIs azure-native deploys. */
function legacyAccountType(args: Record<string, unknown>): string[] {
  const notes: string[] = [];
  if (args.accountType !== undefined && args.sku === undefined) {
    args.sku = { name: args.accountType };
    delete args.accountType;
    notes.push('changed: properties.accountType (an API 2015-06-15 property) is written as sku.name');
  }
  // azure-native requires kind; the APIs that did not ask for it made a general-purpose v1 account.
  if (args.kind === undefined) {
    args.kind = 'Storage';
    notes.push("changed: kind 'Storage' (what the template's API made without one) is written out: azure-native requires it");
  }
  return notes;
}

/** `resourceGroup().location` is where azure-native puts a resource anyway: leave `location` out. */
export function isResourceGroupLocation(key: string, value: unknown): boolean {
  return key === 'location' && typeof value === 'string' && /^\[\s*resourceGroup\(\)\.location\s*\]$/i.test(value);
}

/** azure-native takes a maintenance configuration's window fields at the top of its arguments. */
function flattenWindow(args: Record<string, unknown>): void {
  const window = args.maintenanceWindow;
  if (!window || typeof window !== 'object' || Array.isArray(window)) return;
  delete args.maintenanceWindow;
  Object.assign(args, window);
}

/** `parent/child` written as one name: the parent part. */
function parentOf(resource: DeclaredResource, context: EmitContext): Code {
  const split = splitName(resource.name);
  return split ? context.values.value(split.parent, 'name') : context.values.todo(originalText(resource.name), 'name (parent)');
}

function lastSegmentOf(resource: DeclaredResource, context: EmitContext): Code {
  const split = splitName(resource.name);
  return split ? context.values.value(split.child, 'name') : context.values.todo(originalText(resource.name), 'name');
}

/** `"vm1/ext"` or `"[concat(parameters('vm'), '/ext')]"` → parent and child parts (as template values). */
export function splitName(name: unknown): { parent: unknown; child: unknown } | undefined {
  if (typeof name !== 'string') return undefined;
  if (!name.startsWith('[')) {
    const cut = name.lastIndexOf('/');
    return cut > 0 ? { parent: name.slice(0, cut), child: name.slice(cut + 1) } : undefined;
  }
  // concat(<parent>, '/<child>') and format('{0}/<child>', <parent>): the usual spellings.
  const concat = /^\[concat\((.+),\s*'\/([^'/]+)'\)\]$/i.exec(name);
  if (concat) return { parent: `[${concat[1]}]`, child: concat[2] };
  const format = /^\[format\('\{0\}\/([^'/{}]+)',\s*(.+)\)\]$/i.exec(name);
  if (format) return { parent: `[${format[2]}]`, child: format[1] };
  return undefined;
}

/** Write one statement `new Class(name, { args }, opts)` as text. */
export function newExpression(emitted: EmittedResource, logicalName: string, options: string | undefined): string {
  const args = emitted.args.filter(([, value]) => value.code !== 'undefined').map(([key, value]) => `${propertyKey(key)}: ${value.code},`);
  return `new ${emitted.className}(${logicalName}, {\n${args.join('\n')}\n}${options ? `, ${options}` : ''})`;
}

/** The template's declared resources, children flattened with full types (nested deployments are TODOs). */
export function declaredResources(template: Record<string, unknown>): DeclaredResource[] {
  const out: DeclaredResource[] = [];
  const visit = (items: unknown, path: Array<string | number>, parent?: DeclaredResource) => {
    const entries: Array<[string | number, unknown]> = Array.isArray(items)
      ? items.map((item, index) => [index, item])
      : items && typeof items === 'object'
        ? Object.entries(items)
        : [];
    for (const [key, item] of entries) {
      if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
      const declaration = item as Record<string, unknown>;
      const ownType = String(declaration.type ?? '');
      const type = parent && !ownType.includes('/') ? `${parent.type}/${ownType}` : ownType;
      const resource: DeclaredResource = {
        type,
        apiVersion: declaration.apiVersion,
        name: declaration.name,
        parentName: parent && !ownType.includes('/') ? parent.name : undefined,
        declaration,
        path: [...path, key],
        symbolicName: typeof key === 'string' ? key : undefined,
      };
      out.push(resource);
      if (declaration.resources) visit(declaration.resources, [...resource.path, 'resources'], resource);
    }
  };
  visit(template.resources, ['resources']);
  return out;
}

/** The azure-native resource a component creates (what `reference()` reads), and how it exposes the id. */
const COMPONENT_RESOURCE: Record<string, { property: string; module: string; className: string; id?: string }> = {
  PatchedVirtualMachine: { property: 'virtualMachine', module: 'compute', className: 'VirtualMachine' },
  AutoUpgradedExtension: { property: 'extension', module: 'compute', className: 'VirtualMachineExtension' },
  PatchSchedule: { property: 'configuration', module: 'maintenance', className: 'MaintenanceConfiguration', id: 'maintenanceConfigurationId' },
  AutoUpgradingScaleSet: { property: 'scaleSet', module: 'compute', className: 'VirtualMachineScaleSet' },
  PatchedFlexibleScaleSet: { property: 'scaleSet', module: 'compute', className: 'VirtualMachineScaleSet' },
};

/** Names of parameters and variables as TypeScript identifiers, with the code that reads them. */
export class TemplateScope implements ExpressionScope {
  private readonly parameters = new Map<string, Code>();
  private readonly variables = new Map<string, Code>();
  private readonly resources = new Map<string, ProgramResource>();
  private readonly byName = new Map<string, ProgramResource | null>();
  copyIndex?: string;

  addParameter(name: string, code: Code): void {
    this.parameters.set(name.toLowerCase(), code);
  }

  addVariable(name: string, code: Code): void {
    this.variables.set(name.toLowerCase(), code);
  }

  /**
   * A resource written at the top level (not in a loop or an `if`): `resourceId()` of it becomes its
   * id Output, `reference()` its outputs. Found by type and name (as written) or symbolic name.
   */
  addResource(resource: DeclaredResource, identifier: string, className: string): void {
    const component = COMPONENT_RESOURCE[className];
    const [module, azureClass] = component ? [component.module, component.className] : className.split('.');
    const object = component ? `${identifier}.${component.property}` : identifier;
    const entry: ProgramResource = {
      id: { code: component?.id ? `${identifier}.${component.id}` : `${object}.id`, output: true, type: 'string' },
      object,
      module,
      className: azureClass,
    };
    const name = nameKey(resource.parentName !== undefined ? `${originalText(resource.parentName)}/${originalText(resource.name)}` : resource.name);
    if (name !== undefined) {
      this.resources.set(`${resource.type.toLowerCase()}|${name}`, entry);
      // `reference('name')` names a resource of any type: only a name one resource has finds it.
      this.byName.set(name, this.byName.has(name) ? null : entry);
    }
    if (resource.symbolicName) this.resources.set(`symbol|${resource.symbolicName.toLowerCase()}`, entry);
  }

  parameter(name: string): Code | undefined {
    return this.parameters.get(name.toLowerCase());
  }

  variable(name: string): Code | undefined {
    return this.variables.get(name.toLowerCase());
  }

  resource(type: string | undefined, name: string): ProgramResource | undefined {
    if (type !== undefined) return this.resources.get(`${type.toLowerCase()}|${name}`);
    return this.resources.get(`symbol|${name}`) ?? this.byName.get(name) ?? undefined;
  }
}

export type { Todo };
