/** Resource declarations: copy loops, conditions, child resources, and bodies expanded when first read. */
import { isFullType, isModelFreeCached } from '../model-free.js';
import type { JsonPath } from '../json.js';
import { locateIn, setOrigin, toSourceLocation, type Origin } from '../origin.js';
import { Unknown, isUnknown } from '../unknown.js';
import { defineProperty, isObject, LIMITS, type Json } from './context.js';
import { reportLimit } from './diagnostics.js';
import type { Frame } from './frame.js';
import { expandDeploymentProperties, expandNestedDeployment } from './nested.js';
import { partialBody } from './partial.js';
import { mergeReads, previousExpansion, type InstanceIdentity } from './reuse.js';
import type { ArmScope } from './scope.js';
import { copyCount, expandValue } from './values.js';

interface ParentInfo {
  type: string;
  name: string | Unknown;
}

/** Where a declaration sits: below a parent resource, or under a symbolic name (languageVersion 2.0). */
interface Placement {
  parent?: ParentInfo;
  symbolicName?: string;
}

/** Keys of a resource declaration that are not part of what is sent to the resource provider. */
const DECLARATION_ONLY = new Set(['resources', 'copy', 'condition', 'dependson', 'metadata', 'comments', 'existing']);

export function expandResourcesOf(frame: Frame, template: Json, scope: ArmScope): void {
  const resources = template.resources;
  const base = [...frame.templatePath, 'resources'];
  if (Array.isArray(resources)) {
    resources.forEach((declaration, index) => expandDeclaration(frame, declaration, [...base, index], scope, {}));
  } else if (isObject(resources)) {
    for (const [symbolicName, declaration] of Object.entries(resources)) {
      expandDeclaration(frame, declaration, [...base, symbolicName], scope, { symbolicName });
    }
  }
}

function expandDeclaration(frame: Frame, declaration: unknown, path: JsonPath, scope: ArmScope, placement: Placement): void {
  if (!isObject(declaration)) return;
  const copy = declaration.copy;
  const eagerTypes = frame.expansion.eagerTypes;
  if (eagerTypes && isModelFreeCached(declaration, placement.parent?.type, frame.nameScope(), eagerTypes)) {
    // Nothing in it is read by the rules; its copy count is evaluated for the over-limit note alone.
    if (isObject(copy) && typeof copy.name === 'string') copyCount(frame, copy.count, [...path, 'copy', 'count'], scope);
    return;
  }
  if (isObject(copy) && typeof copy.name === 'string') {
    const count = copyCount(frame, copy.count, [...path, 'copy', 'count'], scope);
    if (isUnknown(count)) {
      // One representative instance: every property is checked once, copyIndex() unknown.
      expandInstance(frame, declaration, path, scope.withResourceIndex(count).withLoop(copy.name, count), placement, count);
      return;
    }
    for (let i = 0; i < count; i++) {
      if (!expandInstance(frame, declaration, path, scope.withResourceIndex(i).withLoop(copy.name, i), placement, i)) return;
    }
    return;
  }
  expandInstance(frame, declaration, path, scope, placement, undefined);
}

/** What is evaluated of every instance, whether or not its body is ever read. */
interface Header extends InstanceIdentity {
  evaluatedName: unknown;
  isDeployment: boolean;
}

