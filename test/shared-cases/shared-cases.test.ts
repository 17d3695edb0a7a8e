/**
 * The shared cases (cases.ts): a component and `patchwise lint` on the equivalent ARM template
 * report the same rules. The component is run with every requirement id allowed, so that it logs
 * each violation instead of throwing the first; without the allowance it throws one of them.
 */
import * as pulumi from '@pulumi/pulumi';
import { beforeEach, describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { REQUIREMENTS } from '../../src/catalog/requirements.js';
import { lintTemplate } from '../../src/engine/lint.js';
import {
  AutoUpgradedExtension,
  AutoUpgradingScaleSet,
  PatchedFlexibleScaleSet,
  PatchedVirtualMachine,
  PatchwiseConfigError,
  type RequirementId,
} from '../../components/pulumi/index.js';
import { TODAY } from '../helpers/lint-fixture.js';
import { TEMPLATE_SCHEMA } from '../helpers/scratch.js';
import { thrown, useMocks, type MockRecorder } from '../pulumi/helpers/mocks.js';
import { SHARED_CASES, type ComponentCase, type SharedCase } from './cases.js';

const EVERY_REQUIREMENT = REQUIREMENTS.map((requirement) => requirement.id as RequirementId);

function construct(entry: ComponentCase, unsafeAllowInvalid?: RequirementId[]): pulumi.ComponentResource {
  const name = 'case';
  switch (entry.component) {
    case 'PatchedVirtualMachine':
      return new PatchedVirtualMachine(name, { ...entry.args, unsafeAllowInvalid });
    case 'AutoUpgradingScaleSet':
      return new AutoUpgradingScaleSet(name, { ...entry.args, unsafeAllowInvalid });
    case 'PatchedFlexibleScaleSet':
      return new PatchedFlexibleScaleSet(name, { ...entry.args, unsafeAllowInvalid });
    case 'AutoUpgradedExtension':
      return new AutoUpgradedExtension(name, { ...entry.args, unsafeAllowInvalid });
  }
}

/** Rule ids of the errors and warnings `patchwise lint` reports on the case's template. */
function lintRules(entry: SharedCase): string[] {
  const text = JSON.stringify({ $schema: TEMPLATE_SCHEMA, contentVersion: '1.0.0.0', resources: entry.arm }, null, 2);
  const findings = lintTemplate({ file: 'case.json', text }, { rules: ALL_RULES, today: TODAY }).findings;
  return unique(findings.filter((finding) => finding.severity !== 'info').map((finding) => finding.ruleId));
}

/** Rule ids of the violations the component logs when every requirement id is allowed. */
function componentRules(entry: SharedCase, mocks: MockRecorder): string[] {
  construct(entry.component, EVERY_REQUIREMENT);
  const allowed = mocks.logs.filter((log) => log.severity === 'warn' && log.message.includes('allowed by unsafeAllowInvalid'));
  return unique(allowed.map((log) => /\[([a-z-]+\/[a-z0-9-]+)[;\]]/.exec(log.message)?.[1] ?? `(no rule) ${log.message}`));
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)].sort();
}

let mocks: MockRecorder;
beforeEach(async () => {
  mocks = await useMocks();
});

describe('shared cases: components and lint name the same rules', () => {
  it('cover every component that judges with the rules', () => {
    expect(new Set(SHARED_CASES.map((entry) => entry.component.component))).toEqual(
      new Set(['PatchedVirtualMachine', 'AutoUpgradingScaleSet', 'PatchedFlexibleScaleSet', 'AutoUpgradedExtension']),
    );
  });

  it.each(SHARED_CASES.map((entry) => [entry.name, entry] as const))('%s', (_, entry) => {
    expect(lintRules(entry)).toEqual(entry.rules);
    expect(componentRules(entry, mocks)).toEqual(entry.rules);
    if (entry.rules.length === 0) return;
    const error = thrown(() => construct(entry.component));
    expect(error).toBeInstanceOf(PatchwiseConfigError);
    expect(entry.rules).toContain((error as PatchwiseConfigError).ruleId);
  });
});
