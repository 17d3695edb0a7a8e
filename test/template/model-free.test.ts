/**
 * Declarations with no type the rules read are not expanded by the linter (model-free.ts), and
 * the diagnostics their expressions raise stay exactly what expanding them reported.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { lintTemplate, prepareTemplate } from '../../src/engine/lint.js';
import { expandTemplate } from '../../src/template/expand.js';
import { readJsonDocument } from '../../src/template/json.js';
import { MODEL_RESOURCE_TYPES } from '../../src/model/build.js';
import { TODAY } from '../helpers/lint-fixture.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const EAGER = new Set(MODEL_RESOURCE_TYPES);

function template(resources: unknown[], extra: Record<string, unknown> = {}) {
  return JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: { n: { type: 'string', defaultValue: 'a' } }, ...extra, resources }, null, 2);
}

function expandedTypes(text: string, eager = true): string[] {
  const read = readJsonDocument('t.json', text);
  if (!read.ok) throw new Error(read.error.message);
  return expandTemplate(read.document, { eagerTypes: eager ? EAGER : undefined }).resources.map((resource) => resource.type);
}

const nsg = (name: string) => ({ type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-04-01', name });
const vm = { type: 'Microsoft.Compute/virtualMachines', apiVersion: '2023-03-01', name: 'vm', properties: {} };

/** A nested deployment whose template has its own scope (`expressionEvaluationOptions.scope: inner`). */
const innerDeployment = (template: Record<string, unknown>) => ({
  type: 'Microsoft.Resources/deployments',
  apiVersion: '2022-09-01',
  name: 'inner',
  properties: {
    mode: 'Incremental',
    expressionEvaluationOptions: { scope: 'inner' },
    template: { $schema: SCHEMA, contentVersion: '1.0.0.0', ...template },
  },
});

describe('model-free declarations', () => {
  it('are skipped when nothing in them is read by the rules', () => {
    const text = template([nsg("[parameters('n')]"), vm]);
    expect(expandedTypes(text)).toEqual(['Microsoft.Compute/virtualMachines']);
    expect(expandedTypes(text, false)).toHaveLength(2);
  });

  it('are expanded when a child or a nested template declares a model type', () => {
    expect(expandedTypes(template([innerDeployment({ resources: [vm] })]))).toEqual(['Microsoft.Resources/deployments', 'Microsoft.Compute/virtualMachines']);
  });

  it.each([
    ['an undeclared parameter', "[parameters('missing')]"],
    ['an undeclared variable', "[variables('missing')]"],
    ['a syntax error', "[concat('a',]"],
    ['a wrong argument count', '[concat()]'],
  ])('still report %s in their expressions', (_what, name) => {
    const findings = lintTemplate({ file: 't.json', text: template([nsg(name)]) }, { rules: ALL_RULES, today: TODAY }).findings;
    expect(findings.map((finding) => finding.ruleId)).toEqual(['template/invalid-expression']);
  });

  it('still report a variable that a skipped expression reads', () => {
    const text = template([nsg("[variables('v')]")], { variables: { v: "[parameters('missing')]" } });
    const findings = lintTemplate({ file: 't.json', text }, { rules: ALL_RULES, today: TODAY }).findings;
    expect(findings.map((finding) => `${finding.ruleId} ${finding.path}`)).toEqual(['template/invalid-expression variables.v']);
  });

  // The check keeps what it learned per expression text, not per scope: the same text is judged again in each scope.
  it('judge the same expression text in each scope it appears in', () => {
    const inner = (parameters: Record<string, unknown>) => innerDeployment({ parameters, resources: [nsg("[parameters('p')]")] });
    const text = template([inner({ p: { type: 'string', defaultValue: 'x' } }), inner({})]);
    const findings = lintTemplate({ file: 't.json', text }, { rules: ALL_RULES, today: TODAY }).findings;
    expect(findings.map((finding) => `${finding.ruleId} ${finding.path}`)).toEqual([
      'template/invalid-expression resources[1].properties.template.resources[0].name',
    ]);
  });

  it('expand a call of a user function where the template declares functions, and skip it where none are declared', () => {
    const functions = [{ namespace: 'ns', members: { f: { parameters: [], output: { type: 'string', value: 'x' } } } }];
    expect(expandedTypes(template([nsg('[ns.f()]'), vm]))).toEqual(['Microsoft.Compute/virtualMachines']);
    expect(expandedTypes(template([nsg('[ns.f()]'), vm], { functions }))).toEqual([
      'Microsoft.Network/networkSecurityGroups',
      'Microsoft.Compute/virtualMachines',
    ]);
  });

  // The oracle: expanding everything. What the check skips must raise nothing that expanding it raises.
  it('report what a whole expansion reports, for any expressions in headers, variables and nested templates', () => {
    const atom = fc.constantFrom(
      "parameters('n')",
      "parameters('missing')",
      "variables('v')",
      "variables('w')",
      "variables('missing')",
      "variables('loop')",
      "'text'",
      '1',
      'ns.f()',
      'length()',
      "toLower('a', 'b')",
      'utcNow()',
      'reference(1)',
      "concat('a',",
      "valueOf('x')",
    );
    const expression = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small' },
        atom,
        fc.tuple(fc.constantFrom('concat', 'if', 'string'), fc.array(tie('e'), { minLength: 1, maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
        tie('e').map((e) => `${e}.x`),
      ),
    })).e;
    const variables = { v: "[parameters('n')]", w: { a: "[variables('v')]", b: ["[parameters('missing')]"] }, loop: "[variables('loop')]" };
    const functions = [{ namespace: 'ns', members: { f: { parameters: [], output: { type: 'string', value: 'y' } } } }];
    const inner = (name: string, withFunctions: boolean) =>
      innerDeployment({ parameters: { n: { type: 'string', defaultValue: 'x' } }, variables, ...(withFunctions ? { functions } : {}), resources: [nsg(name)] });
    const diagnostics = (text: string, expandAll: boolean) =>
      prepareTemplate({ file: 't.json', text }, undefined, { rules: ALL_RULES, today: TODAY }, { expandAll })
        .findings.map((finding) => `${finding.ruleId} ${finding.path} ${finding.message}`)
        .sort();
    fc.assert(
      fc.property(expression, expression, expression, fc.boolean(), (root, condition, nested, withFunctions) => {
        const resources = [{ ...nsg(`[${root}]`), condition: `[${condition}]` }, inner(`[${nested}]`, withFunctions)];
        const text = template(resources, { variables });
        expect(diagnostics(text, false)).toEqual(diagnostics(text, true));
      }),
      { numRuns: 300 },
    );
  });
});
