/** `npm run new-rule` and `npm run findings`: the scaffold writes what the registry and the rule tester expect. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/lint-fixture.js';

const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

describe('npm run new-rule', () => {
  it('creates the rule, registers it, and adds docs, fixture and test; refuses to overwrite', () => {
    const root = mkdtempSync(join(tmpdir(), 'patchwise-scaffold-'));
    mkdirSync(join(root, 'docs', 'rules'), { recursive: true });
    cpSync(join(REPO_ROOT, 'rules', 'index.ts'), join(root, 'rules', 'index.ts'));
    cpSync(join(REPO_ROOT, 'docs', 'rules', 'TEMPLATE.md'), join(root, 'docs', 'rules', 'TEMPLATE.md'));
    const run = (args: string[]) =>
      execFileSync(tsx, [join(REPO_ROOT, 'scripts', 'new-rule.ts'), ...args], { env: { ...process.env, PATCHWISE_SCAFFOLD_ROOT: root }, encoding: 'utf8' });
    run(['guest-patching/reboot-window', '--requirements', 'GP1', '--targets', 'virtualMachine,scaleSet']);
    const rule = readFileSync(join(root, 'rules', 'guest-patching', 'reboot-window.ts'), 'utf8');
    expect(rule).toContain("id: 'guest-patching/reboot-window'");
    expect(rule).toContain("targets: ['virtualMachine', 'scaleSet']");
    const registry = readFileSync(join(root, 'rules', 'index.ts'), 'utf8');
    expect(registry).toContain("import rebootWindow from './guest-patching/reboot-window.js';");
    expect(registry).toMatch(/ {2}rebootWindow,\n\];\n$/);
    expect(readFileSync(join(root, 'docs', 'rules', 'guest-patching', 'reboot-window.md'), 'utf8')).toMatch(/^# guest-patching\/reboot-window\n/);
    expect(existsSync(join(root, 'fixtures', 'arm', 'rules', 'guest-patching', 'reboot-window', 'invalid', 'example.json'))).toBe(true);
    expect(readFileSync(join(root, 'test', 'rules', 'guest-patching', 'reboot-window.test.ts'), 'utf8')).toContain('testRule(rule,');
    expect(() => run(['guest-patching/reboot-window'])).toThrow(/already there/);
    expect(() => run(['Bad Name'])).toThrow(/usage/);
  }, 60_000);
});

describe('npm run findings', () => {
  it('prints the rule-tester rows of a fixture, other rules with their id', () => {
    const out = execFileSync(tsx, [join(REPO_ROOT, 'scripts', 'findings.ts'), 'rules/guest-patching/vm-agent-required/invalid/key-in-another-case.json'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(out.trim().split('\n')).toEqual([
      "{ messageId: 'agentDisabled', path: 'properties.osProfile.windowsConfiguration.provisionVmAgent', line: 29, fix: true },",
      "{ ruleId: 'schema/property-api-version', messageId: 'caseOnly', path: 'properties.osProfile.windowsConfiguration.provisionVmAgent', line: 29, severity: 'warning' },",
    ]);
  }, 60_000);
});
