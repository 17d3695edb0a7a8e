/**
 * The lint pipeline for one template: read → expand → model → rules → findings. Works on text in
 * memory (the CLI reads the files), so it is easy to test and to reuse.
 */
import { ruleSetting } from './severity.js';
import { buildModel, MODEL_RESOURCE_TYPES } from '../model/build.js';
import { formatPath, type JsonPath, type ResourceSource } from '../model/source.js';
import type { Model, ModelResource } from '../model/types.js';
import { isUnknown } from '../model/unknown.js';
import { expandTemplate, reuseIndex, type ReuseIndex } from '../template/expand.js';
import { EvaluationBudget } from '../template/expression/limits.js';
import { readJsonDocument, type ParseFailure, type Position, type ReadResult, type SourceDocument, type CommentSpan } from '../template/json.js';
import { toSourceLocation } from '../template/origin.js';
import { isParametersDocument, parameterValuesFrom } from '../template/parameters-file.js';
import type { DeploymentTarget } from '../template/environment.js';
import type { Diagnostic, ExpandedResource, ExpandedTemplate } from '../template/types.js';
import type { Inventory } from '../inventory/types.js';
import { ALWAYS_REPORTED, CORE_RULES, type CoreRule } from './core-rules.js';
import type { Finding, Severity } from './finding.js';
import { decisiveParameters, mergeVariantFindings, variantsFor } from './allowed-values.js';
import { computeFix } from './fixes.js';
import { groupCopyLoopFindings, noteDeclaration } from './copy-loop-groups.js';
import { pairWithBaseline } from './pairing.js';
import type { AnyRule, RuleSetting } from './rule.js';
import { runRules, type RawFinding } from './runner.js';
import { applyDirectives, readDirectives, type DirectiveProblem } from './directives.js';
import { ConfigSuppressions, inlineSuppression, invalidInlineGlobs, suppressionFor } from './suppressions.js';

export interface TextInput {
  /** Path shown in findings (relative to the working directory when possible). */
  file: string;
  text: string;
}

/** How the files of one input are read: ARM JSON unless the caller gives another reader (Bicep). */
export interface InputReader {
  template(input: TextInput): ReadResult;
  /** Parameter values of a parameters file (lower-case names), or why it cannot be read. */
  parameters?(input: TextInput): { ok: true; values: Map<string, unknown> } | { ok: false; error: ParseFailure } | undefined;
}

export interface LintInput extends TextInput {
  /** Reads the template, its baseline and its parameters file; default: ARM JSON. */
  reader?: InputReader;
  /** A parameters file for this template. */
  parameters?: TextInput;
  /**
   * The previous version of the template for change rules: its text, or `null` when the file did
   * not exist in the baseline (every resource is new). Undefined: no baseline.
   */
  baseline?: TextInput | null;
}

export interface LintContext {
  rules: readonly AnyRule[];
  settings?: ReadonlyMap<string, RuleSetting>;
  suppressions?: ConfigSuppressions;
  /** Path of a file relative to the config file's folder, for suppression globs. */
  relativeToConfig?: (file: string) => string;
  today?: Date;
  /** See RuleOptions.sasHorizonDays (default 30). */
  sasHorizonDays?: number;
  inventory?: Inventory;
  /** Evaluate rules for each allowedValues entry of deciding parameters (default true). */
  allowedValues?: boolean;
  target?: Partial<DeploymentTarget>;
}

export interface FileLintResult {
  file: string;
  findings: Finding[];
  /** Resources in the model (VMs, scale sets, extensions, …) after expansion. */
  resources: number;
  /** All resources the template expanded to. */
  expandedResources: number;
}

interface Prepared {
  document?: SourceDocument;
  /** The parameters file's values (lower-case names), when there is a readable one. */
  parameterValues?: Map<string, unknown>;
  expanded?: ExpandedTemplate;
  model?: Model;
  findings: Finding[];
}

