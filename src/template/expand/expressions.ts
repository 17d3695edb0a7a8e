/** One template expression evaluated in place: its value, or an Unknown and a diagnostic. */
import { evaluateString } from '../expression/index.js';
import { EvaluationLimitError, unfoldedSize } from '../expression/limits.js';
import { ExpressionError } from '../expression/scope.js';
import type { JsonPath } from '../json.js';
import { Unknown, isUnknown } from '../unknown.js';
import { abbreviate, budgetSpent, reportEvaluationLimit } from './diagnostics.js';
import type { Frame } from './frame.js';
import type { ArmScope } from './scope.js';

export function evaluate(frame: Frame, text: string, path: JsonPath, scope: ArmScope): unknown {
  const reads = frame.expansion.reads;
  if (!reads.inBody) return evaluateExpression(frame, text, path, scope);
  reads.begin();
  try {
    return evaluateExpression(frame, text, path, scope);
  } finally {
    const read = reads.end();
    reads.add(read);
    if (read.size > 0) reads.recordInBody(path, read);
  }
}

function evaluateExpression(frame: Frame, text: string, path: JsonPath, scope: ArmScope): unknown {
  try {
    const value = evaluateString(text, scope);
    // A value placed in the template is paid for unfolded: copies of a shared value add up.
    if (value !== null && typeof value === 'object' && !isUnknown(value) && !frame.expansion.budget.tryCharge(unfoldedSize(value)))
      return budgetSpent(frame, path);
    return value;
  } catch (error) {
    if (error instanceof EvaluationLimitError) {
      reportEvaluationLimit(frame, path, `${error.message}: ${abbreviate(text)} is not evaluated`);
      return new Unknown(text, error.message);
    }
    if (error instanceof ExpressionError) {
      frame.expansion.diagnostics.push({
        code: 'invalid-expression',
        message: `${error.message} in ${abbreviate(text)}`,
        document: frame.document,
        path: path.slice(),
      });
      return new Unknown(text, error.message);
    }
    if (error instanceof RangeError) {
      frame.expansion.diagnostics.push({
        code: 'expansion-limit',
        message: `expression too complex to evaluate: ${abbreviate(text)}`,
        document: frame.document,
        path: path.slice(),
      });
      return new Unknown(text, 'expression too complex to evaluate');
    }
    throw error;
  }
}
