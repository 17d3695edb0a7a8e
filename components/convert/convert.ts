/**
 * `patchwise convert`: an ARM template → a Pulumi TypeScript project built on the patchwise
 * components (`Pulumi.yaml`, `index.ts`, `package.json`, `tsconfig.json`,
 * `Pulumi.<stack>.yaml.example`). The program is assembled as text and formatted with ts-morph,
 * so the output is stable: the same template always gives the same files.
 */
import { Project } from 'ts-morph';
import { ALL_RULES } from '../../rules/index.js';
import { lintTemplate, prepareTemplate, type InputReader, type TextInput } from '../../src/engine/lint.js';
import type { Finding } from '../../src/engine/finding.js';
import { readJsonDocument } from '../../src/template/json.js';
import { isTemplateDocument } from '../../src/template/parameters-file.js';
import type { ExpandedResource } from '../../src/template/types.js';
import { autoUpgradedExtension, patchedVirtualMachine, patchSchedule } from './compute.js';
import { ValueWriter, originalText, redactForComment, type Code, type Primitive, type Todo } from './expressions.js';
import { Names } from './names.js';
import { declaredResources, newExpression, plainResource, TemplateScope, type DeclaredResource, type EmitContext, type ResourceEmitter } from './program.js';
import { projectFiles, PULUMI_SCOPE } from './project-files.js';
import { scaleSetComponent } from './scale-sets.js';

export interface ConvertOptions {
  /** Project name for Pulumi.yaml (default: from the file name). */
  project?: string;
  /** Stack name of the config example (default `dev`). */
  stack?: string;
  /** A parameters file: its values go to the stack config example. */
  parameters?: TextInput;
  /** Version range of patchwise the generated package.json depends on. */
  patchwiseVersion?: string;
  /** The date schedule checks and lint use (default: now). */
  today?: Date;
  /** How to read the input when it is not ARM JSON (the Bicep reader); default: ARM JSON. */
  reader?: InputReader;
}

export interface ConversionSummary {
  resources: number;
  components: number;
  plain: number;
  /** Resources written as a TODO block (no azure-native mapping). */
  notConverted: number;
  todos: Todo[];
}

export interface Conversion {
  /** Relative path → text. */
  files: Record<string, string>;
  summary: ConversionSummary;
}

export class ConvertError extends Error {}

/** Emitters by ARM type (lower case), tried in order; the plain azure-native writer is the fallback. */
const EMITTERS: Record<string, ResourceEmitter[]> = {
  'microsoft.compute/virtualmachines': [patchedVirtualMachine],
  'microsoft.compute/virtualmachines/extensions': [autoUpgradedExtension],
  'microsoft.maintenance/maintenanceconfigurations': [patchSchedule],
  'microsoft.compute/virtualmachinescalesets': [scaleSetComponent],
};

/** Order of emission: what others refer to first (networks before VMs, VMs before their extensions). */
function tier(type: string): number {
  const lower = type.toLowerCase();
  if (lower.startsWith('microsoft.maintenance/configurationassignments')) return 4;
  if (lower.includes('/extensions')) return 3;
  if (lower.startsWith('microsoft.compute/virtualmachine')) return 2;
  if (lower.startsWith('microsoft.maintenance/')) return 1;
  return 0;
}

