/**
 * patchwise as a new user gets it: a temporary project installs the `npm pack` tarball (offline),
 * runs `npx patchwise lint`, type-checks and runs CommonJS and ES module Pulumi programs that use
 * the components, runs the README's library example as written, and starts the shipped policy
 * pack under Pulumi's own runner. Needs the build (`npm test` runs it first). Each step's time is
 * printed at the end.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO_ROOT } from '../helpers/lint-fixture.js';
import { createConsumerProject, run, timed, type ConsumerProject } from './consumer-project.js';
import { startPolicyPack } from './policy-pack-runner.js';

const PROJECTS = join(REPO_ROOT, 'test', 'install', 'projects');
/** Pulumi's default template (CommonJS, node10 resolution), CommonJS with Node's resolution, and an ES module project. */
const PROGRAMS = ['cjs', 'cjs-node16', 'esm'] as const;
const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

let consumer: ConsumerProject;

/** The README's library example, verbatim: the first TypeScript block under `## Library`. */
function readmeLibraryExample(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Library\n'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('README.md: no ```ts block under ## Library');
  return match[1];
}

/** examples/program.ts as a user's file: importing the installed package instead of the sources. */
function exampleProgram(): string {
  const source = readFileSync(join(REPO_ROOT, 'examples', 'program.ts'), 'utf8');
  const fromSources = "from '../components/pulumi/index.js'";
  if (!source.includes(fromSources)) throw new Error(`examples/program.ts no longer imports ${fromSources}`);
  return source.replace(fromSources, "from 'patchwise/pulumi'");
}

function setUpPrograms(dir: string): void {
  for (const program of PROGRAMS) {
    const target = join(dir, program);
    mkdirSync(target, { recursive: true });
    for (const file of ['package.json', 'tsconfig.json']) copyFileSync(join(PROJECTS, program, file), join(target, file));
    copyFileSync(join(PROJECTS, 'program.ts'), join(target, 'program.ts'));
    writeFileSync(join(target, 'example.ts'), exampleProgram());
  }
  writeFileSync(join(dir, 'esm', 'library.ts'), readmeLibraryExample());
}

beforeAll(async () => {
  consumer = await createConsumerProject();
  setUpPrograms(consumer.dir);
}, 120_000);

afterAll(() => {
  if (!consumer) return;
  const steps = Object.entries(consumer.timings).map(([step, ms]) => `  ${step.padEnd(36)} ${(ms / 1000).toFixed(2)} s`);
  const size = `  tarball ${(consumer.pack.size / 1024).toFixed(0)} KiB, ${(consumer.pack.unpackedSize / 1024 / 1024).toFixed(2)} MiB unpacked, ${consumer.pack.files.length} files`;
  process.stdout.write(`\nconsumer project (${consumer.dir}):\n${steps.join('\n')}\n${size}\n`);
  rmSync(dirname(consumer.dir), { recursive: true, force: true });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON printed by the consumer program, read by path
type RegisteredInputs = Record<string, any>;

describe('the npm package', () => {
  it('holds what users run and no tests or sources', () => {
    const paths = consumer.pack.files.map((file) => file.path);
    for (const needed of [
      'LICENSE',
      'README.md',
      'bin/patchwise.js',
      'dist/cli/main.js',
      'dist/src/api.js',
      'dist/cjs/package.json',
      'dist/cjs/src/api.js',
      'dist/cjs/components/pulumi/index.js',
      'dist/cjs/components/pulumi/index.d.ts',
      'dist/cjs/components/policy/index.js',
      'policy-pack/PulumiPolicy.yaml',
      'policy-pack/package.json',
      'policy-pack/index.js',
      'schemas/config.schema.json',
      'docs/rules/guest-patching/windows-automatic-updates.md',
    ]) {
      expect(paths, needed).toContain(needed);
    }
    expect(paths.filter((path) => /(^|\/)(test|fixtures|scripts|bench)\//.test(path) || /\.test\.|(?<!\.d)\.ts$/.test(path))).toEqual([]);
  });

  it('ships a policy pack of the same version, depending on published packages only', () => {
    const pack = JSON.parse(readFileSync(join(consumer.dir, 'node_modules', 'patchwise', 'policy-pack', 'package.json'), 'utf8')) as {
      version: string;
      dependencies: Record<string, string>;
    };
    const own = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(pack.version).toBe(own.version);
    expect(Object.keys(pack.dependencies).sort()).toEqual(['@pulumi/policy', '@pulumi/pulumi']);
  });
});

describe('a project that installed the tarball', () => {
  it('runs `npx patchwise lint`', async () => {
    copyFileSync(join(FIXTURES, 'rules/guest-patching/windows-automatic-updates/invalid/manual-with-default-updates.json'), join(consumer.dir, 'main.json'));
    const result = await timed(consumer.timings, 'npx patchwise lint', () =>
      run('npx', ['--no-install', 'patchwise', 'lint', 'main.json', '--format', 'json'], { cwd: consumer.dir }).then(
        () => ({ code: 0, stdout: '' }),
        (error: { code: number; stdout: string }) => error,
      ),
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; file: string }> };
    expect(report.findings.map((finding) => finding.ruleId)).toContain('guest-patching/windows-automatic-updates');
  });

  it('type-checks CommonJS and ES module Pulumi programs (and the README library example)', async () => {
    // One tsc process builds the three projects.
    const result = await timed(consumer.timings, 'tsc -b cjs cjs-node16 esm', () =>
      run(process.execPath, [TSC, '-b', ...PROGRAMS], { cwd: consumer.dir }).then(
        () => ({ code: 0, stdout: '' }),
        (error: { code: number; stdout: string }) => error,
      ),
    );
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  }, 120_000);

  for (const program of PROGRAMS) {
    it(`runs the ${program} program under Pulumi's mocks`, async () => {
      // What the program printed: azure-native inputs, read by path below (a test of their values, not of their types).
      const { stdout } = await timed(consumer.timings, `run ${program} under mocks`, () =>
        run(process.execPath, [join(program, 'bin', 'program.js')], { cwd: consumer.dir }),
      );
      const output = JSON.parse(stdout) as { misuse: string; registered: Array<{ type: string; name: string; inputs: RegisteredInputs }> };
      expect(output.registered.map((resource) => `${resource.type} ${resource.name}`).sort()).toEqual([
        'azure-native:compute:VirtualMachine app-linux',
        'azure-native:compute:VirtualMachine app-win',
        'azure-native:compute:VirtualMachineExtension app-win-monitor',
        'azure-native:compute:VirtualMachineScaleSet api',
        'azure-native:compute:VirtualMachineScaleSet web',
        'azure-native:maintenance:ConfigurationAssignment app-linux-schedule',
        'azure-native:maintenance:MaintenanceConfiguration weekly',
        'patchwise:azure:AutoUpgradedExtension app-win-monitor',
        'patchwise:azure:AutoUpgradingScaleSet web',
        'patchwise:azure:PatchSchedule weekly',
        'patchwise:azure:PatchedFlexibleScaleSet api',
        'patchwise:azure:PatchedVirtualMachine app-linux',
        'patchwise:azure:PatchedVirtualMachine app-win',
        // The misused component registers itself before it checks its arguments; no VM follows.
        'patchwise:azure:PatchedVirtualMachine wrong',
      ]);
      const inputsOf = (type: string, name: string) => output.registered.find((resource) => resource.type === type && resource.name === name)!.inputs;
      const windows = inputsOf('azure-native:compute:VirtualMachine', 'app-win');
      expect(windows.osProfile.windowsConfiguration.patchSettings.patchMode).toBe('AutomaticByPlatform');
      expect(windows.osProfile.windowsConfiguration.patchSettings.enableHotpatching).toBe(true);
      const web = inputsOf('azure-native:compute:VirtualMachineScaleSet', 'web');
      expect(web.upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade).toBe(true);
      expect(output.misuse).toMatch(/^PatchedVirtualMachine wrong: patching\.hotpatch \(HP1\)/);
    }, 60_000);
  }

  it("runs the README's library example as written", async () => {
    copyFileSync(join(FIXTURES, 'rules/guest-patching/windows-automatic-updates/invalid/manual-with-default-updates.json'), join(consumer.dir, 'main.json'));
    const result = await timed(consumer.timings, 'run README library example', () =>
      run(process.execPath, [join('esm', 'bin', 'library.js')], { cwd: consumer.dir }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => error,
      ),
    );
    expect(result.stdout).toContain('main.json');
    expect(result.stdout).toContain('guest-patching/windows-automatic-updates');
    expect(result.code).toBe(1);
  });

  it("starts the shipped policy pack under Pulumi's runner, which require()s it, and the policies register and report", async () => {
    const packDir = join(consumer.dir, 'node_modules', 'patchwise', 'policy-pack');
    const pack = await timed(consumer.timings, 'policy pack: require() and serve', () => startPolicyPack(packDir));
    try {
      const info = await pack.info();
      expect(info.name).toBe('patchwise');
      expect(info.policies.map((policy) => policy.name)).toContain('guest-patching-windows-automatic-updates');
      expect(info.policies.length).toBeGreaterThan(30);
      const violations = await pack.analyze({
        type: 'azure-native:compute:VirtualMachine',
        name: 'legacy',
        props: {
          resourceGroupName: 'rg',
          storageProfile: {
            imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition', version: 'latest' },
          },
          osProfile: {
            computerName: 'legacy',
            adminUsername: 'azureuser',
            windowsConfiguration: { enableAutomaticUpdates: true, patchSettings: { patchMode: 'Manual' } },
          },
        },
      });
      expect(violations.map((violation) => violation.policy)).toContain('guest-patching-windows-automatic-updates');
    } finally {
      pack.stop();
    }
  }, 60_000);
});
