/**
 * `patchwise lint` on a Pulumi TypeScript program, statically: read the `new X(name, args)` of
 * azure-native resources and patchwise components with ts-morph, map the resources to the lint
 * model through the policy adapter, run the same rules, and report at `.ts` positions. Loaded only
 * when a TypeScript input is linted (ts-morph takes about half a second to load).
 */
import { Project, SyntaxKind, ts, type NewExpression, type SourceFile } from 'ts-morph';
import { CORE_RULES } from '../../src/engine/core-rules.js';
import type { Finding } from '../../src/engine/finding.js';
import { applyCommentDirectives, coreFinding, lintModel, sortFindings, type FileLintResult, type LintContext, type TextInput } from '../../src/engine/lint.js';
import { buildModel } from '../../src/model/build.js';
import type { ResourceSource } from '../../src/model/source.js';
import type { CommentSpan } from '../../src/template/json.js';
import { Unknown } from '../../src/model/unknown.js';
import { formatViolation } from '../pulumi/errors.js';
import { toResourceSource } from '../policy/adapter.js';
import { argumentPathOf, checkComponent } from './component-checks.js';
import { ProgramImports, type ComponentName } from './imports.js';
import { locationOf, programResourceSource, type ProgramResource } from './program-source.js';
import { pathKey, ValueReader, type ReadArguments } from './values.js';

/** One in-memory project without lib files or module resolution: a file parses and resolves its consts in ~100 ms. */
let project: Project | undefined;

export function parseProgram(file: string, text: string): SourceFile {
  project ??= new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    skipLoadingLibFiles: true,
    compilerOptions: { noLib: true, noResolve: true, types: [], allowJs: false },
  });
  for (const old of project.getSourceFiles()) project.removeSourceFile(old);
  const extension = /\.[mc]?ts$/i.exec(file)?.[0].toLowerCase() ?? '.ts';
  return project.createSourceFile(`/program${extension}`, text, { overwrite: true });
}

const EXTENSION_TYPES = /:VirtualMachine(?:ScaleSet)?Extension$/;

/**
 * `baseline`: the program's previous version (its text, or `null` when the file is new), for the
 * rules that judge changes (as `--baseline` of templates); a baseline that does not parse counts
 * as new.
 */
export function lintPulumiProgram(input: TextInput & { baseline?: TextInput | null }, context: LintContext): FileLintResult {
  // The baseline first: parseProgram keeps one file at a time, and the program's nodes are used to the end.
  const baseline = input.baseline === undefined ? undefined : { model: input.baseline ? programModel(input.baseline, context)?.model : undefined };
  const text = input.text.replace(/^\uFEFF/, '');
  const read = programModel(input, context);
  if (!read) {
    const syntaxError = firstSyntaxError(parseProgram(input.file, text))!;
    return {
      file: input.file,
      findings: [coreFinding(CORE_RULES.parseError, input.file, syntaxError.line, syntaxError.column, `not valid TypeScript: ${syntaxError.message}`, context)],
      resources: 0,
      expandedResources: 0,
    };
  }
  const { sourceFile, model, findings, declared } = read;
  findings.push(...lintModel(model, context, baseline));
  // `// patchwise-disable-next-line rule-id reason` (and `-line`), as in templates; unused ones are findings.
  findings.push(
    ...applyCommentDirectives(
      findings,
      input.file,
      text,
      context,
      (offset) => sourceFile.getLineAndColumnAtPos(offset),
      commentSpans(sourceFile),
      baseline !== undefined,
    ),
  );
  return { file: input.file, findings: sortFindings(findings), resources: model.resources.length, expandedResources: declared };
}

/** The program's resources as the lint model, and the findings of its component checks; undefined when it does not parse. */
function programModel(
  input: TextInput,
  context: LintContext,
): { sourceFile: SourceFile; model: ReturnType<typeof buildModel>; findings: Finding[]; declared: number } | undefined {
  const sourceFile = parseProgram(input.file, input.text.replace(/^\uFEFF/, ''));
  if (firstSyntaxError(sourceFile)) return undefined;
  const imports = new ProgramImports(sourceFile);
  const reader = new ValueReader(imports);
  const sources: ResourceSource[] = [];
  const findings: Finding[] = [];
  let declared = 0;
  for (const expression of sourceFile.getDescendantsOfKind(SyntaxKind.NewExpression)) {
    const constructed = imports.constructed(expression.getExpression());
    if (!constructed) continue;
    declared += 1;
    const [nameArgument, argsArgument] = expression.getArguments();
    const logicalName = nameArgument ? reader.read(nameArgument).value : undefined;
    const name = typeof logicalName === 'string' ? logicalName : `(line ${sourceFile.getLineAndColumnAtPos(expression.getStart()).line})`;
    const read: ReadArguments = argsArgument ? reader.read(argsArgument) : { value: {}, written: new Map(), objects: new Map() };
    // Findings about the resource as a whole point at `new X(`.
    read.written.set(pathKey([]), { at: expression, value: argsArgument ?? expression, own: false });
    if (constructed.kind === 'component') {
      findings.push(...componentFindings(constructed.name, name, expression, read, sourceFile, input.file, context));
      continue;
    }
    const source = resourceSource(constructed.token, name, read, expression, sourceFile, input.file);
    if (source) sources.push(source);
  }
  return { sourceFile, model: buildModel(sources), findings, declared };
}

