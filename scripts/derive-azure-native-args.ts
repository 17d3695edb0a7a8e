/**
 * Derive the argument names and shapes of the azure-native resources `patchwise convert` writes
 * (components/convert/azure-native-types.ts), and of every input type they reach, from the
 * `.d.ts` files of the installed @pulumi/azure-native. Writes
 * components/convert/generated/azure-native-args.ts (committed), so generated programs use
 * azure-native's spelling and types rather than the ARM ones.
 *
 *   npx tsx scripts/derive-azure-native-args.ts [--check]
 *
 * --check compares with the committed file and exits 1 when it is out of date.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { AZURE_NATIVE_TYPES } from '../components/convert/azure-native-types.js';
import type { ArgTable, ArgType } from '../components/convert/generated/azure-native-args-types.js';
import { writeGenerated } from './generated-file.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED_FILE = join(repoRoot, 'components', 'convert', 'generated', 'azure-native-args.ts');
const PACKAGE = join(repoRoot, 'node_modules', '@pulumi', 'azure-native');

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
}

/** `export declare namespace compute { interface XArgs {…} }` → `compute.XArgs` → declaration. */
function inputInterfaces(file: ts.SourceFile): Map<string, ts.InterfaceDeclaration> {
  const out = new Map<string, ts.InterfaceDeclaration>();
  const visit = (statements: readonly ts.Statement[], prefix: string) => {
    for (const statement of statements) {
      if (ts.isModuleDeclaration(statement) && statement.body && ts.isModuleBlock(statement.body))
        visit(statement.body.statements, `${prefix}${statement.name.getText(file)}.`);
      else if (ts.isInterfaceDeclaration(statement)) out.set(`${prefix}${statement.name.text}`, statement);
    }
  };
  visit(file.statements, '');
  return out;
}

const enumFiles = new Map<string, ts.SourceFile | undefined>();

/** `export declare const X: { readonly A: "a"; … }` in types/enums/<module>/index.d.ts → values. */
function enumValues(module: string, name: string): string[] {
  const path = join(PACKAGE, 'types', 'enums', ...module.split('.'), 'index.d.ts');
  if (!enumFiles.has(path)) enumFiles.set(path, existsSync(path) ? parse(path) : undefined);
  const file = enumFiles.get(path);
  if (!file) return [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== name || !declaration.type || !ts.isTypeLiteralNode(declaration.type)) continue;
      return declaration.type.members.flatMap((member) =>
        ts.isPropertySignature(member) && member.type && ts.isLiteralTypeNode(member.type) && ts.isStringLiteral(member.type.literal)
          ? [member.type.literal.text]
          : [],
      );
    }
  }
  return [];
}

class Deriver {
  readonly table: ArgTable;
  private readonly inputs: Map<string, ts.InterfaceDeclaration>;
  private readonly inputFile: ts.SourceFile;
  private readonly pending: string[] = [];

  constructor(version: string) {
    this.inputFile = parse(join(PACKAGE, 'types', 'input.d.ts'));
    this.inputs = inputInterfaces(this.inputFile);
    this.table = { source: `azure-native ${version}`, types: {}, outputs: {}, enums: {} };
  }

  resource(module: string, className: string): void {
    const fileName = `${className[0].toLowerCase()}${className.slice(1)}.d.ts`;
    const file = parse(join(PACKAGE, module, fileName));
    const args = file.statements.find(
      (statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === `${className}Args`,
    );
    if (!args) throw new Error(`${module}/${fileName}: no ${className}Args`);
    this.table.types[`${module}:${className}`] = this.members(args, file);
    const declaration = file.statements.find(
      (statement): statement is ts.ClassDeclaration => ts.isClassDeclaration(statement) && statement.name?.text === className,
    );
    // `readonly x: pulumi.Output<…>`: what `reference()` of the resource can read.
    const classMembers: readonly ts.ClassElement[] = declaration?.members ?? [];
    this.table.outputs[`${module}:${className}`] = classMembers
      .filter(
        (member): member is ts.PropertyDeclaration =>
          ts.isPropertyDeclaration(member) && !member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword),
      )
      .map((member) => member.name.getText(file))
      .sort();
    this.drain();
  }

