/**
 * One fixture per defect of the plan audit (../shared/audits/plan.md), each checked by the plan
 * property it breaks, not by a snapshot of the whole output.
 */
import { describe, expect, it } from 'vitest';
import { arePaired } from '../../src/catalog/regions.js';
import { diffPlans } from '../../src/plan/diff.js';
import { planRollout } from '../../src/plan/plan.js';
import { renderMarkdown } from '../../src/plan/render/markdown.js';
import { renderText } from '../../src/plan/render/text.js';
import type { Inventory } from '../../src/inventory/types.js';
import type { Plan, Scenario } from '../../src/plan/types.js';
import { bigFleet } from './big-fleet.js';
import { availabilitySet, fleetInput, scaleSet, START, template, validatePlan, vm } from './helpers.js';

const ms = (value: string) => Date.parse(value);
const overlap = (a: { start: string; end: string }, b: { start: string; end: string }) => ms(a.start) < ms(b.end) && ms(b.start) < ms(a.end);

function planOf(resources: object[], scenario: Scenario = 'guest-patching', inventory?: Inventory, extra: { runs?: number; startMs?: number } = {}): Plan {
  const plan = planRollout([fleetInput(template(resources))], { scenario, startMs: extra.startMs ?? START, inventory, runs: extra.runs });
  expect(validatePlan(JSON.parse(JSON.stringify(plan))), JSON.stringify(validatePlan.errors)).toBe(true);
  return plan;
}

const setOf = (name: string, region: string, count: number, timeZone: string) => [
  availabilitySet(name, region, 5),
  ...Array.from({ length: count }, (_, i) => vm(`${name}-${i}`, region, { avset: name, timeZone })),
];

/** A VM with an inline child extension resource (the way templates declare VM extensions). */
function vmWithExtension(name: string, region: string, publisher: string, type: string, options: { avset?: string } = {}): object[] {
  return [
    vm(name, region, options),
    {
      type: 'Microsoft.Compute/virtualMachines/extensions',
      apiVersion: '2024-03-01',
      name: `${name}/ext`,
      location: region,
      dependsOn: [name],
      properties: { publisher, type, typeHandlerVersion: '1.0', autoUpgradeMinorVersion: true, enableAutomaticUpgrade: true },
    },
  ];
}

describe('D1: unrelated groups in different time zones proceed in their own windows', () => {
  it('two availability sets of one region take the longer of the two, not the sum', () => {
    const a = planOf(setOf('set-utc', 'eastus', 9, 'UTC'));
    const b = planOf(setOf('set-tokyo', 'eastus', 9, 'Tokyo Standard Time'));
    const both = planOf([...setOf('set-utc', 'eastus', 9, 'UTC'), ...setOf('set-tokyo', 'eastus', 9, 'Tokyo Standard Time')]);
    expect(both.summary.durationHours).toBe(Math.max(a.summary.durationHours, b.summary.durationHours));
    // Waves are in time order.
    for (let i = 1; i < both.waves.length; i += 1) expect(ms(both.waves[i].start)).toBeGreaterThanOrEqual(ms(both.waves[i - 1].start));
  });

  it('the generated 10k fleet in 4 time zones completes within 30 days (it took 60 with the coupling)', () => {
    const plan = planRollout([fleetInput(bigFleet())], { scenario: 'guest-patching', startMs: START });
    expect(plan.summary.targets).toBeGreaterThan(9000);
    expect(plan.summary.withinThirtyDays).toBe(true);
    expect(plan.risks.filter((risk) => risk.severity === 'error')).toEqual([]);
    expect(plan.summary.durationHours).toBeLessThan(600);
  });
});

