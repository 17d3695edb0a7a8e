/**
 * Maintenance configurations and their assignments, read from the generic resources of the model
 * (the model keeps their bodies as written): which assignments target a VM or scale set (CF2, CF9).
 */
import { readString, valueAt, type Field } from '../field.js';
import type { GenericResource, Model, ScaleSet, VirtualMachine } from '../types.js';
import { isUnknown, type Unknown } from '../unknown.js';

/**
 * What an assignment names as its target: a resource id (full, or the relative `type/name` form that
 * Bicep writes into `scope`), a bare symbolic name (a languageVersion 2.0 `scope`), or nothing known.
 */
export type AssignmentReference = { kind: 'id'; id: string } | { kind: 'symbolic'; name: string } | { kind: 'unknown' };

/** Where an assignment points, as far as the template makes it known. */
export interface AssignmentTarget {
  assignment: GenericResource;
  /**
   * The resource the assignment is attached to: `scope` when written (it decides where the extension
   * resource lives), else `properties.resourceId`; for the older type
   * `Microsoft.Compute/virtualMachines/providers/configurationAssignments`, the VM its name starts with.
   * `unknown` when none is written (a resource-group level assignment) or it cannot be evaluated.
   */
  target: AssignmentReference;
  /** `properties.resourceId` when `scope` decided the target: a second id that may disagree with it. */
  other: AssignmentReference | undefined;
  /** A dynamic scope (`properties.filter`): it may include any VM. */
  dynamic: boolean;
  /** Lower-case id of the maintenance configuration; undefined when not known. */
  configurationId: string | undefined;
}

/** `Microsoft.Compute/virtualMachines/providers/configurationAssignments`, named `<vm>/Microsoft.Maintenance/<assignment>`. */
export const VM_ASSIGNMENT_TYPE = 'Microsoft.Compute/virtualMachines/providers/configurationAssignments';

export function assignmentsOf(model: Model): AssignmentTarget[] {
  return model.other
    .filter((resource) => resource.kind === 'configurationAssignment')
    .map((assignment) => {
      const body = assignment.resource.body;
      const resourceId = readString(body, ['properties', 'resourceId']);
      const scope = readString(body, ['scope']);
      const configuration = readString(body, ['properties', 'maintenanceConfigurationId']);
      const filter = valueAt(body, ['properties', 'filter']);
      const dynamic = filter !== undefined && filter !== null;
      let target: AssignmentReference;
      let other: AssignmentReference | undefined;
      if (assignment.resource.type.toLowerCase() === VM_ASSIGNMENT_TYPE.toLowerCase()) {
        target = vmOfLegacyName(assignment.name);
        other = resourceId.explicit ? referenceOf(resourceId) : undefined;
      } else if (scope.explicit) {
        target = referenceOf(scope);
        other = resourceId.explicit ? referenceOf(resourceId) : undefined;
      } else {
        target = resourceId.explicit ? referenceOf(resourceId) : { kind: 'unknown' };
      }
      return { assignment, target, other, dynamic, configurationId: knownLower(configuration) };
    });
}

function knownLower(field: Field<string>): string | undefined {
  return typeof field.value === 'string' ? field.value.toLowerCase() : undefined;
}

function referenceOf(field: Field<string>): AssignmentReference {
  if (typeof field.value !== 'string') return { kind: 'unknown' };
  const text = withoutTrailingSlashes(field.value.trim().toLowerCase());
  if (text.includes('/')) return { kind: 'id', id: text };
  if (/^[a-z_][a-z0-9_]*$/.test(text)) return { kind: 'symbolic', name: text };
  return { kind: 'unknown' };
}

/** A loop, not `/\/+$/`: that pattern retries from every slash of a long run (quadratic). */
function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end--;
  return text.slice(0, end);
}

/** `vm1/Microsoft.Maintenance/assignment1` → the VM `vm1`. */
function vmOfLegacyName(name: string | Unknown): AssignmentReference {
  if (typeof name !== 'string') return { kind: 'unknown' };
  const match = /^([^/]+)\/microsoft\.maintenance\/[^/]+$/i.exec(name.trim());
  return match ? { kind: 'id', id: `${VM_TYPE}/${match[1]}`.toLowerCase() } : { kind: 'unknown' };
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
 * True when a lower-case id names one resource (`…/providers/<namespace>/<type>/<name>` or the
 * relative `<namespace>/<type>/<name>`), as opposed to a resource group or subscription.
 */
function namesOneResource(id: string): boolean {
  const cut = id.lastIndexOf('/providers/');
  const rest = cut >= 0 ? id.slice(cut + '/providers/'.length) : id.startsWith('/') ? '' : id;
  const segments = rest.split('/').filter((segment) => segment !== '');
  return segments.length >= 3 && segments.length % 2 === 1 && segments[0].includes('.');
}

/** The symbolic name of a languageVersion 2.0 resource (the expander keeps it beside the body). */
function symbolicNameOf(target: Assignable): string | undefined {
  const name: unknown = (target.resource as { symbolicName?: unknown }).symbolicName;
  return typeof name === 'string' ? name.toLowerCase() : undefined;
}

/** Whether a reference names the VM or scale set: yes, no, or not known. */
function refersTo(reference: AssignmentReference, target: Assignable): 'yes' | 'no' | 'unknown' {
  if (reference.kind === 'unknown' || isUnknown(target.name)) return 'unknown';
  if (reference.kind === 'symbolic') return reference.name === symbolicNameOf(target) ? 'yes' : 'unknown';
  if (idNames(reference.id, typeOf(target), target.name)) return 'yes';
  return namesOneResource(reference.id) ? 'no' : 'unknown';
}

/**
 * Assignments of the template that point at the VM (known target), and whether some assignment
 * could point at it without the linter knowing (unknown target, dynamic scope, a second id that is
 * not known or names the VM). An assignment that cannot be resolved counts as `maybe`, never as absent.
 */
export function assignmentsFor(target: Assignable, model: Model): { known: AssignmentTarget[]; maybe: boolean } {
  const known: AssignmentTarget[] = [];
  let maybe = false;
  for (const entry of assignmentsOf(model)) {
    const primary = refersTo(entry.target, target);
    if (primary === 'yes') known.push(entry);
    else if (primary === 'unknown' || entry.dynamic || (entry.other !== undefined && refersTo(entry.other, target) !== 'no')) maybe = true;
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