export function convertTemplate(input: TextInput, options: ConvertOptions = {}): Conversion {
  const read = options.reader ? options.reader.template(input) : readJsonDocument(input.file, input.text);
  if (!read.ok) throw new ConvertError(`${input.file}:${read.error.line}:${read.error.column}: ${read.error.message}`);
  if (!options.reader && !isTemplateDocument(read.document.value)) throw new ConvertError(`${input.file} is not an ARM deployment template`);
  // A Bicep file arrives lowered to its ARM template (languageVersion 2.0, symbolic resources).
  const template = read.document.value as Record<string, unknown>;
  const context = { rules: ALL_RULES, allowedValues: false, today: options.today };
  const prepared = prepareTemplate(input, options.parameters, context, { document: read.document, reader: options.reader });
  const findings = lintTemplate({ ...input, parameters: options.parameters, reader: options.reader }, context, { document: read.document }).findings;

  const names = new Names();
  const scope = new TemplateScope();
  const values = new ValueWriter(scope);
  const imports = new Map<string, Set<string>>();
  const use = (module: string, className: string) => {
    const entry = imports.get(module) ?? new Set<string>();
    entry.add(className);
    imports.set(module, entry);
    return module === 'patchwise' ? className : `${module}.${className}`;
  };
  const statements: string[] = [];
  const configExample: Record<string, unknown> = {};
  statements.push(...parameterStatements(template, names, scope, values, configExample, options.parameters));
  statements.push(...variableStatements(template, names, scope, values));

  const declared = declaredResources(template);
  const nested = declared.filter((resource) => resource.type.toLowerCase() === 'microsoft.resources/deployments');
  const ordered = declared
    .filter((resource) => !nested.includes(resource))
    .map((resource, index) => ({ resource, index }))
    .sort((a, b) => tier(a.resource.type) - tier(b.resource.type) || a.index - b.index);
  const expanded = prepared.expanded?.resources ?? [];
  const instancesOf = (resource: DeclaredResource) => expanded.filter((instance) => samePath(instance.declarationPath, resource.path));
  const consumed = new Set<DeclaredResource>();
  const summary: ConversionSummary = { resources: declared.length, components: 0, plain: 0, notConverted: 0, todos: values.todos };

  for (const { resource } of ordered) {
    if (consumed.has(resource)) continue;
    if (resource.declaration.existing === true) {
      // `existing` (Bicep, languageVersion 2.0): declared to be read, never created or changed.
      statements.push(
        `// ${resource.type} ${originalText(resource.name)}: an existing resource, not created by this program (read it with its class's get() where its values are needed)`,
      );
      continue;
    }
    const instances = instancesOf(resource);
    const emitContext: EmitContext = {
      values,
      names,
      use,
      instances,
      model: prepared.model ?? emptyModel(),
      findings: findings.filter((finding) => instances.some((instance) => declares(instance, finding))),
      declared,
      consumed,
      evaluated: (other) => instancesOf(other)[0]?.body,
      today: options.today ?? new Date(),
    };
    statements.push(...resourceStatements(resource, emitContext, names, scope, values, summary));
  }
  for (const resource of nested) {
    const note = nestedDeploymentNote(resource);
    if (note.todo) summary.notConverted += 1;
    statements.push(note.todo ? todoBlock(resource, note.why) : `// ${resource.type} ${originalText(resource.name)}: ${note.why}`);
  }

  // Modules named only in types (enum casts) are imported too.
  for (const module of values.modules) if (!imports.has(module)) imports.set(module, new Set());
  const text = programText(statements, imports, values.todos, input.file, findings);
  const project = options.project ?? projectName(input.file);
  const stack = options.stack ?? 'dev';
  return {
    files: {
      'index.ts': format(text),
      ...projectFiles({
        project,
        stack,
        config: configExample,
        patchwiseVersion: options.patchwiseVersion ?? '*',
        source: input.file,
        modules: [...imports.keys()].filter((module) => module !== 'patchwise'),
      }),
    },
    summary,
  };
}

