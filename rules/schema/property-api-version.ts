import { propertyStatus } from '../../src/catalog/api-versions.js';
import { formatPath, type JsonPath } from '../../src/model/source.js';
import { isUnknown } from '../../src/model/unknown.js';
import { valueAt } from '../../src/model/field.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import type { ModelResource } from '../../src/model/types.js';

/** How deep to walk a resource body: far below anything the Compute schemas define. */
const MAX_DEPTH = 24;

export default defineRule({
  id: 'schema/property-api-version',
  severity: 'error',
  requirements: ['CF1', 'GP8'],
  targets: ['virtualMachine', 'scaleSet', 'extension', 'availabilitySet', 'maintenanceConfiguration', 'configurationAssignment'],
  summary: "A property the resource's apiVersion does not define (introduced later, or misspelled) is ignored by Azure",
  messages: {
    later: '{{property}} was introduced in API version {{first}}: with apiVersion {{apiVersion}} Azure ignores it; use {{first}} or later',
    unknown: '{{property}} is not a property of {{type}} in API version {{apiVersion}}, so Azure ignores it{{suggestion}}',
    caseOnly:
      "{{property}} is spelled '{{suggestion}}' in the API: Azure accepts it in any case, but write the API's spelling so policies and reviewers see the setting",
  },
  check(target, context) {
    const { type, apiVersion, body } = target.resource;
    if (typeof apiVersion !== 'string') return;
    if (target.kind === 'extension' && target.base.length > 0) {
      // An inline scale-set extension: the scale set's schema leaves its properties open (they live in
      // another schema file), so it is checked as a scale-set extension resource of the same API version.
      walk(valueAt(body, target.base), [], 0, { type: SCALE_SET_EXTENSION_TYPE, apiVersion, context, target, at: target.base });
      return;
    }
    walk(body, [], 0, { type, apiVersion, context, target, at: [] });
  },
});

const SCALE_SET_EXTENSION_TYPE = 'Microsoft.Compute/virtualMachineScaleSets/extensions';

interface WalkState {
  type: string;
  apiVersion: string;
  context: RuleContext;
  target: ModelResource;
  /** Where the walked object sits inside the resource (reported paths start here). */
  at: JsonPath;
}

function walk(value: unknown, path: JsonPath, depth: number, state: WalkState): boolean {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || isUnknown(value)) return true;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      if (!walk(value[index], [...path, index], depth + 1, state)) return false;
    }
    return true;
  }
  for (const key of Object.keys(value)) {
    const childPath = [...path, key];
    const status = propertyStatus(state.type, state.apiVersion, childPath);
    if (status.status === 'unchecked') return false; // an API version or type the schemas do not have
    if (status.status === 'defined') {
      if (!walk((value as Record<string, unknown>)[key], childPath, depth + 1, state)) return false;
      continue;
    }
    const reportedPath = state.at.length === 0 ? childPath : [...state.at, ...childPath];
    const property = formatPath(reportedPath);
    if (status.status === 'later') {
      state.context.report({ path: reportedPath, messageId: 'later', data: { property, first: status.firstVersion, apiVersion: state.apiVersion } });
    } else if (status.caseOnly && status.suggestion) {
      state.context.report({ path: reportedPath, messageId: 'caseOnly', severity: 'warning', data: { property, suggestion: status.suggestion } });
    } else {
      const suggestion = status.suggestion ? ` (did you mean '${status.suggestion}'?)` : '';
      state.context.report({ path: reportedPath, messageId: 'unknown', data: { property, type: state.type, apiVersion: state.apiVersion, suggestion } });
    }
  }
  return true;
}
