/**
 * What the identifiers of a Pulumi program stand for: the azure-native modules, resources and
 * enums and the patchwise components it imports, in any import form (namespace, named, aliased,
 * default, `import x = require()`, `const x = require()`), from the package root, a module
 * (`/compute`, `/compute/index.js`), a versioned module (`/compute/v20240701`) or `types/enums`.
 */
import { Node, type Expression, type SourceFile } from 'ts-morph';

export const COMPONENT_NAMES = [
  'PatchedVirtualMachine',
  'AutoUpgradingScaleSet',
  'PatchedFlexibleScaleSet',
  'AutoUpgradedExtension',
  'AutoUpgradedScaleSetExtension',
  'PatchSchedule',
] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

/** What `new X(…)` constructs. */
export type Constructed = { kind: 'resource'; token: string } | { kind: 'component'; name: ComponentName };

/** A local name bound to a path inside azure-native (`[]` root, `['compute']`, `['compute', 'VirtualMachine']`) or patchwise/pulumi. */
interface Binding {
  package: 'azure-native' | 'patchwise';
  path: string[];
}

const AZURE_NATIVE = /^@pulumi\/azure-native(?:\/types\/enums)?((?:\/[a-z0-9]+)?(?:\/v\d{8}(?:preview)?)?)(?:\/index(?:\.js)?)?$/;
/** patchwise/pulumi, or the components folder itself by a relative path (this repository's examples). */
const PATCHWISE = /^(?:patchwise\/pulumi|(?:\.{1,2}\/)+(?:[\w.-]+\/)*components\/pulumi(?:\/index(?:\.js)?)?)$/;
const API_VERSION = /^v\d{8}(?:preview)?$/;

export class ProgramImports {
  private readonly bindings = new Map<string, Binding>();

  constructor(sourceFile: SourceFile) {
    for (const declaration of sourceFile.getImportDeclarations()) {
      const base = bindingOf(declaration.getModuleSpecifierValue());
      if (!base) continue;
      const namespace = declaration.getNamespaceImport() ?? declaration.getDefaultImport();
      if (namespace) this.bindings.set(namespace.getText(), base);
      for (const named of declaration.getNamedImports()) {
        this.bindings.set((named.getAliasNode() ?? named.getNameNode()).getText(), { ...base, path: [...base.path, named.getName()] });
      }
    }
    for (const declaration of sourceFile.getStatements().filter(Node.isImportEqualsDeclaration)) {
      const reference = declaration.getModuleReference();
      if (!Node.isExternalModuleReference(reference)) continue;
      const specifier = reference.getExpression();
      const base = specifier && Node.isStringLiteral(specifier) ? bindingOf(specifier.getLiteralValue()) : undefined;
      if (base) this.bindings.set(declaration.getName(), base);
    }
    for (const statement of sourceFile.getVariableStatements()) {
      for (const declaration of statement.getDeclarations()) {
        const base = requiredModule(declaration.getInitializer());
        if (!base) continue;
        const name = declaration.getNameNode();
        if (Node.isIdentifier(name)) this.bindings.set(name.getText(), base);
        else if (Node.isObjectBindingPattern(name)) {
          for (const element of name.getElements()) {
            const imported = element.getPropertyNameNode()?.getText() ?? element.getName();
            this.bindings.set(element.getName(), { ...base, path: [...base.path, imported] });
          }
        }
      }
    }
  }

  /** True when the file imports nothing this reader understands. */
  get isEmpty(): boolean {
    return this.bindings.size === 0;
  }

  /** The resource or component `new <expression>(…)` constructs, when it is one we read. */
  constructed(expression: Expression): Constructed | undefined {
    const resolved = this.resolve(expression);
    if (!resolved) return undefined;
    if (resolved.package === 'patchwise') {
      const name = resolved.path.length === 1 ? resolved.path[0] : undefined;
      return name && (COMPONENT_NAMES as readonly string[]).includes(name) ? { kind: 'component', name: name as ComponentName } : undefined;
    }
    const { module, version, rest } = splitModule(resolved.path);
    return module && rest.length === 1 ? { kind: 'resource', token: `azure-native:${module}${version ? `/${version}` : ''}:${rest[0]}` } : undefined;
  }

  /** `compute.WindowsVMGuestPatchMode.AutomaticByPlatform` → `AutomaticByPlatform` (azure-native enum members are named after their values). */
  enumMember(expression: Expression): string | undefined {
    const resolved = this.resolve(expression);
    if (!resolved || resolved.package !== 'azure-native') return undefined;
    const { module, rest } = splitModule(resolved.path);
    return module && rest.length === 2 && /^[A-Z]/.test(rest[0]) ? rest[1] : undefined;
  }

  /** `a.b.c` whose root `a` is an imported binding → the binding's path extended by `b`, `c`. */
  private resolve(expression: Expression): Binding | undefined {
    const names: string[] = [];
    let current: Node = expression;
    while (Node.isPropertyAccessExpression(current)) {
      names.unshift(current.getName());
      current = current.getExpression();
    }
    if (!Node.isIdentifier(current)) return undefined;
    const binding = this.bindings.get(current.getText());
    return binding ? { package: binding.package, path: [...binding.path, ...names] } : undefined;
  }
}

function bindingOf(specifier: string): Binding | undefined {
  const azure = AZURE_NATIVE.exec(specifier);
  if (azure) return { package: 'azure-native', path: azure[1].split('/').filter(Boolean) };
  if (PATCHWISE.test(specifier)) return { package: 'patchwise', path: [] };
  return undefined;
}

/** `require('@pulumi/azure-native/compute')` → its binding. */
function requiredModule(initializer: Node | undefined): Binding | undefined {
  if (!initializer || !Node.isCallExpression(initializer)) return undefined;
  const callee = initializer.getExpression();
  const [argument] = initializer.getArguments();
  if (!Node.isIdentifier(callee) || callee.getText() !== 'require' || !argument || !Node.isStringLiteral(argument)) return undefined;
  return bindingOf(argument.getLiteralValue());
}

/** `['compute', 'v20240701', 'VirtualMachine']` → module, API version, the rest. */
function splitModule(path: readonly string[]): { module?: string; version?: string; rest: string[] } {
  const [module, ...after] = path;
  if (!module || !/^[a-z0-9]+$/.test(module)) return { rest: [] };
  if (after.length > 0 && API_VERSION.test(after[0])) return { module, version: after[0], rest: after.slice(1) };
  return { module, rest: after };
}
