/**
 * The plan's limits on hostile input (reliability audit D9) and the baseline's own parameters
 * (plan audit D3, D8): each case exits with a clear message or a bounded plan, never a crash.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFleet, MAX_PLAN_TARGETS, MAX_SCALE_SET_INSTANCES } from '../../src/plan/fleet.js';
import { planRollout } from '../../src/plan/plan.js';
import { fleetInput, PLAN_FIXTURES, run, scaleSet, START, template } from './helpers.js';

describe('hostile sizes (reliability D9)', () => {
  it('a Flexible scale set of 700,000 instances plans (no spread of a huge batch onto the stack)', () => {
    const plan = planRollout([fleetInput(template([scaleSet('big', 'eastus', 1, { flexible: true })]))], {
      scenario: 'guest-patching',
      startMs: START,
      inventory: { resources: { big: { instanceCount: 700_000 } } },
    });
    expect(plan.summary.targets).toBe(700_000);
  }, 60_000);

  it.each([1e7, 1e300])(
    'sku.capacity %s is capped at 1,000,000 instances with a warning',
    (capacity) => {
      const fleet = buildFleet([fleetInput(template([scaleSet('huge', 'eastus', capacity, { flexible: true })]))], { scenario: 'guest-patching' });
      expect(fleet.targets.length).toBe(MAX_SCALE_SET_INSTANCES);
      expect(fleet.risks.map((risk) => risk.id)).toContain('capacity-capped');
    },
    60_000,
  );

  it('800 scale sets of 1,000,000 instances: the plan stops building at its target budget and says so', () => {
    const resources = [{ ...(scaleSet("[concat('s', copyIndex())]", 'eastus', 1, { flexible: true }) as object), copy: { name: 'sets', count: 800 } }];
    const fleet = buildFleet([fleetInput(template(resources))], { scenario: 'guest-patching', inventory: { defaults: { instanceCount: 1_000_000 } } });
    expect(fleet.targets.length).toBeLessThanOrEqual(MAX_PLAN_TARGETS);
    expect(fleet.excluded.length).toBe(799);
    expect(fleet.excluded[0].reason).toMatch(/at most 1,000,000 targets/);
    expect(fleet.risks.map((risk) => risk.id)).toContain('target-budget-exceeded');
  }, 60_000);

  it('failures.afterUpdate with 100,000 instance numbers stays fast (a set, not a list scan)', () => {
    const failing = Array.from({ length: 100_000 }, (_, i) => i);
    const started = performance.now();
    const fleet = buildFleet([fleetInput(template([scaleSet('s', 'eastus', 100_000)]))], {
      scenario: 'os-image-upgrade',
      inventory: { resources: { s: { failures: { afterUpdate: failing } } } },
    });
    expect(fleet.targets.every((target) => target.failAfterUpdate)).toBe(true);
    expect(performance.now() - started).toBeLessThan(3_000);
  }, 30_000);
});

describe('hostile options (reliability D9)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'patchwise-limits-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['0000-01-01', '1970-01-01', '9999-12-31'])('--start %s exits 2 with a usage message', async (start) => {
    const result = await run(['plan', 'fixtures/plan/fleet.json', '--start', start]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--start takes a release date from 2000 to 2099/);
  });

  it('an inventory key longer than 1,024 characters exits 2 with a clear message', async () => {
    const path = join(dir, 'long-glob.json');
    writeFileSync(path, JSON.stringify({ resources: { [`${'*'.repeat(70_000)}x`]: { timeZone: 'UTC' } } }));
    const result = await run(['plan', 'fixtures/plan/fleet.json', '--start', '2026-12-08', '--inventory', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/a key of 70001 characters/);
    expect(result.stderr).not.toMatch(/at .*picomatch/);
  });
});

describe('the baseline plans with its own parameters (plan audit D3, D8)', () => {
  const base = ['--scenario', 'os-image-upgrade', '--start', '2026-12-08', '--format', 'json'];

  it('--baseline DIR: a parameters-only change shows (capacity 10 → 1)', async () => {
    const result = await run(['plan', 'new', '--baseline', 'old', ...base], join(PLAN_FIXTURES, 'params-baseline'));
    expect(result.code).toBe(0);
    const diff = JSON.parse(result.stdout).diff;
    expect(diff.groupsChanged[0].changes).toEqual(expect.arrayContaining([{ field: 'targets', before: '10', after: '1' }]));
    expect(diff.entered).toEqual([]);
  });

  it('--baseline-ref: the parameters file at the revision', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'patchwise-ref-'));
    try {
      cpSync(join(PLAN_FIXTURES, 'params-baseline', 'old'), repo, { recursive: true });
      const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, stdio: 'pipe' });
      git('init', '-q');
      git('add', '.');
      git('commit', '-qm', 'old');
      cpSync(join(PLAN_FIXTURES, 'params-baseline', 'new', 'fleet.parameters.json'), join(repo, 'fleet.parameters.json'));
      const result = await run(['plan', 'fleet.json', '--baseline-ref', 'HEAD', ...base], repo);
      const diff = JSON.parse(result.stdout).diff;
      expect(diff.durationHours.before).not.toBe(diff.durationHours.after);
      expect(diff.groupsChanged[0].changes).toEqual(expect.arrayContaining([{ field: 'targets', before: '10', after: '1' }]));
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('a missing baseline file is said; one baseline file for several templates is a usage error', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'patchwise-empty-'));
    const missing = await run(['plan', 'new', '--baseline', empty, ...base], join(PLAN_FIXTURES, 'params-baseline'));
    rmSync(empty, { recursive: true, force: true });
    expect(missing.stderr).toMatch(/the baseline has no new\/fleet.json/);
    const several = await run(['plan', '.', '--baseline', 'old/fleet.json', ...base], join(PLAN_FIXTURES, 'params-baseline'));
    expect(several.code).toBe(2);
    expect(several.stderr).toMatch(/is one file but 2 templates are planned/);
  });
});