export { DEFAULT_SAS_HORIZON_DAYS } from './rule.js';
import { DEFAULT_SAS_HORIZON_DAYS } from './rule.js';

/** Only the resources the model reads are expanded up front; the others when something reads them. */
const EAGER_TYPES: ReadonlySet<string> = new Set(MODEL_RESOURCE_TYPES);

export interface PrepareOptions {
  /** Parameter values that win over everything (lower-case names): one allowedValues variant. */
  overrides?: Map<string, unknown>;
  /** An already parsed document of the same text (variants do not parse again). */
  document?: SourceDocument;
  /** The parameters file, already read (variants do not read it again). */
  parameterValues?: Map<string, unknown>;
  /** Record which parameters each model property depends on. */
  trackParameterReads?: boolean;
  /** Leave out expansion diagnostics (variants: locating them would build the syntax tree for nothing). */
  skipDiagnostics?: boolean;
  /** See ExpandOptions.reuse. */
  reuse?: { index: ReuseIndex; varied: ReadonlySet<string> };
  /** The file's evaluation budget, shared by its variants and baseline (see ExpandOptions.budget). */
  budget?: EvaluationBudget;
  /**
   * Expand every resource, not only what the rules read (the default skips declarations without a
   * modelled type: model-free.ts): for tools and tests that compare whole expansions.
   */
  expandAll?: boolean;
  /** See LintInput.reader. */
  reader?: InputReader;
}

/** Read, expand and model one template text (also used for baselines). */
export function prepareTemplate(input: TextInput, parameters: TextInput | undefined, context: LintContext, options: PrepareOptions = {}): Prepared {
  const findings: Finding[] = [];
  const read = options.document
    ? ({ ok: true, document: options.document } as const)
    : options.reader
      ? options.reader.template(input)
      : readJsonDocument(input.file, input.text);
  if (!read.ok) {
    findings.push(coreFinding(CORE_RULES.parseError, input.file, read.error.line, read.error.column, read.error.message, context));
    return { findings };
  }
  // A document read on past a syntax error (Bicep) still fails the gate: each error is a finding.
  for (const error of read.document.syntaxErrors) {
    const position = read.document.positionAt(error.offset);
    findings.push(coreFinding(CORE_RULES.parseError, input.file, position.line, position.column, error.message, context));
  }
  let parameterValues = options.parameterValues;
  const otherParameters = parameters && !parameterValues ? options.reader?.parameters?.(parameters) : undefined;
  if (parameterValues) {
    // Read already (a variant of the same file): its problems were reported then.
  } else if (otherParameters) {
    if (otherParameters.ok) parameterValues = otherParameters.values;
    else
      findings.push(
        coreFinding(CORE_RULES.parseError, parameters!.file, otherParameters.error.line, otherParameters.error.column, otherParameters.error.message, context),
      );
  } else if (parameters) {
    const readParameters = readJsonDocument(parameters.file, parameters.text);
    if (!readParameters.ok)
      findings.push(
        coreFinding(CORE_RULES.parseError, parameters.file, readParameters.error.line, readParameters.error.column, readParameters.error.message, context),
      );
    else if (!isParametersDocument(readParameters.document.value))
      findings.push(
        coreFinding(
          CORE_RULES.invalidParameters,
          parameters.file,
          1,
          1,
          `${parameters.file} is not a deployment parameters file (an object with a "parameters" object of { "value" } entries): parameter defaults are used instead`,
          context,
        ),
      );
    else parameterValues = parameterValuesFrom(readParameters.document.value, parameters.file).values;
  }
  const expanded = expandTemplate(read.document, {
    parameterValues,
    target: context.target,
    eagerTypes: options.expandAll ? undefined : EAGER_TYPES,
    parameterOverrides: options.overrides,
    trackParameterReads: options.trackParameterReads,
    reuse: options.reuse,
    budget: options.budget,
  });
  if (!options.skipDiagnostics) for (const diagnostic of expanded.diagnostics) findings.push(diagnosticFinding(diagnostic, context));
  const model = buildModel(expanded.resources.filter((resource) => !resource.existing));
  return { document: read.document, expanded, model, findings, parameterValues };
}

