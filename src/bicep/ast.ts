/**
 * The Bicep syntax tree. Every node carries its source span (0-based offsets into the text), so
 * the lowering can say where each emitted ARM property came from.
 */
import type { CommentSpan } from '../template/json.js';

export interface Span {
  start: number;
  end: number;
}

export type Expression =
  | StringLiteral
  | Interpolation
  | NumberLiteral
  | BooleanOrNull
  | Reference
  | Parenthesized
  | NonNull
  | Member
  | IndexAccess
  | NestedResourceAccess
  | Unary
  | Binary
  | Ternary
  | Call
  | ObjectLiteral
  | ArrayLiteral
  | ForExpression
  | Lambda;

export interface StringLiteral extends Span {
  kind: 'string';
  value: string;
}
export interface Interpolation extends Span {
  kind: 'interpolation';
  segments: string[];
  expressions: Expression[];
}
export interface NumberLiteral extends Span {
  kind: 'number';
  value: number;
}
export interface BooleanOrNull extends Span {
  kind: 'literal';
  value: boolean | null;
}
export interface Reference extends Span {
  kind: 'ref';
  name: string;
}
export interface Parenthesized extends Span {
  kind: 'paren';
  inner: Expression;
}
export interface NonNull extends Span {
  kind: 'nonNull';
  target: Expression;
}
export interface Member extends Span {
  kind: 'member';
  target: Expression;
  name: string;
  safe: boolean;
}
export interface IndexAccess extends Span {
  kind: 'index';
  target: Expression;
  index: Expression;
  safe: boolean;
  fromEnd: boolean;
}
export interface NestedResourceAccess extends Span {
  kind: 'nested';
  target: Expression;
  name: string;
}
export interface Unary extends Span {
  kind: 'unary';
  op: '!' | '-' | '+';
  operand: Expression;
}
export interface Binary extends Span {
  kind: 'binary';
  op: string;
  left: Expression;
  right: Expression;
}
export interface Ternary extends Span {
  kind: 'ternary';
  condition: Expression;
  whenTrue: Expression;
  whenFalse: Expression;
}
/** `f(x)`, `sys.f(x)` or an instance function `res.listKeys()` (`target` set). */
export interface Call extends Span {
  kind: 'call';
  name: string;
  target?: Expression;
  args: Expression[];
}
export interface ObjectLiteral extends Span {
  kind: 'object';
  properties: ObjectItem[];
}
export interface ArrayLiteral extends Span {
  kind: 'array';
  items: ArrayItem[];
}
export interface ForExpression extends Span {
  kind: 'for';
  item?: string;
  index?: string;
  source: Expression;
  body: Expression | IfBody;
}
export interface Lambda extends Span {
  kind: 'lambda';
  parameters: string[];
  body: Expression;
}

export interface Property extends Span {
  kind: 'property';
  key: string | Expression;
  keySpan: Span;
  value: Expression;
}
export interface Spread extends Span {
  kind: 'spread';
  value: Expression;
}
export type ObjectItem = Property | Spread | ResourceDeclaration;
export type ArrayItem = Expression | Spread;

/** `if (condition) { … }` as a resource or module body, alone or inside a loop. */
export interface IfBody extends Span {
  kind: 'if';
  condition: Expression;
  body: ObjectLiteral;
}
export type DeclarationBody = ObjectLiteral | IfBody | ForExpression;

/** Types are parsed to be skipped; only what the lowering needs is kept. */
export interface TypeExpression extends Span {
  kind: 'type';
  /** The type's name when it is a plain name (`string`, `object`, `myType`). */ name?: string;
  nullable: boolean;
}

export interface Decorator extends Span {
  name: string;
  args: Expression[];
}

interface DeclarationBase extends Span {
  decorators: Decorator[];
  name: string;
  nameSpan: Span;
}

export interface ParameterDeclaration extends DeclarationBase {
  kind: 'param';
  type?: TypeExpression;
  value?: Expression;
}
export interface VariableDeclaration extends DeclarationBase {
  kind: 'var';
  value: Expression;
}
export interface ResourceDeclaration extends DeclarationBase {
  kind: 'resource';
  type: StringLiteral | Interpolation;
  existing: boolean;
  body: DeclarationBody;
}
export interface ModuleDeclaration extends DeclarationBase {
  kind: 'module';
  path: StringLiteral | Interpolation;
  body: DeclarationBody;
}
export interface OutputDeclaration extends DeclarationBase {
  kind: 'output';
  value: Expression;
}
export interface FunctionDeclaration extends DeclarationBase {
  kind: 'func';
  parameters: string[];
  body: Expression;
}
export interface ImportDeclaration extends Span {
  kind: 'import';
  decorators: Decorator[];
  symbols: Array<{ name: string; alias?: string }>;
  wildcard?: string;
  from?: string;
}
export interface UsingDeclaration extends Span {
  kind: 'using';
  decorators: Decorator[];
  path?: string;
}
/** Declarations that do not change what is deployed: `type`, `metadata`, `targetScope`, `extension`, `extends`, `test`, `assert`. */
export interface OtherDeclaration extends Span {
  kind: 'other';
  keyword: string;
  decorators: Decorator[];
  name?: string;
  value?: Expression;
}

export type Statement =
  | ParameterDeclaration
  | VariableDeclaration
  | ResourceDeclaration
  | ModuleDeclaration
  | OutputDeclaration
  | FunctionDeclaration
  | ImportDeclaration
  | UsingDeclaration
  | OtherDeclaration;

export interface SyntaxError {
  message: string;
  offset: number;
}

/** A `// patchwise-disable-next-line rule-id [rule-id…] reason` comment. */

export interface BicepFile {
  statements: Statement[];
  errors: SyntaxError[];
  /** Where the comments are (suppression comments are read from them: engine/directives.ts). */
  comments: CommentSpan[];
}
