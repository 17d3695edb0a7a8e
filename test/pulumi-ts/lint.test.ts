import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { lintPulumiProgram } from '../../components/typescript/lint.js';
import { applyFixes } from '../../src/engine/fixes.js';
import type { Finding } from '../../src/engine/finding.js';
import { REPO_ROOT, TODAY } from '../helpers/lint-fixture.js';

const FIXTURES = join(REPO_ROOT, 'fixtures', 'pulumi');

function lint(file: string, text: string): Finding[] {
  return lintPulumiProgram({ file, text }, { rules: ALL_RULES, today: TODAY }).findings;
}

function programs(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? programs(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** `// expect: rule-a, rule-b` at the end of a line: those findings, on that line. */
function expectations(text: string): string[] {
  return text.split('\n').flatMap((line, index) => {
    const match = /\/\/ expect: (.+)$/.exec(line);
    return match ? match[1].split(',').map((id) => `${index + 1} ${id.trim()}`) : [];
  });
}

const active = (findings: Finding[]) => findings.filter((finding) => !finding.suppressed && finding.severity !== 'info');

describe('patchwise lint on Pulumi TypeScript: fixtures (twins of the ARM cases)', () => {
  for (const path of programs(FIXTURES)) {
    const name = relative(FIXTURES, path);
    it(name, () => {
      const text = readFileSync(path, 'utf8');
      const found = active(lint(name, text)).map((finding) => `${finding.line} ${finding.ruleId}`);
      expect(found.sort()).toEqual(expectations(text).sort());
      if (name.startsWith('invalid/')) expect(found.length).toBeGreaterThan(0);
    });
  }

  it("the repository's own example program lints clean", () => {
    expect(active(lint('examples/program.ts', readFileSync(join(REPO_ROOT, 'examples', 'program.ts'), 'utf8')))).toEqual([]);
  });
});

const vm = (imports: string, constructor: string, windowsConfiguration: string) => `${imports}
new ${constructor}('vm', {
  resourceGroupName: 'rg',
  vmName: 'vm1',
  osProfile: {
    windowsConfiguration: ${windowsConfiguration},
  },
  storageProfile: { imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter', version: 'latest' } },
});
`;
const offWithOs = `{ enableAutomaticUpdates: false, patchSettings: { patchMode: 'AutomaticByOS' } }`;

describe('import forms', () => {
  const forms: Array<[string, string]> = [
    [`import * as azure from '@pulumi/azure-native';`, 'azure.compute.VirtualMachine'],
    [`import azure from '@pulumi/azure-native';`, 'azure.compute.VirtualMachine'],
    [`import { compute } from '@pulumi/azure-native';`, 'compute.VirtualMachine'],
    [`import { compute as c } from "@pulumi/azure-native";`, 'c.VirtualMachine'],
    [`import * as compute from '@pulumi/azure-native/compute';`, 'compute.VirtualMachine'],
    [`import * as compute from '@pulumi/azure-native/compute/index.js';`, 'compute.VirtualMachine'],
    [`import * as compute from '@pulumi/azure-native/compute/v20240701';`, 'compute.VirtualMachine'],
    [`import * as azure from '@pulumi/azure-native';`, 'azure.compute.v20240701.VirtualMachine'],
    [`import { VirtualMachine } from '@pulumi/azure-native/compute';`, 'VirtualMachine'],
    [`import { VirtualMachine as Machine } from '@pulumi/azure-native/compute/index.js';`, 'Machine'],
    [`import compute = require('@pulumi/azure-native/compute');`, 'compute.VirtualMachine'],
    [`const { VirtualMachine } = require('@pulumi/azure-native/compute');`, 'VirtualMachine'],
  ];
  it.each(forms)('%s new %s', (imports, constructor) => {
    const findings = active(lint('index.ts', vm(imports, constructor, offWithOs)));
    expect(findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`)).toEqual(['6:29 guest-patching/windows-automatic-updates']);
  });

  it('reads nothing from other packages or shadowing names', () => {
    expect(lint('index.ts', vm(`import * as compute from '@pulumi/azure/compute';`, 'compute.VirtualMachine', offWithOs))).toEqual([]);
    expect(lint('index.ts', vm(`class VirtualMachine { constructor(_n: string, _a: unknown) {} }`, 'VirtualMachine', offWithOs))).toEqual([]);
  });

  it('enum members of azure-native and of types/enums are their values', () => {
    const enumMode = vm(
      `import * as compute from '@pulumi/azure-native/compute';\nimport * as enums from '@pulumi/azure-native/types/enums';`,
      'compute.VirtualMachine',
      `{ enableAutomaticUpdates: false, patchSettings: { patchMode: enums.compute.WindowsVMGuestPatchMode.AutomaticByOS } }`,
    );
    expect(active(lint('index.ts', enumMode)).map((finding) => finding.ruleId)).toEqual(['guest-patching/windows-automatic-updates']);
  });
});

describe('values: known, unknown, positions', () => {
  const imports = `import * as compute from '@pulumi/azure-native/compute';`;
  it('const values, template literals, spreads of known objects and `as const` are known', () => {
    const text = `${imports}
const off = false;
const base = { enableAutomaticUpdates: off } as const;
const mode = \`Automatic\${'By'}OS\`;
${vm('', 'compute.VirtualMachine', `{ ...base, patchSettings: { patchMode: mode } }`)}`;
    const findings = active(lint('index.ts', text));
    expect(findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`)).toEqual(['3:16 guest-patching/windows-automatic-updates']);
    expect(findings[0].fix).toBeUndefined(); // a shared const is never rewritten
  });

  it('an unknown spread after known keys makes the object unknown (it could hold anything)', () => {
    const text = `${imports}\ndeclare const more: object;\n${vm('', 'compute.VirtualMachine', `{ enableAutomaticUpdates: false, patchSettings: { patchMode: 'AutomaticByOS' }, ...more }`)}`;
    expect(lint('index.ts', text)).toEqual([]);
  });

  it('a syntax error is a parse-error finding at its position, never a pass', () => {
    const findings = lint('broken.ts', `${imports}\nnew compute.VirtualMachine('vm', { osProfile: { ) });\n`);
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'parse-error', line: 2, severity: 'error' })]);
  });

  it('lints a file in well under a second once ts-morph is loaded', () => {
    const text = readFileSync(join(FIXTURES, 'invalid', 'os-upgrade-windows-automatic-updates', 'updates-on.ts'), 'utf8');
    lint('warm.ts', text);
    const start = performance.now();
    lint('timed.ts', text);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('suppressions by comment', () => {
  const imports = `import * as compute from '@pulumi/azure-native/compute';`;
  it('on the line above the property, with a reason', () => {
    const text = vm(
      imports,
      'compute.VirtualMachine',
      `{\n      // patchwise-disable-next-line guest-patching/windows-automatic-updates moved from Manual, see ticket 12\n      enableAutomaticUpdates: false, patchSettings: { patchMode: 'AutomaticByOS' } }`,
    );
    const [finding] = lint('index.ts', text);
    expect(finding).toMatchObject({
      ruleId: 'guest-patching/windows-automatic-updates',
      suppressed: { kind: 'inline', reason: 'moved from Manual, see ticket 12' },
    });
  });

  it('on the same line, and as in templates an unused or unknown one is a finding', () => {
    const text = vm(
      imports,
      'compute.VirtualMachine',
      `{ enableAutomaticUpdates: false, patchSettings: { patchMode: 'AutomaticByOS' } } // patchwise-disable-line guest-patching/* legacy`,
    );
    // (the helper writes the comma after the value, so it ends the reason)
    expect(lint('index.ts', text).map((finding) => [finding.ruleId, finding.suppressed?.reason])).toEqual([
      ['guest-patching/windows-automatic-updates', 'legacy,'],
    ]);
    const unused = `${imports}\n// patchwise-disable-next-line extensions/auto-upgrade-minor-version nothing here\nconst x = 1;\n`;
    expect(lint('index.ts', unused).map((finding) => finding.ruleId)).toEqual(['suppression/unused']);
    const typo = `${imports}\n// patchwise-disable-next-line guest-patching/no-such-rule\nconst x = 1;\n`;
    expect(lint('index.ts', typo).map((finding) => finding.ruleId)).toEqual(['suppression/unknown-rule']);
  });
});

describe('fixes are text edits of the .ts file', () => {
  const fixAll = (text: string) => {
    const findings = lint('index.ts', text).filter((finding) => finding.fix);
    return applyFixes(
      text,
      findings.map((finding) => finding.fix!),
    ).text;
  };

  it('replaces a literal in its own quote style and keeps the formatting', () => {
    const path = join(FIXTURES, 'invalid', 'vm-agent-required', 'platform-without-agent.ts');
    const text = readFileSync(path, 'utf8');
    const fixed = fixAll(text);
    expect(fixed).toBe(text.replace('provisionVMAgent: false, // expect', 'provisionVMAgent: true, // expect'));
    expect(fixed.replace(/ \/\/ expect: .*/g, '')).not.toContain('provisionVMAgent: false');
  });

  it('keeps an enum member an enum member', () => {
    const text = `import * as compute from '@pulumi/azure-native/compute';
new compute.VirtualMachineScaleSet('vmss', {
  resourceGroupName: 'rg',
  vmScaleSetName: 'sf',
  upgradePolicy: { mode: compute.UpgradeMode.Rolling },
  virtualMachineProfile: {
    extensionProfile: { extensions: [{ name: 'sf', publisher: 'Microsoft.Azure.ServiceFabric', type: 'ServiceFabricNode', typeHandlerVersion: '1.1', autoUpgradeMinorVersion: true, settings: { durabilityLevel: 'Silver' } }] },
  },
});
`;
    const finding = lint('index.ts', text).find((candidate) => candidate.ruleId === 'orchestration/service-fabric');
    expect(finding?.fix?.edits).toEqual([{ offset: text.indexOf('Rolling'), length: 'Rolling'.length, content: 'Automatic' }]);
  });

  it('adds a missing property to the object literal written in the resource, on its own line', () => {
    const text = `import * as compute from '@pulumi/azure-native/compute';
new compute.VirtualMachineExtension('monitor', {
  resourceGroupName: 'rg',
  vmName: 'vm1',
  publisher: 'Microsoft.Azure.Monitor',
  type: 'AzureMonitorLinuxAgent',
  typeHandlerVersion: '1.0',
  enableAutomaticUpgrade: true,
  autoUpgradeMinorVersion: false,
});
`;
    expect(fixAll(text)).toBe(text.replace('autoUpgradeMinorVersion: false', 'autoUpgradeMinorVersion: true'));
  });

  it('never edits a value from a const, a call or a spread', () => {
    const text = `import * as compute from '@pulumi/azure-native/compute';
const agent = false;
new compute.VirtualMachine('vm', {
  resourceGroupName: 'rg',
  vmName: 'vm1',
  osProfile: { windowsConfiguration: { provisionVMAgent: agent, enableAutomaticUpdates: true, patchSettings: { patchMode: 'AutomaticByPlatform' } } },
  storageProfile: { imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition', version: 'latest' } },
});
`;
    const findings = active(lint('index.ts', text));
    expect(findings.map((finding) => finding.ruleId)).toEqual(['guest-patching/vm-agent-required']);
    expect(findings[0].fix).toBeUndefined();
  });
});
