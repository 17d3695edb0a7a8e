/**
 * Issue 14: equal findings of the instances of one copy loop are one finding with their count;
 * findings of different declarations, or that differ in what a user sees, stay apart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { lintTemplate } from '../../src/engine/lint.js';
import { ConfigSuppressions } from '../../src/engine/suppressions.js';
import { FIXTURES, TODAY } from '../helpers/lint-fixture.js';

const RULE = 'guest-patching/windows-automatic-updates';
/** Two VMs of a copy loop whose osProfile comes from one variable (the finding is at line 18, in the variable). */
const fixture = JSON.parse(readFileSync(join(FIXTURES, 'rules', RULE, 'invalid', 'copy-loop-profile-variable.json'), 'utf8')) as {
  resources: Array<Record<string, unknown>>;
};

function lint(template: unknown, suppressions?: ConfigSuppressions) {
  const text = `${JSON.stringify(template, null, 2)}\n`;
  return lintTemplate({ file: 'loop.json', text }, { rules: ALL_RULES, today: TODAY, suppressions }).findings.filter((finding) => finding.ruleId === RULE);
}

const withCount = (count: number) => ({
  ...fixture,
  resources: fixture.resources.map((resource) => (resource.copy ? { ...resource, copy: { name: 'vms', count } } : resource)),
});

describe('copy-loop grouping', () => {
  it('reports the instances of one loop once, with the count in the field and the message', () => {
    const findings = lint(withCount(5));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ instances: 5, resource: { name: 'web0' } });
    expect(findings[0].message).toMatch(/ \(5 copy-loop instances\)$/);
  });

  it('keeps a lone instance as it was', () => {
    const findings = lint(withCount(1));
    expect(findings).toHaveLength(1);
    expect(findings[0].instances).toBeUndefined();
    expect(findings[0].message).not.toContain('copy-loop');
  });

  it('keeps two declarations that read one variable apart', () => {
    const vm = fixture.resources.find((resource) => resource.copy)!;
    const { copy: _copy, ...single } = vm;
    const template = {
      ...fixture,
      resources: [
        { ...single, name: 'a' },
        { ...single, name: 'b' },
      ],
    };
    const findings = lint(template);
    expect(findings.map((finding) => [finding.resource?.name, finding.line, finding.instances])).toEqual([
      ['a', 18, undefined],
      ['b', 18, undefined],
    ]);
  });

  it('groups by suppression: a suppressed instance is not counted with the others', () => {
    const suppressions = new ConfigSuppressions([{ rules: [RULE], resources: ['web1'], reason: 'kept' }]);
    const findings = lint(withCount(3), suppressions);
    expect(findings.map((finding) => [finding.resource?.name, finding.instances, finding.suppressed?.kind])).toEqual([
      ['web0', 2, undefined],
      ['web1', undefined, 'config'],
    ]);
  });
});
