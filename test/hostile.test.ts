/** Hostile or pathological templates: a finding or a limit, never a crash, never a polluted prototype. */
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { lintTemplate } from '../src/engine/lint.js';
import { TODAY } from './helpers/lint-fixture.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const vm = (extra: Record<string, unknown>) => ({ type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-03-01', name: 'vm', properties: {}, ...extra });
const lint = (text: string) => lintTemplate({ file: 'hostile.json', text }, { rules: ALL_RULES, today: TODAY }).findings;

describe('hostile templates', () => {
  it('nesting deeper than the tree builder can recurse: located by scanning', () => {
    const text = `{"$schema":"${SCHEMA}","resources":[{"type":"Microsoft.Compute/virtualMachines","apiVersion":"2024-03-01","name":"vm","properties":${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}}]}`;
    const findings = lint(text);
    expect(findings.map((finding) => finding.ruleId)).toContain('template/expansion-limit');
    expect(findings.find((finding) => finding.ruleId === 'schema/property-api-version')).toMatchObject({ line: 1, column: 203 });
    expect(findings.some((finding) => finding.ruleId === 'internal-error')).toBe(false);
  });

  it('a copy count far above ARM limits is capped with a finding', () => {
    const text = JSON.stringify({ $schema: SCHEMA, resources: [vm({ name: "[concat('vm', copyIndex())]", copy: { name: 'c', count: 100000 } })] });
    expect(lint(text).map((finding) => finding.ruleId)).toEqual(['template/expansion-limit']);
  });

  it('variables that refer to each other are unknown, not an endless loop', () => {
    const text = JSON.stringify({
      $schema: SCHEMA,
      variables: { a: "[variables('b')]", b: "[variables('a')]" },
      resources: [vm({ name: "[variables('a')]" })],
    });
    expect(lint(text).filter((finding) => finding.severity === 'error')).toEqual([]);
  });

  it('an expression nested thousands deep is a warning', () => {
    const text = JSON.stringify({ $schema: SCHEMA, resources: [vm({ name: `[${'concat('.repeat(3000)}'x'${')'.repeat(3000)}]` })] });
    expect(lint(text).map((finding) => finding.ruleId)).toEqual(['template/invalid-expression']);
  });

  it('__proto__ and constructor keys stay data', () => {
    const text = `{"$schema":"${SCHEMA}","parameters":{"__proto__":{"type":"string","defaultValue":"x"}},"resources":[{"type":"Microsoft.Compute/virtualMachines","apiVersion":"2024-03-01","name":"vm","__proto__":{"polluted":true},"properties":{"constructor":{"prototype":{"polluted":true}}}}]}`;
    lint(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});
