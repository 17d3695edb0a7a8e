/**
 * `--fix` never makes a template worse (issue 8 item 7, reliability audit D8, D16): a value that
 * copy-loop instances share is not flipped back and forth, case-variant keys are edited where they
 * are written, a fix that changes nothing is not offered, and lone-CR files keep their line ends.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import { runCli } from '../helpers/cli.js';
import { scratchFolder, TEMPLATE_SCHEMA, windowsVmTemplate, writeFiles } from '../helpers/scratch.js';

function copyLoopTemplate(): string {
  return JSON.stringify(
    {
      $schema: TEMPLATE_SCHEMA,
      contentVersion: '1.0.0.0',
      resources: [
        {
          type: 'Microsoft.Compute/virtualMachines',
          apiVersion: '2024-03-01',
          name: "[concat('vm', copyIndex())]",
          location: 'westeurope',
          copy: { name: 'vms', count: 2 },
          properties: {
            storageProfile: { imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter', version: 'latest' } },
            osProfile: {
              computerName: "[concat('vm', copyIndex())]",
              adminUsername: 'azureuser',
              // vm0 (AutomaticByOS) needs true, vm1 (Manual) needs false: no single value is right.
              windowsConfiguration: {
                provisionVMAgent: true,
                enableAutomaticUpdates: false,
                patchSettings: { patchMode: "[if(equals(copyIndex(), 0), 'AutomaticByOS', 'Manual')]" },
              },
            },
          },
        },
      ],
    },
    null,
    2,
  );
}

async function findings(dir: string, file: string): Promise<Finding[]> {
  return (JSON.parse((await runCli(['lint', file, '-f', 'json'], dir)).stdout) as { findings: Finding[] }).findings;
}

describe('--fix correctness', () => {
  it('a value shared by copy instances that need different values is never rewritten', async () => {
    const dir = scratchFolder();
    const text = copyLoopTemplate();
    writeFiles(dir, { 'loop.json': text });
    const result = await runCli(['lint', 'loop.json', '--fix'], dir);
    expect(result.code).toBe(1);
    expect(readFileSync(join(dir, 'loop.json'), 'utf8')).toBe(text);
    expect(result.stderr).toContain('applied 0 fixes in 0 files');
    // The finding stays, and is no longer advertised as fixable.
    expect(result.stdout).toContain('guest-patching/windows-automatic-updates');
    expect(result.stdout).not.toContain('can be fixed with --fix');
  });

  it('a fix that creates no new finding is still applied when another in the same pass would', async () => {
    const dir = scratchFolder();
    const template = JSON.parse(copyLoopTemplate()) as { resources: Array<Record<string, unknown>> };
    const single = JSON.parse(
      JSON.stringify(
        windowsVmTemplate({
          name: 'solo',
          windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: false, patchSettings: { patchMode: 'AutomaticByOS' } },
        }),
      ),
    ) as { resources: Array<Record<string, unknown>> };
    template.resources.push(single.resources[0]);
    writeFiles(dir, { 'mixed.json': JSON.stringify(template, null, 2) });
    await runCli(['lint', 'mixed.json', '--fix'], dir);
    const after = await findings(dir, 'mixed.json');
    expect(after.map((finding) => finding.resource?.name)).toEqual(['vm0']);
  });

  it('a case-variant key is edited where it is written, never doubled', async () => {
    const dir = scratchFolder();
    const text = JSON.stringify(
      windowsVmTemplate({ windowsConfiguration: { provisionVMAgent: true, EnableAutomaticUpdates: true, patchSettings: { patchMode: 'Manual' } } }),
      null,
      2,
    );
    writeFiles(dir, { 'case.json': text });
    await runCli(['lint', 'case.json', '--fix'], dir);
    const fixed = readFileSync(join(dir, 'case.json'), 'utf8');
    expect(fixed).toContain('"EnableAutomaticUpdates": false');
    expect(fixed).not.toContain('"enableAutomaticUpdates"');
  });

  it('lone-CR line ends and tab indentation are kept by --fix', async () => {
    const dir = scratchFolder();
    const text = JSON.stringify(
      windowsVmTemplate({ windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: false, patchSettings: { patchMode: 'AutomaticByOS' } } }),
      null,
      '\t',
    ).replace(/\n/g, '\r');
    writeFiles(dir, { 'cr.json': text });
    await runCli(['lint', 'cr.json', '--fix'], dir);
    const fixed = readFileSync(join(dir, 'cr.json'), 'utf8');
    expect(fixed).not.toContain('\n');
    expect(fixed).toContain('\t\t\t\t\t"enableAutomaticUpdates": true');
  });
});
