/**
 * Maintenance configurations and their assignments, read from the generic resources of the model
 * (the model keeps their bodies as written). Computed here rather than in the model: only the
 * schedule rules need them.
 */
import { readString, type Field } from '../../src/model/field.js';
import type { GenericResource, Model, ScaleSet, VirtualMachine } from '../../src/model/types.js';
import { isUnknown } from '../../src/model/unknown.js';

/** Where an assignment points: a known target id, or unknown (a parameter, a dynamic scope, …). */
export interface AssignmentTarget {
  assignment: GenericResource;
  /** Lower-case resource id (or `type/name` path) of the assigned resource; undefined when not known. */
  target: string | undefined;
  /** Lower-case id of the maintenance configuration; undefined when not known. */
  configurationId: string | undefined;
}

export function assignmentsOf(model: Model): AssignmentTarget[] {
  return model.other
    .filter((resource) => resource.kind === 'configurationAssignment')
    .map((assignment) => {
      const body = assignment.resource.body;
      const resourceId = readString(body, ['properties', 'resourceId']);
      const scope = readString(body, ['scope']);
      // A dynamic-scope assignment (properties.filter) has no single target: it may include any VM.
      const field = resourceId.explicit ? resourceId : scope;
      const configuration = readString(body, ['properties', 'maintenanceConfigurationId']);
      return { assignment, target: knownLower(field), configurationId: knownLower(configuration) };
    });
}

function knownLower(field: Field<string>): string | undefined {
  return typeof field.value === 'string' ? field.value.toLowerCase() : undefined;
}

/** True when `id` names the resource of that type and name (`/subscriptions/…/providers/<type>/<name>` or `<type>/<name>`). */
export function idNames(id: string, type: string, name: string): boolean {
  const suffix = `${type}/${name}`.toLowerCase();
  return id === suffix || id.endsWith(`/${suffix}`);
}

export const VM_TYPE = 'Microsoft.Compute/virtualMachines';
export const SCALE_SET_TYPE = 'Microsoft.Compute/virtualMachineScaleSets';
export const CONFIGURATION_TYPE = 'Microsoft.Maintenance/maintenanceConfigurations';

export type Assignable = VirtualMachine | ScaleSet;

function typeOf(target: Assignable): string {
  return target.kind === 'virtualMachine' ? VM_TYPE : SCALE_SET_TYPE;
}

/**
 * Assignments of the template that point at the VM (known target), and whether some assignment
 * could point at it without the linter knowing (unknown target or dynamic scope).
 */
export function assignmentsFor(target: Assignable, model: Model): { known: AssignmentTarget[]; maybe: boolean } {
  const known: AssignmentTarget[] = [];
  let maybe = false;
  for (const entry of assignmentsOf(model)) {
    if (entry.target === undefined || isUnknown(target.name)) maybe = true;
    else if (idNames(entry.target, typeOf(target), target.name)) known.push(entry);
  }
  return { known, maybe };
}

/** The maintenance configuration of the template an assignment names, when its id is known. */
export function configurationOf(entry: AssignmentTarget, model: Model): GenericResource | undefined {
  const id = entry.configurationId;
  if (id === undefined) return undefined;
  return model.other.find(
    (resource) => resource.kind === 'maintenanceConfiguration' && typeof resource.name === 'string' && idNames(id, CONFIGURATION_TYPE, resource.name),
  );
}

/** `properties.maintenanceScope` of a configuration. */
export function maintenanceScope(configuration: GenericResource): Field<string> {
  return readString(configuration.resource.body, ['properties', 'maintenanceScope']);
}