describe('D2: availability sets outside the template', () => {
  const undeclared = Array.from({ length: 10 }, (_, i) => vm(`ext-${i}`, 'eastus', { avset: 'shared-as' }));

  it('an undeclared set keeps its name and update domains, with a note', () => {
    const plan = planOf(undeclared);
    const targets = plan.waves.flatMap((wave) => wave.targets);
    expect(targets.every((target) => target.availabilitySet === 'shared-as' && target.updateDomain !== null)).toBe(true);
    expect(new Set(targets.map((target) => target.updateDomain)).size).toBe(5);
    for (const wave of plan.waves) expect(new Set(wave.targets.map((t) => t.updateDomain)).size).toBe(1);
    expect(plan.risks.map((risk) => risk.id)).toContain('availability-set-outside-template');
    expect(plan.groups?.find((group) => group.name === 'shared-as')).toMatchObject({ kind: 'availability-set', external: true, updateDomains: 5 });
  });

  it('the inventory gives the domains of an undeclared set', () => {
    const inventory: Inventory = { resources: Object.fromEntries(undeclared.map((_, i) => [`ext-${i}`, { updateDomain: i % 2 }])) };
    const targets = planOf(undeclared, 'guest-patching', inventory).waves.flatMap((wave) => wave.targets);
    expect(new Set(targets.map((target) => target.updateDomain))).toEqual(new Set([0, 1]));
  });

  it('a set declared in a sibling template of the same run is that set', () => {
    const sets = fleetInput(template([availabilitySet('split-as', 'eastus', 2)]), 'avset.json');
    const vms = fleetInput(template(Array.from({ length: 4 }, (_, i) => vm(`split-${i}`, 'eastus', { avset: 'split-as' }))), 'vms.json');
    const plan = planRollout([sets, vms], { scenario: 'guest-patching', startMs: START });
    const targets = plan.waves.flatMap((wave) => wave.targets);
    expect(new Set(targets.map((target) => target.updateDomain))).toEqual(new Set([0, 1]));
    expect(plan.waves.every((wave) => wave.targets.length === 1)).toBe(true);
    expect(plan.risks.map((risk) => risk.id)).not.toContain('availability-set-outside-template');
  });
});

describe('D5: retries keep the zone and geo-pair rules', () => {
  it('a retried installation never runs next to another zone of its region or its paired region', () => {
    const resources = [
      ...['1', '2', '3'].flatMap((zone) => Array.from({ length: 3 }, (_, i) => vm(`e-z${zone}-${i}`, 'eastus', { zones: [zone] }))),
      ...Array.from({ length: 6 }, (_, i) => vm(`w-${i}`, 'westus')),
    ];
    const plan = planOf(resources, 'guest-patching', {
      resources: { 'e-z1-0': { failures: { afterUpdate: true, transient: true } }, 'e-z3-0': { failures: { afterUpdate: true, transient: true } } },
    });
    expect(plan.retries?.length).toBe(2);
    for (const retry of plan.retries!) {
      const failed = plan.waves[retry.wave - 1];
      for (const wave of plan.waves) {
        if (!overlap(retry, wave)) continue;
        if (wave.region === failed.region) expect(wave.zone).toBe(failed.zone);
        expect(arePaired(wave.region, failed.region)).toBe(false);
      }
      // Its phase ends only when its retries did (AF1).
      expect(ms(plan.phases[failed.phase - 1].end)).toBeGreaterThanOrEqual(ms(retry.end));
    }
  });

  it('a retried VM of an availability set waits until the set finished its other update domains', () => {
    const plan = planOf(setOf('as', 'eastus', 9, 'UTC'), 'guest-patching', { resources: { 'as-0': { failures: { afterUpdate: true, transient: true } } } });
    const retry = plan.retries![0];
    for (const wave of plan.waves) if (overlap(retry, wave)) expect(wave.targets.every((t) => t.updateDomain === 0)).toBe(true);
  });
});

describe('D6: the stop is reported where it happens first in time', () => {
  it('a breach in eastus at 01:05 wins over a later one in japaneast listed first', () => {
    const resources = [
      ...Array.from({ length: 3 }, (_, i) => vm(`jp-${i}`, 'japaneast', { timeZone: 'Tokyo Standard Time' })),
      ...Array.from({ length: 3 }, (_, i) => vm(`us-${i}`, 'eastus')),
    ];
    const plan = planOf(resources, 'guest-patching', {
      phases: [['japaneast', 'eastus']],
      resources: { 'jp-0': { failures: { afterUpdate: true } }, 'us-0': { failures: { afterUpdate: true } } },
    });
    expect(plan.summary.stoppedAt).toMatchObject({ region: 'eastus', at: '2026-12-08T01:05:00Z' });
    expect(renderText(plan)).toContain('Stopped: eastus');
  });
});