  private drain(): void {
    while (this.pending.length > 0) {
      const name = this.pending.pop()!;
      if (this.table.types[name]) continue;
      const declaration = this.inputs.get(name);
      this.table.types[name] = declaration ? this.members(declaration, this.inputFile) : {};
    }
  }

  private members(declaration: ts.InterfaceDeclaration, file: ts.SourceFile): Record<string, ArgType> {
    const out: Record<string, ArgType> = {};
    for (const member of declaration.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      out[member.name.getText(file)] = this.describe(member.type, file);
    }
    return out;
  }

  /** A property's type node → its descriptor (see azure-native-args-types.ts). */
  private describe(node: ts.TypeNode, file: ts.SourceFile): ArgType {
    if (ts.isParenthesizedTypeNode(node)) return this.describe(node.type, file);
    if (ts.isArrayTypeNode(node)) {
      const item = this.describe(node.elementType, file);
      return item === 'a' ? 'a' : `${item}[]`;
    }
    if (ts.isUnionTypeNode(node)) {
      const kinds = [
        ...new Set(
          node.types
            .filter((type) => type.kind !== ts.SyntaxKind.UndefinedKeyword && !(ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword))
            .map((type) => this.describe(type, file)),
        ),
      ];
      // `string | enums.x.Y`: any string goes (the enum lists the known values).
      if (kinds.includes('s') && kinds.every((kind) => kind === 's' || kind.startsWith('e:'))) return 's';
      return kinds.length === 1 ? kinds[0] : 'a';
    }
    if (ts.isTypeLiteralNode(node)) return node.members.some((member) => ts.isIndexSignatureDeclaration(member)) ? 'm' : 'a';
    if (ts.isLiteralTypeNode(node))
      return ts.isStringLiteral(node.literal)
        ? 's'
        : node.literal.kind === ts.SyntaxKind.TrueKeyword || node.literal.kind === ts.SyntaxKind.FalseKeyword
          ? 'b'
          : ts.isNumericLiteral(node.literal)
            ? 'n'
            : 'a';
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return 's';
      case ts.SyntaxKind.NumberKeyword:
        return 'n';
      case ts.SyntaxKind.BooleanKeyword:
        return 'b';
    }
    if (!ts.isTypeReferenceNode(node)) return 'a';
    const name = node.typeName.getText(file);
    if (name === 'pulumi.Input' && node.typeArguments?.length === 1) return this.describe(node.typeArguments[0], file);
    if (name.startsWith('inputs.')) {
      const target = name.slice('inputs.'.length);
      this.pending.push(target);
      return `o:${target}`;
    }
    if (name.startsWith('enums.')) {
      const target = name.slice('enums.'.length);
      if (!this.table.enums[target]) {
        const cut = target.lastIndexOf('.');
        this.table.enums[target] = enumValues(target.slice(0, cut), target.slice(cut + 1));
      }
      return `e:${target}`;
    }
    return 'a';
  }
}

export function derive(): ArgTable {
  const version = (JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { version: string }).version;
  const deriver = new Deriver(version);
  for (const type of Object.values(AZURE_NATIVE_TYPES)) deriver.resource(type.module, type.className);
  const sorted = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const { source, types, outputs, enums } = deriver.table;
  // Only the strict enums (`string | enums.x.Y` is a plain string).
  const strict = new Set(
    Object.values(types).flatMap((members) =>
      Object.values(members)
        .filter((type) => type.startsWith('e:'))
        .map((type) => type.slice(2).replace(/\[\]$/, '')),
    ),
  );
  const used = Object.fromEntries(Object.entries(enums).filter(([name]) => strict.has(name)));
  return { source, types: sorted(types) as ArgTable['types'], outputs: sorted(outputs) as ArgTable['outputs'], enums: sorted(used) as ArgTable['enums'] };
}

export function render(table: ArgTable): string {
  return `// Generated by scripts/derive-azure-native-args.ts from the .d.ts files of ${table.source}; do not edit.
import type { ArgTable } from './azure-native-args-types.js';

// A JSON string parses faster than the same data as an object literal.
const table: ArgTable = JSON.parse(${JSON.stringify(JSON.stringify(table))});

export default table;
`;
}

function main(): void {
  writeGenerated(GENERATED_FILE, render(derive()), {
    check: process.argv.includes('--check'),
    script: 'derive-azure-native-args',
    command: 'npm run derive:azure-native-args',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