/** `document`: the input's text already parsed (the CLI parses each file once to tell whether it is a template). */
export function lintTemplate(input: LintInput, context: LintContext, parsed: { document?: SourceDocument } = {}): FileLintResult {
  // One budget for everything evaluated for this file: variants cannot multiply a hostile template's cost.
  const budget = new EvaluationBudget();
  const prepared = prepareTemplate(input, input.parameters, context, {
    trackParameterReads: context.allowedValues !== false,
    document: parsed.document,
    reader: input.reader,
    budget,
  });
  const findings = prepared.findings.filter((finding) => finding.file === input.file || FILE_LEVEL_RULES.has(finding.ruleId));
  if (!prepared.model || !prepared.expanded) {
    return { file: input.file, findings: sortFindings(findings), resources: 0, expandedResources: 0 };
  }
  const hasBaseline = input.baseline !== undefined;
  const baseline = input.baseline ? prepareTemplate(input.baseline, input.parameters, context, { reader: input.reader, budget }) : undefined;
  // A baseline that cannot be read must not pass as "every resource is new": say so.
  if (baseline && !baseline.model) findings.push(...baseline.findings.filter((finding) => finding.ruleId === CORE_RULES.parseError.id));
  const baselineModel = baseline?.model;
  const ruleFindings = findingsOfRules(prepared.model, baselineModel, hasBaseline, context);
  findings.push(...ruleFindings, ...invalidSuppressionFindings(prepared.expanded, context));

  // allowedValues: the rules again for each allowed value of the parameters that decide them.
  if (context.allowedValues !== false && prepared.document) {
    const spentBefore = budget.exhausted;
    const variants = variantsFor(prepared.expanded.parameters, decisiveParameters(prepared.expanded));
    const index = variants.length > 0 ? reuseIndex(prepared.expanded.resources) : undefined;
    const unchanged = new Set<ResourceSource>(prepared.expanded.resources);
    const results = variants.map((variant) => {
      const other = prepareTemplate(input, input.parameters, context, {
        overrides: variant.overrides,
        document: prepared.document,
        parameterValues: prepared.parameterValues,
        skipDiagnostics: true,
        reuse: { index: index!, varied: new Set(variant.overrides.keys()) },
        budget,
        reader: input.reader,
      });
      return { variant, findings: other.model ? variantFindings(other.model, unchanged, baselineModel, hasBaseline, context) : [] };
    });
    findings.push(...mergeVariantFindings(ruleFindings, results, prepared.expanded.parameters));
    if (!spentBefore && budget.exhausted) {
      const message = `${budget.exhaustedMessage()}: some allowedValues variants were not fully evaluated`;
      findings.push(diagnosticFinding({ code: 'expansion-limit', message, document: prepared.document, path: [] }, context));
    }
  }
  // With --no-allowed-values a finding only another allowed value gives was not looked for: its suppression is not unused.
  const allValuesJudged =
    context.allowedValues !== false ||
    !prepared.expanded.parameters.some((parameter) => parameter.allowedValues?.length && (parameter.source === 'default' || parameter.source === 'none'));
  if (prepared.document)
    findings.push(...suppressionFindings(findings, input.file, prepared.document, prepared.model, context, { hasBaseline, allValuesJudged }));
  return {
    file: input.file,
    findings: sortFindings(groupCopyLoopFindings(findings)),
    resources: prepared.model.resources.length,
    expandedResources: prepared.expanded.resources.length,
  };
}

/**
 * The rules on a model built from another input (a Pulumi program): findings are located, fixed
 * and suppressed through each resource's ResourceSource, like a template's.
 */
export function lintModel(model: Model, context: LintContext, baseline?: { model?: Model }): Finding[] {
  // `baseline` without a model: the file is new (every resource is new), as a template's `null` baseline.
  return findingsOfRules(model, baseline?.model, baseline !== undefined, context);
}

