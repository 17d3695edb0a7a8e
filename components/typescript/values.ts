/**
 * The statically known value of a resource's arguments, and where each part was written.
 *
 * Known: literals, object and array literals, `const` values, azure-native enum members, template
 * literals whose parts are known, spreads of known objects and arrays, `as`/`satisfies`/`!`.
 * Everything else (Outputs, calls, `config.*`, `let`, parameters, conditionals) is an `Unknown`,
 * which the rules never report on: a value we cannot know is never wrong.
 */
import { Node, SyntaxKind, type ObjectLiteralExpression, type Symbol as MorphSymbol } from 'ts-morph';
import type { JsonPath } from '../../src/model/source.js';
import { Unknown } from '../../src/model/unknown.js';
import type { ProgramImports } from './imports.js';

/** Where one argument path was written. */
export interface Written {
  /** What a finding points at: the property assignment, or the array element. */
  at: Node;
  /** The value expression as written. */
  value: Node;
  /** True when written in the resource's own `new` expression (a shared `const` is never edited by a fix). */
  own: boolean;
}

/** The object literal an argument path's value was written as (where a fix may add a property). */
export interface WrittenObject {
  node: ObjectLiteralExpression;
  own: boolean;
}

export interface ReadArguments {
  value: unknown;
  written: Map<string, Written>;
  objects: Map<string, WrittenObject>;
}

/** Deeper than this, values are unknown (hostile or generated code). */
const MAX_DEPTH = 64;

export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

export class ValueReader {
  private written = new Map<string, Written>();
  private objects = new Map<string, WrittenObject>();
  /** `const` declarations being read: a cycle (`const a = { b: a }`) is unknown. */
  private following = new Set<Node>();

  constructor(private readonly imports: ProgramImports) {}

  /** Read a resource's arguments expression (the second argument of `new X(name, args)`). */
  read(node: Node): ReadArguments {
    this.written = new Map();
    this.objects = new Map();
    const value = this.evaluate(node, [], true, 0);
    return { value, written: this.written, objects: this.objects };
  }