/** Expand one instance of a resource declaration; false when the resource limit was reached. */
function expandInstance(
  frame: Frame,
  declaration: Json,
  path: JsonPath,
  scope: ArmScope,
  placement: Placement,
  copyIndex: number | Unknown | undefined,
): boolean {
  const expansion = frame.expansion;
  if (expansion.resources.length >= LIMITS.resources) {
    if (!expansion.limitReported) {
      expansion.limitReported = true;
      reportLimit(frame, path, `more than ${LIMITS.resources} resources; the rest are not checked`);
    }
    return false;
  }
  const header = expandHeader(frame, declaration, path, scope, placement.parent);
  if (!header) return true;
  const { type, name, isDeployment } = header;

  const previous = expansion.reuse && !isDeployment ? previousExpansion(expansion.reuse, path, copyIndex, header) : undefined;
  if (previous && previous.changed.length === 0) {
    expansion.resources.push(previous.resource);
    expandChildren(frame, declaration, path, scope, type, name);
    return true;
  }

  const expandBody = (): Json => expandResourceBody(frame, declaration, path, scope, header);
  const eager = isDeployment || !expansion.eagerTypes || expansion.eagerTypes.has(type.toLowerCase());
  let parameterReads: Map<string, Set<string>> | undefined;
  let body: Json | undefined;
  if (eager && !isDeployment && previous) {
    // A variant: expand again only what read a varied parameter (partial.ts), else the whole body.
    const before = previous.resource;
    const { value, reads } = expansion.reads.trackBody(path, () => partialBody(frame, declaration, path, scope, before.body, previous.changed));
    if (value) {
      body = value.body;
      // Reads are recorded only when asked for (as for a whole expansion): lintTemplate's variants never read them.
      parameterReads = reads && mergeReads(before.parameterReads, reads, value.redone);
    }
  }
  if (body) {
    // Built from the default pass's body above.
  } else if (eager && !isDeployment) ({ value: body, reads: parameterReads } = expansion.reads.trackBody(path, expandBody));
  else if (eager) body = expandBody();
  const bodyOf = (): Json => (body ??= expandBody());
  const origin: Origin = { document: frame.document, path };
  const existing = declaration.existing === true;

  expansion.resources.push({
    type,
    apiVersion: header.apiVersion,
    name,
    symbolicName: placement.symbolicName,
    get body() {
      return bodyOf();
    },
    parameterReads,
    metadata: isObject(declaration.metadata) ? declaration.metadata : undefined,
    document: frame.document,
    declarationPath: path,
    conditional: header.conditional,
    copyIndex,
    existing,
    deployments: frame.deployments,
    file: frame.document.file,
    locateInDocument: (propertyPath) => locateIn(bodyOf(), propertyPath, origin),
    locate: (propertyPath) => toSourceLocation(locateIn(bodyOf(), propertyPath, origin)),
  });

  expandChildren(frame, declaration, path, scope, type, name);
  if (isDeployment && !existing) expandNestedDeployment(frame, declaration, bodyOf(), path, scope, name, expandResourcesOf);
  return true;
}

/** Condition, type, name and apiVersion of an instance; undefined when its condition is false (not deployed). */
function expandHeader(frame: Frame, declaration: Json, path: JsonPath, scope: ArmScope, parent: ParentInfo | undefined): Header | undefined {
  let conditional = false;
  if ('condition' in declaration) {
    const condition = expandValue(frame, declaration.condition, [...path, 'condition'], scope, 0);
    if (condition === false || condition === 'false' || condition === 'False') return undefined;
    conditional = isUnknown(condition);
  }
  const rawType = typeof declaration.type === 'string' ? declaration.type : '';
  const type = parent && rawType && !isFullType(rawType) ? `${parent.type}/${rawType}` : rawType;
  const evaluatedName = expandValue(frame, declaration.name, [...path, 'name'], scope, 0);
  const name = fullName(parent, rawType, evaluatedName);
  const apiVersionValue = expandValue(frame, declaration.apiVersion, [...path, 'apiVersion'], scope, 0);
  const apiVersion =
    typeof apiVersionValue === 'string' || isUnknown(apiVersionValue)
      ? apiVersionValue
      : new Unknown(String(declaration.apiVersion), 'apiVersion is not a string');
  return { type, name, apiVersion, conditional, evaluatedName, isDeployment: type.toLowerCase() === 'microsoft.resources/deployments' };
}

/** The body sent to the resource provider: the declaration without its declaration-only keys, evaluated. */
function expandResourceBody(frame: Frame, declaration: Json, path: JsonPath, scope: ArmScope, header: Header): Json {
  const body: Json = {};
  for (const key of Object.keys(declaration)) {
    if (DECLARATION_ONLY.has(key.toLowerCase())) continue;
    if (key === 'name') defineProperty(body, key, header.evaluatedName);
    else if (key === 'apiVersion') defineProperty(body, key, header.apiVersion);
    else if (header.isDeployment && key === 'properties' && isObject(declaration.properties)) {
      defineProperty(body, key, expandDeploymentProperties(frame, declaration.properties, [...path, 'properties'], scope));
    } else defineProperty(body, key, expandValue(frame, declaration[key], [...path, key], scope, 0, false));
  }
  setOrigin(body, { document: frame.document, path });
  return body;
}

function expandChildren(frame: Frame, declaration: Json, path: JsonPath, scope: ArmScope, type: string, name: string | Unknown): void {
  if (!Array.isArray(declaration.resources)) return;
  const parent: ParentInfo = { type, name };
  declaration.resources.forEach((child, index) => {
    expandDeclaration(frame, child, [...path, 'resources', index], scope, { parent });
  });
}

function fullName(parent: ParentInfo | undefined, rawType: string, name: unknown): string | Unknown {
  const own = typeof name === 'string' || isUnknown(name) ? name : new Unknown(String(name), 'the name is not a string');
  if (!parent || isFullType(rawType)) return own;
  if (isUnknown(parent.name)) return parent.name;
  if (isUnknown(own)) return own;
  return `${parent.name}/${own}`;
}