/**
 * Apply `patchwise-disable-*` comments, and report suppressions that name unknown rules or match
 * nothing (comments, and `metadata.patchwise.suppress` of resources), as ESLint reports unused
 * disable directives.
 */
function suppressionFindings(findings: Finding[], file: string, document: SourceDocument, model: Model, context: LintContext, run: RunScope): Finding[] {
  const ruleSet = directiveRuleSet(context, run);
  const known = ruleSet.known;
  const problems = applyDirectives(
    findings,
    file,
    readDirectives(document.text, (offset) => document.positionAt(offset), document.commentSpans()),
    ruleSet,
  );
  // One entry per declaration: copy-loop instances share it (and its suppression).
  const declarations = new Map<string, { where: Position; patterns: string[]; resources: Set<string> }>();
  for (const resource of model.resources) {
    const source = resource.resource;
    const suppress = (source.metadata?.patchwise as { suppress?: unknown } | undefined)?.suppress;
    const patterns = typeof suppress === 'string' ? [suppress] : Array.isArray(suppress) ? suppress.filter((id): id is string => typeof id === 'string') : [];
    if (patterns.length === 0 || source.file !== file) continue;
    const where = source.locate(['metadata', 'patchwise', 'suppress']);
    const key = `${where.line}:${where.column}`;
    const identity = resourceIdentity(resource);
    const entry = declarations.get(key) ?? { where, patterns, resources: new Set<string>() };
    entry.resources.add(`${identity.type}\u0000${identity.name}`);
    declarations.set(key, entry);
  }
  for (const { where, patterns, resources } of declarations.values()) {
    const unknown = patterns.filter((id) => !/[*?{]/.test(id) && !known.has(id));
    const used = findings.some(
      (finding) =>
        finding.suppressed?.kind === 'inline' &&
        finding.resource &&
        resources.has(`${finding.resource.type}\u0000${finding.resource.name}`) &&
        ruleSet.matches(patterns, finding.ruleId),
    );
    if (unknown.length > 0)
      problems.push({
        kind: 'unknown-rule',
        line: where.line,
        column: where.column,
        message: `suppression names ${unknown.map((id) => `'${id}'`).join(', ')}, which ${unknown.length === 1 ? 'is not a rule' : 'are not rules'} (see 'patchwise rules')`,
      });
    else if (!used && patterns.some((id) => [...known].some((rule) => ruleSet.matches([id], rule) && ruleSet.active(rule)))) {
      problems.push({
        kind: 'unused',
        line: where.line,
        column: where.column,
        message: `the suppression of ${patterns.join(', ')} on this resource matches no finding: remove it`,
      });
    }
  }
  return problemFindings(problems, file, context);
}

/**
 * The `patchwise-disable-*` comments of another input's text (a Pulumi program), applied to its
 * findings as for templates; returns the findings about comments that match nothing or name an
 * unknown rule. `positionAt`: line and column of an offset; `spans`: where the text's comments are.
 */
export function applyCommentDirectives(
  findings: Finding[],
  file: string,
  text: string,
  context: LintContext,
  positionAt: (offset: number) => Position,
  spans: readonly CommentSpan[],
  hasBaseline: boolean,
): Finding[] {
  const ruleSet = directiveRuleSet(context, { hasBaseline, allValuesJudged: true });
  return problemFindings(applyDirectives(findings, file, readDirectives(text, positionAt, spans), ruleSet), file, context);
}

type DirectiveRuleSet = Parameters<typeof applyDirectives>[3];

/**
 * What a file's run left out, which a suppression may be for: the change rules without a baseline
 * (the pre-commit hook has none, CI has --baseline-ref), the other allowed values of parameters
 * with --no-allowed-values. A suppression of what did not run is not unused.
 */
interface RunScope {
  hasBaseline: boolean;
  allValuesJudged: boolean;
}

/** Per context and scope: every file of a run asks (and most of them have no directive). */
const directiveRuleSets = new WeakMap<LintContext, Map<string, DirectiveRuleSet>>();

/** Rule ids a suppression may name, which of them ran, and the suppression glob matcher. */
function directiveRuleSet(context: LintContext, run: RunScope): DirectiveRuleSet {
  let sets = directiveRuleSets.get(context);
  if (!sets) directiveRuleSets.set(context, (sets = new Map()));
  const key = `${run.hasBaseline}/${run.allValuesJudged}`;
  let ruleSet = sets.get(key);
  if (!ruleSet) sets.set(key, (ruleSet = newDirectiveRuleSet(context, run)));
  return ruleSet;
}

function newDirectiveRuleSet(context: LintContext, run: RunScope): DirectiveRuleSet {
  const needsBaseline = new Set(context.rules.filter((rule) => rule.needsBaseline).map((rule) => rule.id));
  const modelRules = new Set(context.rules.map((rule) => rule.id));
  return {
    known: new Set([...modelRules, ...Object.values(CORE_RULES).map((rule) => rule.id)]),
    active: (ruleId: string) =>
      context.settings?.get(ruleId) !== 'off' &&
      (run.hasBaseline || !needsBaseline.has(ruleId)) &&
      (modelRules.has(ruleId) ? run.allValuesJudged : !ruleId.includes('/') || ruleId.startsWith('template/')),
    matches: (patterns: string[], ruleId: string) => inlineSuppression({ patchwise: { suppress: patterns } }, ruleId) !== undefined,
    suppressible: (ruleId: string) => !ALWAYS_REPORTED.has(ruleId),
  };
}

function problemFindings(problems: readonly DirectiveProblem[], file: string, context: LintContext): Finding[] {
  return problems.map((problem) =>
    coreFinding(
      problem.kind === 'unused' ? CORE_RULES.unusedSuppression : CORE_RULES.unknownSuppressionRule,
      file,
      problem.line,
      problem.column,
      problem.message,
      context,
    ),
  );
}

/**
 * The rule findings of an allowedValues variant that can differ from the default pass. A resource
 * taken over unchanged (`unchanged`: the default pass's resources) reports there what it reported
 * in the default pass, and the merge drops those: rules that look only at their own resource run
 * on the other resources, rules that look across resources on the whole model. In rule order, as
 * one run over the whole model would report them.
 */
function variantFindings(
  model: Model,
  unchanged: ReadonlySet<ResourceSource>,
  baselineModel: Model | undefined,
  hasBaseline: boolean,
  context: LintContext,
): Finding[] {
  const changed = <T extends ModelResource>(resources: readonly T[]): T[] => resources.filter((resource) => !unchanged.has(resource.resource));
  const changedResources = changed(model.resources);
  if (changedResources.length === 0) return [];
  const ownModel: Model = {
    resources: changedResources,
    virtualMachines: changed(model.virtualMachines),
    scaleSets: changed(model.scaleSets),
    extensions: changed(model.extensions),
    availabilitySets: changed(model.availabilitySets),
    loadBalancers: changed(model.loadBalancers),
    other: changed(model.other),
  };
  const cross = findingsOfRules(model, baselineModel, hasBaseline, { ...context, rules: context.rules.filter((rule) => rule.crossResource) }, false);
  const own = findingsOfRules(ownModel, baselineModel, hasBaseline, { ...context, rules: context.rules.filter((rule) => !rule.crossResource) }, false);
  const order = new Map(context.rules.map((rule, index) => [rule.id, index]));
  const rank = (finding: Finding) => order.get(finding.ruleId) ?? -1;
  // A stable sort: within a rule, the resources keep the runner's order.
  return [...cross, ...own].sort((a, b) => rank(a) - rank(b));
}

/** `withFixes` false for allowedValues variants: their findings never carry a fix, and computing one parses the text. */
function findingsOfRules(model: Model, baselineModel: Model | undefined, hasBaseline: boolean, context: LintContext, withFixes = true): Finding[] {
  const findings: Finding[] = [];
  const previous: Map<ModelResource, ModelResource> | undefined = baselineModel ? pairWithBaseline(model, baselineModel) : undefined;
  const raw = runRules(model, {
    rules: context.rules,
    settings: context.settings,
    options: { today: context.today ?? new Date(), sasHorizonDays: context.sasHorizonDays ?? DEFAULT_SAS_HORIZON_DAYS, inventory: context.inventory },
    previous,
    hasBaseline,
    onInternalError: (rule, resource, error) => {
      const location = resource.resource.locate([]);
      findings.push({
        ...coreFinding(
          CORE_RULES.internalError,
          resource.resource.file,
          location.line,
          location.column,
          `rule ${rule.id} failed: ${(error as Error)?.message ?? String(error)}`,
          context,
        ),
        resource: resourceIdentity(resource),
      });
    },
  });
  const conflicts = withFixes ? conflictingFixes(raw) : undefined;
  for (const finding of raw) findings.push(toFinding(withFixes && !conflicts?.has(finding) ? finding : { ...finding, fix: undefined }, context));
  return findings;
}

/**
 * Copy-loop instances share one declaration. When they need different values at the same place,
 * no edit of that place is right (each pass would flip it): none of them gets a fix.
 */
function conflictingFixes(raw: readonly RawFinding[]): Set<RawFinding> {
  const byTarget = new Map<string, { values: Set<string>; findings: RawFinding[] }>();
  for (const finding of raw) {
    if (!finding.fix) continue;
    const source = finding.resource.resource as Partial<ExpandedResource>;
    if (!source.document || !source.declarationPath) continue;
    const key = `${source.document.file}\u0000${JSON.stringify(source.declarationPath)}\u0000${JSON.stringify(finding.fix.path)}`;
    const entry = byTarget.get(key) ?? { values: new Set<string>(), findings: [] };
    entry.values.add(JSON.stringify(finding.fix.value) ?? 'undefined');
    entry.findings.push(finding);
    byTarget.set(key, entry);
  }
  const conflicts = new Set<RawFinding>();
  for (const { values, findings } of byTarget.values()) if (values.size > 1) for (const finding of findings) conflicts.add(finding);
  return conflicts;
}

/** Inline suppressions whose globs cannot be used: a warning where they are written (they suppress nothing). */
function invalidSuppressionFindings(expanded: ExpandedTemplate, context: LintContext): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<object>();
  for (const resource of expanded.resources) {
    const metadata = resource.metadata;
    if (!metadata || seen.has(metadata)) continue;
    seen.add(metadata);
    for (const { index, problem } of invalidInlineGlobs(metadata)) {
      const listed = Array.isArray((metadata.patchwise as Record<string, unknown>).suppress);
      const path: JsonPath = [...resource.declarationPath, 'metadata', 'patchwise', 'suppress', ...(listed ? [index] : [])];
      const { range } = resource.document.locate(path);
      const finding = coreFinding(
        CORE_RULES.invalidSuppression,
        resource.document.file,
        range.line,
        range.column,
        `inline suppression ignored: ${problem}`,
        context,
      );
      findings.push({ ...finding, path: formatPath(path) });
    }
  }
  return findings;
}