function resourceStatements(
  resource: DeclaredResource,
  context: EmitContext,
  names: Names,
  scope: TemplateScope,
  values: ValueWriter,
  summary: ConversionSummary,
): string[] {
  const literalName = typeof resource.name === 'string' && !resource.name.startsWith('[') ? resource.name.split('/').pop() : undefined;
  const identifier = names.identifier(resource.symbolicName ?? literalName ?? (resource.type.split('/').pop() ?? 'resource').replace(/s$/, ''), 'resource');
  const copy = resource.declaration.copy as { name?: unknown; count?: unknown } | undefined;
  const loopVariable = copy ? 'i' : undefined;
  scope.copyIndex = loopVariable;
  try {
    const emitters = [...(EMITTERS[resource.type.toLowerCase()] ?? []), plainResource];
    let emitted;
    for (const emit of emitters) {
      emitted = emit(resource, context);
      if (emitted) break;
    }
    if (!emitted) {
      summary.notConverted += 1;
      return [todoBlock(resource, 'no azure-native mapping for this type yet')];
    }
    if (emitted.className.includes('.')) summary.plain += 1;
    else summary.components += 1;
    const logical = loopVariable ? `\`${identifier}-\${${loopVariable}}\`` : JSON.stringify(identifier);
    const header = [`// ${resource.type} ${originalText(resource.name)}`, ...emitted.notes.map((note) => `// ${note}`)];
    const condition = resource.declaration.condition;
    let guard: Code | undefined;
    if (condition !== undefined && condition !== true) {
      guard = values.value(condition, `${identifier}.condition`);
      if (guard.output || guard.code.startsWith('todo(')) {
        header.push(`// TODO(patchwise): condition ${JSON.stringify(originalText(condition))} is not known before deployment: the resource is always created`);
        guard = undefined;
      }
    }
    const statement = newExpression(emitted, logical, undefined);
    if (!copy) {
      if (!guard) {
        scope.addResource(resource, identifier, emitted.className);
        return [`${header.join('\n')}\nexport const ${identifier} = ${statement};`];
      }
      return [`${header.join('\n')}\nif (${guard.code}) {\n${statement};\n}`];
    }
    const count = values.value(copy.count, `${identifier}.copy.count`);
    const bound =
      count.output || count.code.startsWith('todo(') ? `1 /* TODO(patchwise): copy count ${JSON.stringify(originalText(copy.count))} */` : count.code;
    const loop = `export const ${identifier}: ${emitted.className}[] = [];\nfor (let ${loopVariable} = 0; ${loopVariable} < ${bound}; ${loopVariable}++) {\n${guard ? `if (${guard.code}) ` : ''}${identifier}.push(${statement});\n}`;
    return [`${header.join('\n')}\n${loop}`];
  } finally {
    scope.copyIndex = undefined;
  }
}

/** Why a nested deployment is not in the program, and what to do: its template is another program. */
function nestedDeploymentNote(resource: DeclaredResource): { todo: boolean; why: string } {
  const properties = (resource.declaration.properties ?? {}) as Record<string, unknown>;
  const inner = properties.template as { resources?: unknown } | undefined;
  if (properties.templateLink !== undefined)
    return { todo: true, why: 'a linked template is not converted: convert that template with patchwise convert and deploy it as its own stack or component' };
  const resources = inner?.resources;
  const empty = inner !== undefined && (Array.isArray(resources) ? resources.length === 0 : !resources || Object.keys(resources).length === 0);
  // AVM modules deploy an empty template to count usage (telemetry): nothing of it belongs in a program.
  if (empty) return { todo: false, why: 'a nested deployment without resources (usage telemetry): nothing to convert' };
  return {
    todo: true,
    why: 'a nested deployment is not converted: convert its inner template with patchwise convert (save properties.template as a file) and pass it the parameters below',
  };
}

function todoBlock(resource: DeclaredResource, why: string): string {
  const lines = JSON.stringify(redactForComment(resource.declaration), null, 2)
    .split('\n')
    .map((line) => `//   ${line.replace(/\*\//g, '* /')}`);
  return `// TODO(patchwise): ${resource.type} ${originalText(resource.name)}: ${why}. The declaration:\n${lines.join('\n')}`;
}

