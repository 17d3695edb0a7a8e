/** Check arguments now when they are known, or in an apply when they are Outputs (then the preview or update fails). */
import * as pulumi from '@pulumi/pulumi';
import { enforce, type Violation } from './errors.js';

/** True when the value holds no Output and no Promise at any depth: it can be checked at construction. */
export function isKnownNow(value: unknown, depth = 0): boolean {
  if (value === null || value === undefined) return true;
  if (pulumi.Output.isInstance(value)) return false;
  if (typeof value !== 'object') return true;
  if (typeof (value as { then?: unknown }).then === 'function') return false;
  if (depth > 32) return false;
  if (Array.isArray(value)) return value.every((item) => isKnownNow(item, depth + 1));
  if (pulumi.Resource.isInstance(value)) return false;
  return Object.values(value as Record<string, unknown>).every((item) => isKnownNow(item, depth + 1));
}

export interface Planned<P> {
  /** The plan when the arguments were known at construction (already enforced). */
  now: P | undefined;
  /** The plan, enforced in an apply when the arguments were Outputs. */
  later: pulumi.Output<P>;
}

/**
 * Run `plan` on the resolved arguments and enforce its violations: at construction when every
 * argument is known (the constructor throws), otherwise in an apply (the apply throws, which fails
 * `pulumi preview` when the values are known then, and `pulumi up` otherwise). Violations whose
 * requirement id is in `allow` are logged with pulumi.log.warn on `resource` instead.
 */
export function planNowOrLater<T, P extends { violations: Violation[] }>(
  component: string,
  resource: pulumi.Resource,
  input: pulumi.Input<T>,
  plan: (value: pulumi.Unwrap<T>) => P,
  allow: readonly string[] | undefined,
): Planned<P> {
  const warn = (message: string) => void pulumi.log.warn(message, resource);
  if (isKnownNow(input)) {
    const planned = plan(input as pulumi.Unwrap<T>);
    enforce(component, planned.violations, allow, warn);
    return { now: planned, later: pulumi.output(planned as unknown) as pulumi.Output<P> };
  }
  const later = pulumi.output(input).apply((value) => {
    const planned = plan(value as pulumi.Unwrap<T>);
    enforce(component, planned.violations, allow, warn);
    return planned;
  });
  return { now: undefined, later: later as unknown as pulumi.Output<P> };
}
