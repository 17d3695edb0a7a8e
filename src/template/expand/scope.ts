/**
 * What an expression sees: the EvalScope of a frame and its active copy loops, and the lazy,
 * cycle-safe resolution of the frame's parameters and variables.
 */
import type { EvaluationBudget } from '../expression/limits.js';
import { ExpressionError, type EvalScope, type UserFunction } from '../expression/scope.js';
import { Unknown } from '../unknown.js';
import { azureCloudEnvironment, resourceGroupObject, subscriptionObject, tenantObject } from '../environment.js';
import type { Frame } from './frame.js';
import { expandCopyArray, expandValue } from './values.js';

/** Loop indexes visible to an expression: named property/variable loops and the resource loop. */
interface Loops {
  named?: Map<string, number | Unknown>;
  resource?: number | Unknown;
}

/** The EvalScope an expression sees; cheap to create per loop iteration. */
export class ArmScope implements EvalScope {
  constructor(
    private readonly frame: Frame,
    private readonly loops: Loops = {},
  ) {}

  parameter(name: string): unknown {
    return resolveParameter(this.frame, name);
  }

  variable(name: string): unknown {
    return resolveVariable(this.frame, name);
  }

  copyIndex(loopName: string | undefined): unknown {
    if (loopName === undefined) {
      return this.loops.resource ?? new Unknown('copyIndex()', 'copyIndex() used outside a copy loop');
    }
    return this.loops.named?.get(loopName.toLowerCase()) ?? new Unknown(`copyIndex('${loopName}')`, `no copy loop named '${loopName}' is active here`);
  }

  resourceGroup(): unknown {
    return resourceGroupObject(this.frame.expansion.target);
  }

  subscription(): unknown {
    return subscriptionObject(this.frame.expansion.target);
  }

  tenant(): unknown {
    return tenantObject(this.frame.expansion.target);
  }

  managementGroup(): unknown {
    return new Unknown('managementGroup()', 'the management group is known only at deployment');
  }

  deployment(): unknown {
    return {
      name: this.frame.deploymentName,
      location: new Unknown('deployment().location', 'known only at deployment'),
      properties: {
        templateLink: new Unknown('deployment().properties.templateLink', 'the template link is known only at deployment'),
        template: { contentVersion: '1.0.0.0' },
        mode: 'Incremental',
        provisioningState: 'Accepted',
      },
    };
  }

  environment(): unknown {
    return azureCloudEnvironment();
  }

  userFunction(namespace: string, name: string): UserFunction | undefined {
    return this.frame.functions.get(`${namespace}.${name}`.toLowerCase());
  }

  isSymbolicResource(name: string): boolean {
    return this.frame.symbolicNames.has(name);
  }

  get budget(): EvaluationBudget {
    return this.frame.expansion.budget;
  }

  withLoop(name: string, index: number | Unknown): ArmScope {
    const named = new Map(this.loops.named ?? []);
    named.set(name.toLowerCase(), index);
    return new ArmScope(this.frame, { named, resource: this.loops.resource });
  }

  withResourceIndex(index: number | Unknown): ArmScope {
    return new ArmScope(this.frame, { named: this.loops.named, resource: index });
  }

  /** The same loop indexes in another frame: copyIndex() of a copied deployment stays visible in its outer-scope template. */
  rebind(frame: Frame): ArmScope {
    return new ArmScope(frame, this.loops);
  }
}

function resolveParameter(frame: Frame, name: string): unknown {
  const key = name.toLowerCase();
  const slot = frame.parameters.get(key);
  if (!slot) throw new ExpressionError(`parameter '${name}' is not declared`);
  const reads = frame.expansion.reads;
  // Only the root template's parameters can be varied.
  const root = frame.depth === 0;
  if (root && reads.collecting) {
    reads.add([key]);
    // A default that reads other parameters depends on them too.
    if (slot.reads) reads.add(slot.reads);
  }
  if (slot.state === 'done') return slot.value;
  if (slot.state === 'evaluating') return new Unknown(`parameters('${name}')`, 'the default value refers to itself');
  slot.state = 'evaluating';
  let value: unknown;
  const type = typeof slot.declaration.type === 'string' ? slot.declaration.type.toLowerCase() : '';
  const overrides = frame.expansion.overrides;
  if (root && overrides?.has(key)) value = overrides.get(key);
  else if (type === 'securestring' || type === 'secureobject') value = new Unknown(`parameters('${name}')`, 'secure parameters are never read');
  else if (slot.provided) value = slot.providedValue;
  else if ('defaultValue' in slot.declaration) {
    reads.begin();
    value = expandValue(frame, slot.declaration.defaultValue, [...slot.templatePath, 'parameters', slot.name, 'defaultValue'], new ArmScope(frame), 0);
    if (reads.enabled) {
      slot.reads = reads.end();
      if (root) reads.add(slot.reads);
    }
  } else value = new Unknown(`parameters('${name}')`, `parameter '${slot.name}' has no value (no default and no parameters file)`);
  slot.value = value;
  slot.state = 'done';
  return value;
}

function resolveVariable(frame: Frame, name: string): unknown {
  const slot = frame.variables.get(name);
  if (!slot) throw new ExpressionError(`variable '${name}' is not declared`);
  const reads = frame.expansion.reads;
  if (slot.state === 'done') {
    if (slot.reads) reads.add(slot.reads);
    return slot.value;
  }
  if (slot.state === 'evaluating') return new Unknown(`variables('${name}')`, 'the variable refers to itself');
  slot.state = 'evaluating';
  const scope = new ArmScope(frame);
  // A variable is evaluated once: remember what it read, for every later use.
  reads.begin();
  slot.value = reads.outsideBody(() =>
    slot.copy ? expandCopyArray(frame, slot.copy, slot.path, scope, 0) : expandValue(frame, slot.raw, slot.path, scope, 0),
  );
  if (reads.enabled) {
    slot.reads = reads.end();
    reads.add(slot.reads);
  }
  slot.state = 'done';
  return slot.value;
}