const PARAMETER_GETTERS: Record<string, { getter: string; type?: string; secret?: boolean; primitive?: Primitive }> = {
  string: { getter: '', primitive: 'string' },
  int: { getter: 'Number', primitive: 'number' },
  bool: { getter: 'Boolean', primitive: 'boolean' },
  object: { getter: 'Object', type: '<any>' },
  array: { getter: 'Object', type: '<any[]>' },
  securestring: { getter: '', secret: true, primitive: 'string' },
  secureobject: { getter: 'Object', type: '<any>', secret: true },
};

function parameterStatements(
  template: Record<string, unknown>,
  names: Names,
  scope: TemplateScope,
  values: ValueWriter,
  example: Record<string, unknown>,
  parametersFile: TextInput | undefined,
): string[] {
  const out: string[] = ['const config = new pulumi.Config();\nconst resourceGroupName = config.require("resourceGroupName");'];
  example.resourceGroupName = 'my-resource-group';
  const fileValues = parametersFileValues(parametersFile);
  const parameters = (template.parameters && typeof template.parameters === 'object' ? template.parameters : {}) as Record<string, Record<string, unknown>>;
  for (const [name, definition] of Object.entries(parameters)) {
    const kind = PARAMETER_GETTERS[parameterType(definition, template).toLowerCase()] ?? PARAMETER_GETTERS.object;
    const identifier = names.identifier(name, 'parameter');
    const description = (definition?.metadata as { description?: unknown } | undefined)?.description;
    const comment = typeof description === 'string' ? `/** ${description.replace(/\*\//g, '* /').replace(/\s+/g, ' ')} */\n` : '';
    const hasDefault = definition?.defaultValue !== undefined && !kind.secret;
    // A nullable parameter (languageVersion 2.0) may stay unset: `get`, and undefined passes the checks.
    const nullable = definition?.nullable === true && !hasDefault;
    const read = `config.${hasDefault || nullable ? 'get' : 'require'}${kind.secret ? 'Secret' : ''}${kind.getter}${kind.type ?? ''}(${JSON.stringify(name)})`;
    let initializer = read;
    let output = Boolean(kind.secret);
    if (hasDefault) {
      const fallback = values.value(definition.defaultValue, `parameters.${name}.defaultValue`, false);
      output ||= fallback.output;
      initializer = `${read} ?? ${fallback.code}`;
    }
    const allowedStrings =
      Array.isArray(definition?.allowedValues) && definition.allowedValues.every((item) => typeof item === 'string')
        ? (definition.allowedValues as string[])
        : undefined;
    // A string with allowedValues has their union as its type (azure-native enums are such unions); the check below holds it.
    if (allowedStrings && !kind.secret && kind.getter === '')
      initializer = `(${initializer}) as ${allowedStrings.map((item) => JSON.stringify(item)).join(' | ')}`;
    out.push(`${comment}const ${identifier} = ${initializer};`);
    const allowed = definition?.allowedValues;
    if (Array.isArray(allowed) && !output) {
      out.push(
        `if (${nullable ? `${identifier} !== undefined && ` : ''}!(${JSON.stringify(allowed)} as unknown[]).includes(${identifier})) throw new Error(\`config ${name}: \${${identifier}} is not one of ${JSON.stringify(allowed).replace(/`/g, '\\`')}\`);`,
      );
    }
    scope.addParameter(name, { code: identifier, output, type: kind.primitive });
    const fromFile = fileValues.get(name.toLowerCase());
    if (kind.secret) example[name] = '(secret: pulumi config set --secret)';
    else if (fromFile !== undefined) example[name] = fromFile;
    else if (!hasDefault && !nullable) example[name] = '(required)';
  }
  return out;
}