/** Findings about a file, not a resource, that lintTemplate keeps even when they name another file (its parameters file). */
const FILE_LEVEL_RULES: ReadonlySet<string> = new Set([CORE_RULES.parseError.id, CORE_RULES.invalidParameters.id]);

/** A file that could not be read at all (permissions, size, encoding): a parse error at its start. */
export function unreadableFileFinding(file: string, reason: string, context: LintContext): Finding {
  return coreFinding(CORE_RULES.parseError, file, 1, 1, reason, context);
}

/** Linting one file failed unexpectedly: the file gets an internal-error finding and the others are still linted. */
export function internalErrorFinding(file: string, error: unknown, context: LintContext): Finding {
  const message =
    error instanceof RangeError
      ? 'the file is too complex to lint (nesting or size)'
      : `linting the file failed: ${(error as Error)?.message ?? String(error)}`;
  return coreFinding(CORE_RULES.internalError, file, 1, 1, message, context);
}

function resourceIdentity(resource: ModelResource): { type: string; name: string } {
  return { type: resource.resource.type, name: isUnknown(resource.name) ? '(unknown)' : resource.name };
}

function toFinding(raw: RawFinding, context: LintContext): Finding {
  const source = raw.resource.resource;
  const inDocument = isExpandedResource(source) ? source.locateInDocument(raw.path) : undefined;
  const location = inDocument ? toSourceLocation(inDocument) : source.locate(raw.path);
  const resource = resourceIdentity(raw.resource);
  const finding: Finding = {
    ruleId: raw.ruleId,
    severity: raw.severity,
    message: raw.message,
    messageId: raw.messageId,
    file: source.file,
    line: location.line,
    column: location.column,
    endLine: location.endLine,
    endColumn: location.endColumn,
    resource,
    path: formatPath(raw.path),
    requirements: raw.requirements,
  };
  if (raw.fix) {
    const fix = computeFix(source, raw.fix);
    if (fix) finding.fix = fix;
  }
  const suppressed = suppressionFor(
    {
      ruleId: raw.ruleId,
      resourceName: isUnknown(raw.resource.name) ? undefined : raw.resource.name,
      file: context.relativeToConfig?.(source.file) ?? source.file,
      metadata: source.metadata,
    },
    context.suppressions ?? new ConfigSuppressions(),
  );
  if (suppressed) finding.suppressed = suppressed;
  if (isExpandedResource(source)) noteDeclaration(finding, source.document.file, source.declarationPath);
  return finding;
}

