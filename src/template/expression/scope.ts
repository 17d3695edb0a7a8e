import type { EvaluationBudget } from './limits.js';

/**
 * What an ARM expression can see. The expander implements this per deployment scope; the
 * evaluator never reads files or the network.
 */
export interface EvalScope {
  /** Value of `parameters(name)`; an `Unknown` when the parameter has no value. Throws `ExpressionError` if not declared. */
  parameter(name: string): unknown;
  /** Value of `variables(name)`. Throws `ExpressionError` if not declared. */
  variable(name: string): unknown;
  /** `copyIndex(loopName?)` without offset; an `Unknown` outside a loop or for an unknown loop. */
  copyIndex(loopName: string | undefined): unknown;
  /** `resourceGroup()`, `subscription()`, `tenant()`, `managementGroup()`, `deployment()`, `environment()` objects; fields may be `Unknown`. */
  resourceGroup(): unknown;
  subscription(): unknown;
  tenant(): unknown;
  managementGroup(): unknown;
  deployment(): unknown;
  environment(): unknown;
  /**
   * A user-defined function from the template's `functions` section (`namespace.name(...)`);
   * `undefined` when none is declared with that name (the evaluator then returns Unknown).
   */
  userFunction?(namespace: string, name: string): UserFunction | undefined;
  /** Names of resources declared by symbolic name (languageVersion 2.0), for `reference('sym')`. */
  isSymbolicResource?(name: string): boolean;
  /** The work budget shared by every expression of the template; without one, each evaluation has its own. */
  readonly budget?: EvaluationBudget;
}

/** A user-defined template function: parameters (by name) and the output expression/value. */
export interface UserFunction {
  parameterNames: string[];
  /** The `output.value` as written (usually an expression string). */
  output: unknown;
}

/** A syntax or semantic error in an expression (unknown function, wrong arity, bad types). */
export class ExpressionError extends Error {
  constructor(
    message: string,
    /** Character offset inside the expression text, when known. */
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}
