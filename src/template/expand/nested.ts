/** Nested deployments with an inline template: expanded in their own frame (inner scope) or the parent's (outer scope). */
import type { JsonPath } from '../json.js';
import { setOrigin, templateDocumentOf } from '../origin.js';
import { Unknown, isUnknown } from '../unknown.js';
import { defineProperty, isObject, LIMITS, type Json } from './context.js';
import { reportLimit } from './diagnostics.js';
import { declareFrame, declareFunctions, Frame } from './frame.js';
import { ArmScope } from './scope.js';
import { expandValue } from './values.js';

/** Expands the resources of a template in a frame (resources.ts; passed in, as resources expand deployments). */
export type ExpandResources = (frame: Frame, template: Json, scope: ArmScope) => void;

/** A deployment's properties without the inline template (which is expanded in its own scope). */
export function expandDeploymentProperties(frame: Frame, properties: Json, path: JsonPath, scope: ArmScope): unknown {
  const out: Json = {};
  for (const key of Object.keys(properties)) {
    if (key === 'template') continue;
    defineProperty(out, key, expandValue(frame, properties[key], [...path, key], scope, 0, false));
  }
  setOrigin(out, { document: frame.document, path });
  return out;
}

export function expandNestedDeployment(
  frame: Frame,
  declaration: Json,
  body: Json,
  path: JsonPath,
  scope: ArmScope,
  name: string | Unknown,
  expandResources: ExpandResources,
): void {
  const properties = isObject(declaration.properties) ? declaration.properties : undefined;
  const template = properties?.template;
  if (!isObject(template)) return; // templateLink: not followed (no network)
  if (frame.depth + 1 > LIMITS.nestingDepth) {
    reportLimit(frame, path, `nested deployments deeper than ${LIMITS.nestingDepth} levels are not expanded`);
    return;
  }
  const templatePath = [...path, 'properties', 'template'];
  const expandedProperties = isObject(body.properties) ? body.properties : {};
  const options = isObject(expandedProperties.expressionEvaluationOptions) ? expandedProperties.expressionEvaluationOptions : {};
  const inner = typeof options.scope === 'string' && options.scope.toLowerCase() === 'inner';
  const deploymentName = isUnknown(name) ? '(unknown)' : name;
  const deployments = [...frame.deployments, deploymentName];
  if (inner) {
    // A module written in its own file (Bicep) is located in that file, from its root.
    const ownDocument = templateDocumentOf(template);
    const child = new Frame(frame.expansion, ownDocument ?? frame.document, ownDocument ? [] : templatePath, name, frame.depth + 1, deployments);
    declareFrame(child, template, innerParameters(expandedProperties, template));
    expandResources(child, template, new ArmScope(child));
    return;
  }
  // Outer scope: the nested template's expressions see the parent's parameters and variables.
  const outer = new Frame(frame.expansion, frame.document, templatePath, frame.deploymentName, frame.depth + 1, deployments);
  // Shared, not copied: a copy per nested deployment multiplied a large declaration.
  outer.parameters = frame.parameters;
  outer.variables = frame.variables;
  for (const [key, fn] of frame.functions) outer.functions.set(key, fn);
  declareFunctions(outer, template.functions);
  expandResources(outer, template, scope.rebind(outer));
}

/** The parameter values an inner-scope deployment passes (lower-case names). */
function innerParameters(expandedProperties: Json, template: Json): Map<string, unknown> {
  const provided = new Map<string, unknown>();
  if (isObject(expandedProperties.parameters)) {
    for (const [key, entry] of Object.entries(expandedProperties.parameters)) {
      if (isObject(entry) && 'value' in entry) provided.set(key.toLowerCase(), entry.value);
      else provided.set(key.toLowerCase(), new Unknown(`parameters('${key}')`, isUnknown(entry) ? entry.reason : 'a reference resolved at deployment'));
    }
  } else if (isUnknown(expandedProperties.parameters)) {
    // Every parameter is unknown: mark all declared ones as provided-unknown.
    if (isObject(template.parameters)) {
      for (const key of Object.keys(template.parameters)) provided.set(key.toLowerCase(), expandedProperties.parameters);
    }
  }
  return provided;
}