/** A parameter's type; a user-defined type (`$ref: '#/definitions/x'`) is followed to the type it names. */
function parameterType(definition: Record<string, unknown> | undefined, template: Record<string, unknown>): string {
  let current = definition;
  for (let depth = 0; depth < 8 && current; depth++) {
    if (typeof current.type === 'string') return current.type;
    const ref = typeof current.$ref === 'string' ? /^#\/definitions\/(.+)$/.exec(current.$ref) : null;
    const definitions = template.definitions as Record<string, Record<string, unknown>> | undefined;
    current = ref && definitions ? definitions[ref[1]] : undefined;
  }
  return 'string';
}

function variableStatements(template: Record<string, unknown>, names: Names, scope: TemplateScope, values: ValueWriter): string[] {
  const out: string[] = [];
  const variables = (template.variables && typeof template.variables === 'object' ? template.variables : {}) as Record<string, unknown>;
  const entries = Object.entries(variables).filter(([name]) => name !== 'copy');
  // Variable copy loops (`variables.copy: [{ name, count, input }]`) are variables holding arrays.
  const loops = new Map<string, unknown>();
  for (const loop of Array.isArray(variables.copy) ? variables.copy : []) {
    const name = (loop as { name?: unknown } | null)?.name;
    if (typeof name === 'string') {
      loops.set(name, loop);
      entries.push([name, loop]);
    } else out.push(`// TODO(patchwise): a variable copy loop without a name: ${originalText(loop)}`);
  }
  const identifiers = new Map(entries.map(([name]) => [name, names.identifier(name, 'variable')]));
  // A variable may use one written after it: declare each after the variables it reads.
  for (const [name, value] of dependencyOrder(entries)) {
    const identifier = identifiers.get(name)!;
    if (loops.get(name) === value) {
      const [entry] = values.copyLoops([value], 'variables');
      out.push(
        'comment' in entry
          ? `// ${entry.comment}\nconst ${identifier} = ${values.todo(originalText(value), `variables.copy ${name}`).code};`
          : `const ${identifier} = ${entry.code};`,
      );
      scope.addVariable(name, { code: identifier, output: false });
      continue;
    }
    const code = values.value(value, `variables.${name}`);
    out.push(`const ${identifier} = ${code.code};`);
    scope.addVariable(name, { code: identifier, output: code.output, type: code.type, shape: value });
  }
  return out;
}

function dependencyOrder(entries: Array<[string, unknown]>): Array<[string, unknown]> {
  const byName = new Map(entries.map((entry) => [entry[0].toLowerCase(), entry]));
  const done = new Set<string>();
  const out: Array<[string, unknown]> = [];
  const visit = (entry: [string, unknown], stack: Set<string>) => {
    const key = entry[0].toLowerCase();
    if (done.has(key) || stack.has(key)) return;
    stack.add(key);
    for (const match of JSON.stringify(entry[1] ?? null).matchAll(/variables\(\s*'([^']+)'\s*\)/gi)) {
      const dependency = byName.get(match[1].toLowerCase());
      if (dependency) visit(dependency, stack);
    }
    done.add(key);
    out.push(entry);
  };
  for (const entry of entries) visit(entry, new Set());
  return out;
}