  private evaluate(raw: Node, path: JsonPath, own: boolean, depth: number): unknown {
    const node = unwrap(raw);
    if (depth > MAX_DEPTH) return new Unknown(snippet(node), 'nested too deeply');
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
    if (Node.isNumericLiteral(node)) return node.getLiteralValue();
    if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.MinusToken && Node.isNumericLiteral(node.getOperand())) {
      return -(node.getOperand() as unknown as { getLiteralValue(): number }).getLiteralValue();
    }
    switch (node.getKind()) {
      case SyntaxKind.TrueKeyword:
        return true;
      case SyntaxKind.FalseKeyword:
        return false;
      case SyntaxKind.NullKeyword:
        return null;
    }
    if (Node.isTemplateExpression(node)) return this.template(node, path, depth);
    if (Node.isObjectLiteralExpression(node)) return this.object(node, path, own, depth);
    if (Node.isArrayLiteralExpression(node)) return this.array(node, path, own, depth);
    if (Node.isIdentifier(node)) {
      if (node.getText() === 'undefined') return undefined;
      return this.constant(node.getSymbol(), node.getText(), path, depth);
    }
    if (Node.isPropertyAccessExpression(node)) {
      const member = this.imports.enumMember(node);
      if (member !== undefined) return member;
    }
    return new Unknown(snippet(node), 'not known before the program runs (an Output, a call, config or a computed value)');
  }

  private object(node: ObjectLiteralExpression, path: JsonPath, own: boolean, depth: number): unknown {
    const out: Record<string, unknown> = {};
    this.objects.set(pathKey(path), { node, own });
    for (const property of node.getProperties()) {
      if (Node.isSpreadAssignment(property)) {
        const spread = this.evaluate(property.getExpression(), path, own, depth + 1);
        if (spread === undefined || spread === null) continue;
        // Unknown keys could override anything: the whole object is unknown, never half-known.
        if (typeof spread !== 'object' || spread instanceof Unknown || Array.isArray(spread))
          return new Unknown(snippet(node), 'spreads a value that is not known statically');
        for (const [key, value] of Object.entries(spread)) setOwn(out, key, value);
        continue;
      }
      const key = Node.isPropertyAssignment(property) || Node.isShorthandPropertyAssignment(property) ? propertyName(property.getNameNode()) : undefined;
      if (key === undefined) return new Unknown(snippet(node), 'a computed key, method or accessor: the object is not known statically');
      const at = [...path, key];
      this.forget(at);
      if (Node.isPropertyAssignment(property)) {
        const initializer = property.getInitializerOrThrow();
        this.written.set(pathKey(at), { at: property, value: unwrap(initializer), own });
        setOwn(out, key, this.evaluate(initializer, at, own, depth + 1));
      } else {
        const shorthand = property.asKindOrThrow(SyntaxKind.ShorthandPropertyAssignment);
        this.written.set(pathKey(at), { at: property, value: property, own: false });
        setOwn(out, key, this.constant(shorthand.getValueSymbol(), shorthand.getName(), at, depth + 1));
      }
    }
    return out;
  }

  private array(node: Node, path: JsonPath, own: boolean, depth: number): unknown {
    const out: unknown[] = [];
    for (const element of node.asKindOrThrow(SyntaxKind.ArrayLiteralExpression).getElements()) {
      if (Node.isSpreadElement(element)) {
        const spread = this.evaluate(element.getExpression(), [...path, out.length], own, depth + 1);
        if (!Array.isArray(spread)) return new Unknown(snippet(node), 'spreads a value that is not known statically');
        out.push(...spread);
        continue;
      }
      if (Node.isOmittedExpression(element)) return new Unknown(snippet(node), 'an array with holes');
      const at = [...path, out.length];
      this.written.set(pathKey(at), { at: element, value: unwrap(element), own });
      out.push(this.evaluate(element, at, own, depth + 1));
    }
    return out;
  }

  private template(node: Node, path: JsonPath, depth: number): unknown {
    const template = node.asKindOrThrow(SyntaxKind.TemplateExpression);
    let text = template.getHead().getLiteralText();
    for (const span of template.getTemplateSpans()) {
      const part = this.evaluate(span.getExpression(), path, false, depth + 1);
      if (!['string', 'number', 'boolean'].includes(typeof part)) return new Unknown(snippet(node), 'a template literal with a part not known statically');
      text += String(part) + span.getLiteral().getLiteralText();
    }
    return text;
  }

  /** The value of a `const` with an initializer (read where it is declared: never edited by a fix). */
  private constant(symbol: MorphSymbol | undefined, text: string, path: JsonPath, depth: number): unknown {
    const declaration = symbol?.getDeclarations()[0];
    if (!declaration || !Node.isVariableDeclaration(declaration)) return new Unknown(text, 'not a constant');
    const initializer = declaration.getInitializer();
    if (!initializer || declaration.getVariableStatement()?.getDeclarationKind() !== 'const' || !Node.isIdentifier(declaration.getNameNode())) {
      return new Unknown(text, 'not a constant with a value');
    }
    if (this.following.has(declaration)) return new Unknown(text, 'refers to itself');
    this.following.add(declaration);
    try {
      return this.evaluate(initializer, path, false, depth + 1);
    } finally {
      this.following.delete(declaration);
    }
  }

  /** A key written again replaces what an earlier spread or property recorded below it. */
  private forget(path: JsonPath): void {
    const prefix = pathKey(path).slice(0, -1);
    for (const map of [this.written, this.objects]) {
      for (const key of map.keys()) if (key.startsWith(prefix) && (key.length === prefix.length + 1 || key[prefix.length] === ',')) map.delete(key);
    }
  }
}

/** Parentheses, `as`, `satisfies`, `!` and `<T>` change nothing about the value. */
export function unwrap(node: Node): Node {
  let current = node;
  while (
    Node.isParenthesizedExpression(current) ||
    Node.isAsExpression(current) ||
    Node.isSatisfiesExpression(current) ||
    Node.isNonNullExpression(current) ||
    Node.isTypeAssertion(current)
  ) {
    current = current.getExpression();
  }
  return current;
}

function propertyName(name: Node): string | undefined {
  if (Node.isIdentifier(name) || Node.isPrivateIdentifier(name)) return name.getText();
  if (Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name) || Node.isNumericLiteral(name)) return String(name.getLiteralValue());
  if (Node.isComputedPropertyName(name)) {
    const inner = unwrap(name.getExpression());
    if (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner)) return inner.getLiteralValue();
  }
  return undefined;
}

/** Keys such as `__proto__` stay plain data. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) {
    delete target[key];
    return;
  }
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function snippet(node: Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
