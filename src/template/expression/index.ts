/** The ARM template expression language: `"[concat(parameters('a'), 'b')]"`. */
import type { ExpressionAst } from './ast.js';
import { evaluateAst, evaluateTemplateString } from './evaluator.js';
import { isExpressionText } from './text.js';
import type { EvalScope } from './scope.js';

export type { ExpressionAst } from './ast.js';
export { printAst } from './ast.js';
export { parseExpression, tokenize } from './parser.js';
export { evaluateAst, FUNCTION_NAMES } from './evaluator.js';
export { ExpressionError, type EvalScope, type UserFunction } from './scope.js';

/** True for `"[...]"` strings that are expressions (not `"[[...]"` escapes). */
export function isExpression(text: string): boolean {
  return isExpressionText(text);
}

/**
 * The value of a string of a template: expressions evaluated, `[[` escapes unescaped, other
 * strings as they are. Throws ExpressionError only for syntax errors and undeclared names.
 */
export function evaluateString(text: string, scope: EvalScope): unknown {
  return evaluateTemplateString(text, scope);
}

export function evaluateExpression(ast: ExpressionAst, scope: EvalScope): unknown {
  return evaluateAst(ast, scope);
}
