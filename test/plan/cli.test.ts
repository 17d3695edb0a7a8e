/** `patchwise plan` through main(): formats, exit codes, output files, baselines, the docs example. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, run, validatePlan } from './helpers.js';

const FLEET = 'fixtures/plan/fleet.json';
const INVENTORY = 'fixtures/plan/fleet.inventory.json';
const base = ['plan', FLEET, '--inventory', INVENTORY, '--start', '2026-12-08'];

describe('patchwise plan', () => {
  it.each(['guest-patching', 'os-image-upgrade', 'extension-upgrade', 'hotpatch-calendar'])('json for %s matches the schema, exit 0', async (scenario) => {
    const result = await run([...base, '--scenario', scenario, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(validatePlan(plan), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(plan.scenario).toBe(scenario);
  });

  it('text is a timeline with phases, waves, risks and excluded resources', async () => {
    const result = await run(base);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Rollout plan: guest-patching, release 2026-12-08/);
    expect(result.stdout).toMatch(/Phase 1 \[completed\]/);
    expect(result.stdout).toContain('legacy01 (fixtures/plan/fleet.json): patchMode Manual: patched by you, outside the platform rollout');
  });

  it('markdown has a summary table, a Mermaid gantt, risks and the excluded list', async () => {
    const result = await run([...base, '--format', 'markdown']);
    expect(result.stdout).toContain('```mermaid\ngantt');
    expect(result.stdout).toContain('### Risks');
    expect(result.stdout).toContain('### Not in the platform rollout');
  });

  it('exit 1 when the plan has error-level risks (the rollout stops)', async () => {
    const result = await run([
      'plan',
      FLEET,
      '--inventory',
      'fixtures/plan/inventories/failing-scale-set.json',
      '--start',
      '2026-12-08',
      '--scenario',
      'os-image-upgrade',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Stopped: scale set batch-vmss/);
  });

  it('Monte Carlo with --runs and --seed is reproducible', async () => {
    const args = [
      'plan',
      FLEET,
      '--start',
      '2026-12-08',
      '--inventory',
      'fixtures/plan/inventories/random.json',
      '--runs',
      '40',
      '--seed',
      '3',
      '--format',
      'json',
    ];
    const a = await run(args);
    const b = await run(args);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).monteCarlo.runs).toBe(40);
  });

  it('--baseline shows what the change does', async () => {
    const result = await run([...base, '--scenario', 'os-image-upgrade', '--baseline', 'fixtures/plan/baseline/fleet.json', '--format', 'markdown']);
    expect(result.stdout).toContain('### What this change does');
    expect(result.stdout).toContain('enters the platform rollout: `tiny-vmss (fixtures/plan/fleet.json)`');
    expect(result.stdout).toMatch(/new risk `batch-is-whole-capacity`/);
    const guest = await run([...base, '--baseline', 'fixtures/plan/baseline/fleet.json', '--format', 'json']);
    expect(JSON.parse(guest.stdout).diff.entered).toEqual(['fixtures/plan/fleet.json#worker01']);
  });

  it('--output writes the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchwise-plan-'));
    const result = await run([...base, '--format', 'json', '--output', join(dir, 'plan.json')]);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')).summary.targets).toBeGreaterThan(0);
  });

  it.each([
    [['--scenario', 'reboot-everything'], /Choices|Invalid values/],
    [['--format', 'xml'], /Invalid values/],
    [['--start', '2026-13-01'], /--start takes a date/],
    [['--start', 'next tuesday'], /--start takes a date/],
    [['--runs', '0'], /--runs takes a whole number/],
    [['--seed', '-1'], /--seed takes a whole number of 0 or more, not '-1'/],
    [['--seed', 'abc'], /--seed takes a whole number of 0 or more, not a word$/m],
    [['--runs', 'many'], /--runs takes a whole number from 1 to 100000, not a word$/m],
    [['--inventory', 'fixtures/plan/inventories/not-json.json'], /not valid JSON/],
    [['--inventory', 'fixtures/plan/inventories/bad-time-zone.json'], /Mars Standard Time/],
    [['--inventory', 'fixtures/plan/inventories/paired-phase.json'], /geo-pair/],
    [['--inventory', 'no/such/inventory.json'], /cannot read inventory/],
    [['--baseline', 'a.json', '--baseline-ref', 'HEAD'], /either --baseline or --baseline-ref/],
    [['--inventory', 'a.json', '--inventory', 'b.json'], /--inventory takes one value/],
  ])('usage error %j exits 2 with a message', async (extra, message) => {
    const result = await run(['plan', FLEET, ...(extra.includes('--start') ? [] : ['--start', '2026-12-08']), ...extra]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('a missing path exits 2', async () => {
    expect((await run(['plan', 'no/such/folder'])).code).toBe(2);
  });
});

describe('docs/plan-example.md', () => {
  // Generated from the shipped fixtures; UPDATE_PLAN_EXAMPLE=1 rewrites it.
  it('is the markdown of the shipped fixture', async () => {
    const result = await run([...base, '--scenario', 'os-image-upgrade', '--baseline', 'fixtures/plan/baseline/fleet.json', '--format', 'markdown']);
    const guest = await run([...base, '--format', 'markdown']);
    const text = [
      '# Example: `patchwise plan` output',
      '',
      'Generated by `test/plan/cli.test.ts` from `fixtures/plan/fleet.json` and `fixtures/plan/fleet.inventory.json` (do not edit by hand;',
      'run `UPDATE_PLAN_EXAMPLE=1 npx vitest run test/plan/cli.test.ts` after changing the plan output).',
      '',
      '## `patchwise plan fixtures/plan/fleet.json --inventory fixtures/plan/fleet.inventory.json --start 2026-12-08 --format markdown`',
      '',
      guest.stdout.replace(/^## /gm, '### ').replace(/^### (Risks|Not in|What|Hotpatch|Monte|Unhealthy|Phases|Exposure|Retried)/gm, '#### $1'),
      '## The same fleet, `--scenario os-image-upgrade --baseline fixtures/plan/baseline/fleet.json`',
      '',
      result.stdout.replace(/^## /gm, '### ').replace(/^### (Risks|Not in|What|Hotpatch|Monte|Unhealthy|Phases|Exposure|Retried)/gm, '#### $1'),
    ].join('\n');
    const path = join(REPO_ROOT, 'docs', 'plan-example.md');
    if (process.env.UPDATE_PLAN_EXAMPLE || !existsSync(path)) writeFileSync(path, text);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});
