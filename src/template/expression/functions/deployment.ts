/** Deployment, scope and resource-id functions, and the ones that are only known at deployment. */
import { Unknown, isUnknown } from '../../unknown.js';
import { fail, getProperty, int, isPlainObject, str, unknownOf, type EvalContext, type FunctionImpl } from '../runtime.js';

function scoped(call: (context: EvalContext) => unknown): FunctionImpl {
  return { min: 0, max: 0, call: (_args, context) => call(context) };
}

function unknownFunction(min: number, max: number, reason: string): FunctionImpl {
  return { min, max, acceptsUnknown: true, call: (_args, context) => unknownOf(context, reason) };
}

function field(context: EvalContext, source: unknown, name: string): string | Unknown {
  if (isUnknown(source)) return source;
  if (!isPlainObject(source)) return unknownOf(context, `${name} is not known`);
  const value = getProperty(source, name).value;
  return typeof value === 'string' || isUnknown(value) ? value : unknownOf(context, `${name} is not known`);
}

/** `type` segments and `name` segments interleaved: ns/type1/name1/type2/name2. */
function typeAndNames(args: unknown[], name: string): string {
  const type = str(args[0], name);
  const names = args.slice(1).map((arg) => str(arg, name));
  const types = type.split('/');
  if (types.length < 2) fail(`${name}: '${type}' is not a resource type`);
  const namespace = types[0];
  const segments = types.slice(1);
  if (names.length !== segments.length) fail(`${name}: ${segments.length} name segment(s) expected for '${type}', got ${names.length}`);
  return `${namespace}/${segments.map((segment, index) => `${segment}/${names[index]}`).join('/')}`;
}

const GUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function resourceId(args: unknown[], context: EvalContext): unknown {
  // Optional leading subscriptionId and resourceGroupName: the type is the first argument with a '/'.
  const typeIndex = args.findIndex((arg) => typeof arg === 'string' && arg.includes('/'));
  if (typeIndex < 0) fail('resourceId: no resource type argument');
  let subscriptionId: unknown = field(context, context.scope.subscription(), 'subscriptionId');
  let resourceGroup: unknown = field(context, context.scope.resourceGroup(), 'name');
  if (typeIndex === 2) {
    subscriptionId = args[0];
    resourceGroup = args[1];
  } else if (typeIndex === 1) {
    if (typeof args[0] === 'string' && GUID_LIKE.test(args[0]) && args.length - 1 === 0) subscriptionId = args[0];
    else resourceGroup = args[0];
  }
  if (isUnknown(subscriptionId)) return subscriptionId;
  if (isUnknown(resourceGroup)) return resourceGroup;
  return `/subscriptions/${str(subscriptionId, 'resourceId')}/resourceGroups/${str(resourceGroup, 'resourceId')}/providers/${typeAndNames(args.slice(typeIndex), 'resourceId')}`;
}

export const DEPLOYMENT_FUNCTIONS: Record<string, FunctionImpl> = {
  resourcegroup: scoped((context) => context.scope.resourceGroup()),
  subscription: scoped((context) => context.scope.subscription()),
  tenant: scoped((context) => context.scope.tenant()),
  managementgroup: { min: 0, max: 1, call: (_args, context) => context.scope.managementGroup() },
  deployment: scoped((context) => context.scope.deployment()),
  environment: scoped((context) => context.scope.environment()),
  copyindex: {
    min: 0,
    max: 2,
    call(args, context) {
      let loop: string | undefined;
      let offset = 0;
      if (args.length === 1) {
        if (typeof args[0] === 'string') loop = args[0];
        else offset = int(args[0], 'copyIndex');
      } else if (args.length === 2) {
        loop = str(args[0], 'copyIndex');
        offset = int(args[1], 'copyIndex');
      }
      const index = context.scope.copyIndex(loop);
      if (isUnknown(index)) return index;
      return int(index, 'copyIndex') + offset;
    },
  },
  resourceid: { min: 2, max: 16, call: resourceId },
  subscriptionresourceid: {
    min: 2,
    max: 16,
    call(args, context) {
      const typeIndex = args.findIndex((arg) => typeof arg === 'string' && arg.includes('/'));
      if (typeIndex < 0) fail('subscriptionResourceId: no resource type argument');
      const subscriptionId = typeIndex === 1 ? args[0] : field(context, context.scope.subscription(), 'subscriptionId');
      if (isUnknown(subscriptionId)) return subscriptionId;
      return `/subscriptions/${str(subscriptionId, 'subscriptionResourceId')}/providers/${typeAndNames(args.slice(typeIndex), 'subscriptionResourceId')}`;
    },
  },
  tenantresourceid: { min: 2, max: 16, call: (args) => `/providers/${typeAndNames(args, 'tenantResourceId')}` },
  managementgroupresourceid: {
    min: 2,
    max: 16,
    call(args, context) {
      const typeIndex = args.findIndex((arg) => typeof arg === 'string' && arg.includes('/'));
      if (typeIndex !== 1) return unknownOf(context, 'the management group is known only at deployment');
      return `/providers/Microsoft.Management/managementGroups/${str(args[0], 'managementGroupResourceId')}/providers/${typeAndNames(args.slice(1), 'managementGroupResourceId')}`;
    },
  },
  extensionresourceid: {
    min: 3,
    max: 16,
    call: (args) => `${str(args[0], 'extensionResourceId')}/providers/${typeAndNames(args.slice(1), 'extensionResourceId')}`,
  },
  reference: unknownFunction(1, 3, 'reference() reads runtime state of a resource'),
  resourceinfo: unknownFunction(1, 1, 'resourceInfo() is resolved at deployment'),
  providers: unknownFunction(1, 2, 'providers() reads the resource provider registry'),
  pickzones: unknownFunction(3, 5, 'pickZones() depends on the region and subscription'),
  newguid: unknownFunction(0, 0, 'newGuid() differs on every deployment'),
  utcnow: unknownFunction(0, 1, 'utcNow() is the deployment time'),
  datetimeadd: {
    min: 2,
    max: 3,
    call: (_args, context) => unknownOf(context, 'date arithmetic is evaluated at deployment'),
  },
  datetimefromepoch: unknownFunction(1, 1, 'date conversion is evaluated at deployment'),
  datetimetoepoch: unknownFunction(1, 1, 'date conversion is evaluated at deployment'),
  externalinputs: unknownFunction(1, 1, 'external inputs are resolved at deployment'),
  getsecret: unknownFunction(1, 2, 'Key Vault secrets are never read'),
};