describe('D7, D10: extension upgrades', () => {
  it('VMs in availability sets roll back to the previous extension version (EU4)', () => {
    const resources = [
      availabilitySet('xas', 'eastus', 2),
      ...vmWithExtension('x-as-1', 'eastus', 'Microsoft.Azure.Monitor', 'AzureMonitorWindowsAgent', { avset: 'xas' }),
    ];
    const plan = planOf(resources, 'extension-upgrade', { resources: { 'x-as-1': { failures: { afterUpdate: true } } } });
    expect(plan.failures[0]).toMatchObject({ rollback: 'extension-version' });
    expect(plan.waves[0].targets[0].extensions).toEqual(['Microsoft.Azure.Monitor.AzureMonitorWindowsAgent']);
  });

  it('an extension that does not support automatic upgrade is not planned (EU1)', () => {
    const plan = planOf(vmWithExtension('x-cse', 'westus', 'Microsoft.Compute', 'CustomScriptExtension'), 'extension-upgrade');
    expect(plan.summary.targets).toBe(0);
    expect(plan.excluded[0].reason).toMatch(/does not support automatic extension upgrade/);
  });

  it('scale sets follow their rolling upgrade policy; Uniform sets in Manual mode are not planned', () => {
    const extensionProfile = {
      extensions: [
        {
          name: 'health',
          properties: { publisher: 'Microsoft.ManagedServices', type: 'ApplicationHealthLinux', typeHandlerVersion: '2.0', enableAutomaticUpgrade: true },
        },
      ],
    };
    const rolling = scaleSet('xsp', 'eastus', 10, { batch: 50 }) as {
      properties: { upgradePolicy: { mode: string; rollingUpgradePolicy: Record<string, unknown> }; virtualMachineProfile: Record<string, unknown> };
    };
    rolling.properties.virtualMachineProfile.extensionProfile = extensionProfile;
    rolling.properties.upgradePolicy.rollingUpgradePolicy.pauseTimeBetweenBatches = 'PT1H';
    const manual = JSON.parse(JSON.stringify(rolling)) as typeof rolling & { name: string };
    manual.name = 'xs';
    manual.properties.upgradePolicy.mode = 'Manual';
    const plan = planOf([rolling, manual], 'extension-upgrade');
    const waves = plan.waves.filter((wave) => wave.targets.some((t) => t.scaleSet === 'xsp'));
    for (let i = 1; i < waves.length; i += 1) expect(ms(waves[i].start) - ms(waves[i - 1].end)).toBe(3_600_000);
    expect(plan.excluded.find((entry) => entry.name === 'xs')?.reason).toMatch(/Manual upgrade mode/);
  });
});

describe('D11: the batch-size message matches the waves', () => {
  it('maxBatchInstancePercent 100 on a non-zonal set is capped by the update domain, and says so', () => {
    const plan = planOf([scaleSet('p100', 'eastus', 10, { batch: 100 })], 'os-image-upgrade');
    expect(Math.max(...plan.waves.map((wave) => wave.targets.length))).toBe(2);
    const ids = plan.risks.map((risk) => risk.id);
    expect(ids).not.toContain('batch-is-whole-capacity');
    expect(ids).toContain('batch-capped-by-update-domain');
  });
});

describe('D12: failure model', () => {
  it('random failures never change the main plan or its exit code; Monte Carlo reports independent and correlated failures', () => {
    const resources = Array.from({ length: 12 }, (_, i) => vm(`r-${i}`, i % 2 ? 'eastus' : 'northeurope'));
    const plan = planOf(resources, 'guest-patching', { randomFailures: { probability: 1 } }, { runs: 50 });
    expect(plan.summary.status).toBe('completed');
    expect(plan.summary.risks.error).toBe(0);
    expect(plan.monteCarlo).toMatchObject({ probability: 1, stopped: 50 });
    expect(plan.monteCarlo?.correlated).toMatchObject({ probability: 0.05, cohorts: 1 });
    expect(plan.monteCarlo!.correlated!.caughtIn.every((entry) => entry.phase === 1)).toBe(true);
  });
});

describe('D13: hotpatch months', () => {
  it('a hotpatch month may reboot (if-required); a VM whose own unplanned baseline is this month takes a baseline slot', () => {
    const resources = [vm('hot-0', 'eastus', { hotpatch: true }), vm('hot-1', 'eastus', { hotpatch: true })];
    const plan = planOf(resources, 'hotpatch-calendar', { resources: { 'hot-1': { unplannedBaselines: ['2027-02'] } } }, { startMs: Date.UTC(2027, 1, 9) });
    const targets = plan.waves.flatMap((wave) => wave.targets.map((t) => ({ t, wave })));
    const hot0 = targets.find((entry) => entry.t.name === 'hot-0')!;
    const hot1 = targets.find((entry) => entry.t.name === 'hot-1')!;
    expect(hot0.t.reboot).toBe('if-required');
    expect(hot1.t.reboot).toBe('yes');
    expect(ms(hot1.wave.end) - ms(hot1.wave.start)).toBe(65 * 60_000);
  });
});

describe('D14: small output issues', () => {
  it('a time zone given by an unresolved expression is said, not silently UTC', () => {
    const plan = planOf([vm('tzq', 'eastus', { timeZone: "[parameters('tz')]" })]);
    expect(plan.risks.map((risk) => risk.id)).toContain('unknown-time-zone');
  });

  it('an empty plan lasts 0 h; a mixed wave claims no update domain', () => {
    expect(planOf([vm('a', 'eastus')], 'os-image-upgrade').summary.durationHours).toBe(0);
    const plan = planOf([availabilitySet('as', 'eastus', 2), vm('in-set', 'eastus', { avset: 'as' }), vm('alone', 'eastus')]);
    const mixed = plan.waves.find((wave) => wave.targets.length === 2);
    expect(mixed).toBeDefined();
    expect(renderText(plan)).not.toMatch(/eastus UD 0 +2 ×/);
  });
});

