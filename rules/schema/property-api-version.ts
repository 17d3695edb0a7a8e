import { isDeploymentKey, versionView, type PathProgress, type PropertyStatus, type VersionView } from '../../src/catalog/api-versions.js';
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
    // An inline scale-set extension: the scale set's schema leaves its properties open (they live in
    // another schema file), so it is checked as a scale-set extension resource of the same API version.
    const inline = target.kind === 'extension' && target.base.length > 0;
    const checkedType = inline ? SCALE_SET_EXTENSION_TYPE : type;
    const view = versionView(checkedType, apiVersion);
    if (!view) return; // an API version or type the schemas do not have
    walk(inline ? valueAt(body, target.base) : body, [], START, 0, { type: checkedType, apiVersion, view, context, target, at: inline ? target.base : [] });
  },
});

const SCALE_SET_EXTENSION_TYPE = 'Microsoft.Compute/virtualMachineScaleSets/extensions';

interface WalkState {
  type: string;
  apiVersion: string;
  view: VersionView;
  context: RuleContext;
  target: ModelResource;
  /** Where the walked object sits inside the resource (reported paths start here). */
  at: JsonPath;
}

const START: PathProgress = { step: '' };

/**
 * `path` is extended and restored in place (copied only for a report). A subtree whose progress
 * is decided as defined holds nothing to report and is not walked.
 */
function walk(value: unknown, path: Array<string | number>, progress: PathProgress, depth: number, state: WalkState): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || isUnknown(value)) return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const next = state.view.next(progress, index, path.length);
      if (!('step' in next) && next.status === 'defined') continue;
      path.push(index);
      walk(value[index], path, next, depth + 1, state);
      path.pop();
    }
    return;
  }
  for (const key of Object.keys(value)) {
    const next = state.view.next(progress, key, path.length);
    // ARM's own declaration keys are accepted at the top level; what is under them is checked.
    const status = 'step' in next || (path.length === 0 && isDeploymentKey(key)) ? undefined : next;
    path.push(key);
    if (!status || status.status === 'defined') {
      if ('step' in next || next.status !== 'defined') walk((value as Record<string, unknown>)[key], path, next, depth + 1, state);
    } else if (status.status !== 'unchecked') report(status, path, state);
    path.pop();
  }
}

function report(status: Exclude<PropertyStatus, { status: 'defined' | 'unchecked' }>, path: JsonPath, state: WalkState): void {
  const reportedPath = [...state.at, ...path];
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