function programText(statements: string[], imports: Map<string, Set<string>>, todos: readonly Todo[], source: string, findings: Finding[]): string {
  const body = statements.join('\n\n');
  const head: string[] = [
    `// Converted from ${source} by patchwise convert. VMs, extensions and patch schedules use the patchwise`,
    '// components (correct by construction: each change to the template is noted above the resource).',
  ];
  if (findings.length > 0) head.push(`// The template had ${findings.length} lint finding(s); each is listed above its resource.`);
  if (todos.length > 0) {
    head.push(`// ${todos.length} value(s) could not be translated (TODO(patchwise) below):`);
    for (const todo of todos) head.push(`// TODO(patchwise): ${todo.where}: ${JSON.stringify(todo.original).slice(0, 200)}`);
  }
  const lines = [...head, `import * as pulumi from '${PULUMI_SCOPE}/pulumi';`];
  const needsResources = /\bresourceGroupLocation\b|\bresourceGroupId\b/.test(body);
  const needsClient = /\bsubscriptionId\b|\btenantId\b/.test(body);
  const modules = new Set([...imports.keys()].filter((module) => module !== 'patchwise'));
  if (needsResources) modules.add('resources');
  if (needsClient) modules.add('authorization');
  for (const module of [...modules].sort()) lines.push(`import * as ${module} from '${PULUMI_SCOPE}/azure-native/${module}/index.js';`);
  const components = [...(imports.get('patchwise') ?? [])];
  if (/\buniqueString\(/.test(body)) components.push('uniqueString');
  if (/\bguid\(/.test(body)) components.push('guid');
  if (components.length > 0) lines.push(`import { ${components.sort().join(', ')} } from 'patchwise/pulumi';`);
  lines.push('');
  const bodyLines = body.split('\n');
  const afterGroup = bodyLines.findIndex((line) => line.startsWith('const resourceGroupName')) + 1;
  lines.push(...bodyLines.slice(0, afterGroup));
  if (needsResources) {
    lines.push('const resourceGroup = resources.getResourceGroupOutput({ resourceGroupName });');
    if (/\bresourceGroupLocation\b/.test(body)) lines.push('const resourceGroupLocation = resourceGroup.location;');
    if (/\bresourceGroupId\b/.test(body)) lines.push('const resourceGroupId = resourceGroup.id;');
  }
  if (needsClient) {
    lines.push('const clientConfig = authorization.getClientConfigOutput();');
    if (/\bsubscriptionId\b/.test(body)) lines.push('const subscriptionId = clientConfig.subscriptionId;');
    if (/\btenantId\b/.test(body)) lines.push('const tenantId = clientConfig.tenantId;');
  }
  if (/\btodo\(/.test(body)) {
    // `any`, not `never`: a member of an untranslated value (`todo(…).id`) still type-checks.
    lines.push(
      '',
      '/** A template value patchwise convert could not translate: write it by hand (the program stops here until then). */',
      'function todo(original: string): any {',
      '  throw new Error(`TODO(patchwise): translate ${original} by hand in index.ts`);',
      '}',
    );
  }
  lines.push(...bodyLines.slice(afterGroup));
  return `${lines.join('\n')}\n`;
}

/** ts-morph formatting: stable, 2-space indentation, single statement per line. */
function format(text: string): string {
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { noLib: true, noResolve: true } });
  const file = project.createSourceFile('/index.ts', text);
  file.formatText({ indentSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
  return file.getFullText();
}

function parametersFileValues(file: TextInput | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!file) return out;
  const read = readJsonDocument(file.file, file.text);
  const parameters = read.ok ? (read.document.value as { parameters?: Record<string, { value?: unknown }> }).parameters : undefined;
  for (const [name, entry] of Object.entries(parameters ?? {})) if (entry && entry.value !== undefined) out.set(name.toLowerCase(), entry.value);
  return out;
}

function projectName(file: string): string {
  const parts = file.replace(/\\/g, '/').split('/').filter(Boolean);
  const base = parts.pop()?.replace(/\.(json|jsonc|bicep)$/i, '') ?? 'converted';
  const name = ['azuredeploy', 'main', 'template'].includes(base.toLowerCase()) && parts.length > 0 ? parts.pop()! : base;
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'converted'
  );
}

/** A finding located inside the resource's declaration. */
function declares(instance: ExpandedResource, finding: Finding): boolean {
  if (finding.file !== instance.file) return false;
  const range = instance.locate([]);
  return finding.line >= range.line && finding.line <= range.endLine;
}

function samePath(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}

function emptyModel(): EmitContext['model'] {
  return {
    virtualMachines: [],
    scaleSets: [],
    extensions: [],
    availabilitySets: [],
    loadBalancers: [],
    other: [],
    resources: [],
  } as unknown as EmitContext['model'];
}

export type { ExpandedResource };