describe('D4: the pull-request comment summarises within a size budget', () => {
  const MAX = 65_536;

  it.each([
    ['regions known', bigFleet()],
    ['location [resourceGroup().location] (9,000 notes)', bigFleet(34, { location: () => '[resourceGroup().location]' })],
  ])('10k resources, %s: under the limit, every phase and region shown, risks grouped', (_, fleet) => {
    const plan = planRollout([fleetInput(fleet)], { scenario: 'guest-patching', startMs: START });
    const markdown = renderMarkdown(plan);
    expect(markdown.length).toBeLessThan(MAX);
    const lines = markdown.split('\n');
    expect(lines.findIndex((line) => line.startsWith('### Risks'))).toBeLessThan(lines.findIndex((line) => line.startsWith('### Phases')));
    for (const phase of plan.phases) {
      expect(markdown).toContain(`| ${phase.index} | ${phase.regions.join(', ')} |`);
      expect(markdown).toContain(`section Phase ${phase.index}`);
    }
    expect(markdown).toMatch(/Coverage\*\*: 50% of the targets updated after/);
    expect(markdown).toMatch(/Largest share down at once/);
    // Risks are grouped by id: no table with thousands of rows.
    expect(lines.filter((line) => line.includes('`unknown-region`')).length).toBeLessThanOrEqual(1);
  });

  it('any budget holds: blocks that do not fit are named, the rest is the JSON', () => {
    const plan = planRollout([fleetInput(bigFleet(6))], { scenario: 'guest-patching', startMs: START });
    const small = renderMarkdown(plan, 4_000);
    expect(small.length).toBeLessThan(4_000 + 1_000);
    expect(small).toMatch(/Left out to stay under GitHub's comment size limit: .*--format json/);
  });

  it('waves not reached are not styled as done; no Gantt section is empty', () => {
    const resources = [...Array.from({ length: 3 }, (_, i) => vm(`a-${i}`, 'northeurope')), ...Array.from({ length: 5 }, (_, i) => vm(`b-${i}`, 'eastus'))];
    const plan = planOf(resources, 'guest-patching', { resources: { 'a-0': { failures: { afterUpdate: true } } } });
    const markdown = renderMarkdown(plan);
    const gantt = markdown.slice(markdown.indexOf('```mermaid'), markdown.indexOf('```', markdown.indexOf('```mermaid') + 3));
    expect(gantt).not.toContain(':done');
    expect(gantt).toMatch(/eastus \(\d+ waves\) not reached/);
    const lines = gantt.split('\n');
    lines.forEach((line, i) => {
      if (line.trim().startsWith('section')) expect(lines[i + 1]?.trim().startsWith('section') || lines[i + 1] === undefined).toBe(false);
    });
  });
});

describe('D9 (plan audit): the diff shows what changed per group', () => {
  it('capacity, batch size, time zone and window per group; zone moves per target', () => {
    const before = planOf([
      scaleSet('web', 'eastus', 10, { flexible: true }),
      ...setOf('as', 'eastus', 9, 'UTC'),
      vm('db1', 'eastus', { zones: ['2'] }),
      vm('db2', 'eastus', { zones: ['1'] }),
    ]);
    const after = planOf([
      scaleSet('web', 'eastus', 30, { flexible: true }),
      ...setOf('as', 'eastus', 9, 'Tokyo Standard Time'),
      vm('db1', 'eastus', { zones: ['1'] }),
      vm('db2', 'eastus', { zones: ['1'] }),
    ]);
    const diff = diffPlans(before, after);
    const web = diff.groupsChanged?.find((group) => group.name === 'web');
    expect(web?.changes).toEqual(
      expect.arrayContaining([
        { field: 'targets', before: '10', after: '30' },
        { field: 'batch size', before: '2', after: '6' },
      ]),
    );
    const set = diff.groupsChanged?.find((group) => group.name === 'as');
    expect(set?.changes.map((change) => change.field)).toContain('time zones');
    expect(diff.targetsMoved).toEqual([{ target: 'fleet.json#db1', field: 'zone', before: '2', after: '1' }]);
    const markdown = renderMarkdown({ ...after, diff });
    expect(markdown).toContain('moves zone 2 → 1');
    expect(markdown).not.toContain('No change to the rollout');
  });
});