function isExpandedResource(source: ModelResource['resource']): source is ExpandedResource {
  return 'locateInDocument' in source;
}

/** A finding of a core rule (not a model rule), with its configured severity and config suppressions. */
export function coreFinding(rule: CoreRule, file: string, line: number, column: number, message: string, context: LintContext): Finding {
  const setting = ruleSetting(rule, context.settings);
  // An `off` core finding is dropped later (isEnabled), not here: callers may still count it.
  const severity: Severity = setting === 'off' ? rule.severity : setting;
  const finding: Finding = { ruleId: rule.id, severity, message, file, line, column, requirements: rule.requirements };
  // A glob such as `*` must not hide that a file was not checked.
  const suppressed = ALWAYS_REPORTED.has(rule.id)
    ? undefined
    : context.suppressions?.match({ ruleId: rule.id, file: context.relativeToConfig?.(file) ?? file });
  if (suppressed) finding.suppressed = suppressed;
  return finding;
}

const DIAGNOSTIC_RULES: Partial<Record<Diagnostic['code'], CoreRule>> = {
  'invalid-expression': CORE_RULES.invalidExpression,
  'expansion-limit': CORE_RULES.expansionLimit,
};

function diagnosticFinding(diagnostic: Diagnostic, context: LintContext): Finding {
  const rule = DIAGNOSTIC_RULES[diagnostic.code] ?? CORE_RULES.invalidTemplate;
  const { range } = diagnostic.document.locate(diagnostic.path as JsonPath);
  return { ...coreFinding(rule, diagnostic.document.file, range.line, range.column, diagnostic.message, context), path: formatPath(diagnostic.path) };
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) =>
    a.file === b.file ? a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId, 'en') : a.file < b.file ? -1 : 1,
  );
}

/** Findings of core rules switched off in the settings are dropped (they are not suppressed: the user turned them off). */
export function isEnabled(finding: Finding, settings: ReadonlyMap<string, RuleSetting> | undefined): boolean {
  return settings?.get(finding.ruleId) !== 'off';
}