function resourceSource(
  token: string,
  name: string,
  read: ReadArguments,
  declaration: NewExpression,
  sourceFile: SourceFile,
  file: string,
): ResourceSource | undefined {
  const known = read.value !== null && typeof read.value === 'object' && !Array.isArray(read.value) && !(read.value instanceof Unknown);
  // Arguments not known at all: a VM or scale set cannot be judged, but an extension may still be the
  // one a cross-resource rule looks for, so it stays in the model with everything unknown.
  if (!known && !EXTENSION_TYPES.test(token)) return undefined;
  const adapted = toResourceSource({ type: token, name, urn: file, props: known ? (read.value as Record<string, unknown>) : {} });
  if (!adapted) return undefined;
  const source = known
    ? adapted
    : {
        ...adapted,
        name: new Unknown(name, 'the arguments are not known statically'),
        body: { properties: new Unknown(name, 'the arguments are not known statically') },
      };
  const resource: ProgramResource = { source, file, sourceFile, declaration, read };
  return programResourceSource(resource);
}

function componentFindings(
  component: ComponentName,
  name: string,
  declaration: NewExpression,
  read: ReadArguments,
  sourceFile: SourceFile,
  file: string,
  context: LintContext,
): Finding[] {
  const result = checkComponent(component, read.value, context.today ?? new Date());
  if (!result) return [];
  const located = (argument: string) => {
    const segments = argumentPathOf(argument);
    for (let depth = segments.length; depth >= 0; depth--) {
      const written = read.written.get(pathKey(segments.slice(0, depth)));
      if (written) return locationOf(sourceFile, file, written.at, depth === segments.length);
    }
    return locationOf(sourceFile, file, declaration, false);
  };
  const findings: Finding[] = [];
  for (const [violations, allowed] of [
    [result.rejected, false],
    [result.allowed, true],
  ] as const) {
    for (const violation of violations) {
      const at = located(violation.argument);
      const finding: Finding = {
        ...coreFinding(CORE_RULES.componentArguments, file, at.line, at.column, `${component} ${name}: ${formatViolation(violation)}`, context),
        endLine: at.endLine,
        endColumn: at.endColumn,
        resource: { type: `patchwise:azure:${component}`, name },
        path: violation.argument,
        requirements: [violation.requirement],
      };
      if (allowed && !finding.suppressed) finding.suppressed = { kind: 'inline', reason: 'listed in unsafeAllowInvalid' };
      findings.push(finding);
    }
  }
  return findings;
}

/** Every comment of the file, from the TypeScript scanner's trivia (never a `//` inside a string). */
function commentSpans(sourceFile: SourceFile): CommentSpan[] {
  const text = sourceFile.getFullText();
  const spans = new Map<number, CommentSpan>();
  const add = (ranges: ts.CommentRange[] | undefined) => {
    for (const range of ranges ?? []) spans.set(range.pos, { start: range.pos, end: range.end, block: range.kind === ts.SyntaxKind.MultiLineCommentTrivia });
  };
  const visit = (node: ts.Node) => {
    add(ts.getLeadingCommentRanges(text, node.pos));
    add(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile.compilerNode);
  add(ts.getLeadingCommentRanges(text, sourceFile.compilerNode.endOfFileToken.pos));
  return [...spans.values()].sort((a, b) => a.start - b.start);
}

function firstSyntaxError(sourceFile: SourceFile): { line: number; column: number; message: string } | undefined {
  const diagnostics = (sourceFile.compilerNode as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return undefined;
  const at = sourceFile.getLineAndColumnAtPos(first.start);
  return { ...at, message: ts.flattenDiagnosticMessageText(first.messageText, ' ') };
}
