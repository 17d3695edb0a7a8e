/** The plan engine on fixtures and small fleets: eligibility, phases, batches, time, failures, calendar, diff. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arePaired, pairedWith, REGIONS } from '../../src/catalog/regions.js';
import { parseInventory } from '../../src/inventory/load.js';
import { hotpatchCalendar } from '../../src/plan/calendar.js';
import { diffPlans } from '../../src/plan/diff.js';
import { mulberry32 } from '../../src/plan/failures.js';
import { planPhases } from '../../src/plan/phases.js';
import { planRollout } from '../../src/plan/plan.js';
import { nextPatchRelease, nextSlot, parseDate, windowIntervals } from '../../src/plan/time.js';
import { PlanInputError, type Plan, type Scenario } from '../../src/plan/types.js';
import { availabilitySet, fleetInput, PLAN_FIXTURES, scaleSet, START, template, validatePlan, vm } from './helpers.js';

const inventory = parseInventory(readFileSync(join(PLAN_FIXTURES, 'fleet.inventory.json'), 'utf8'), 'fleet.inventory.json');
const fixture = () => [fleetInput('fleet.json', 'fixtures/plan/fleet.json')];
const plan = (scenario: Scenario, extra: object = {}): Plan => planRollout(fixture(), { scenario, startMs: START, inventory: { ...inventory, ...extra } });
const targetNames = (result: Plan) => result.waves.flatMap((wave) => wave.targets.map((target) => target.name)).sort();
const excludedNames = (result: Plan) => result.excluded.map((entry) => entry.name).sort();

describe('who is in the rollout (GP11), per scenario', () => {
  it.each([
    [
      'guest-patching',
      [
        'api-vmss_0',
        'api-vmss_1',
        'api-vmss_2',
        'api-vmss_3',
        'api-vmss_4',
        'api-vmss_5',
        'cache01',
        'db01',
        'hot01',
        'web01',
        'web02',
        'web03',
        'web04',
        'worker01',
      ],
      ['batch-vmss', 'db02', 'jump01', 'legacy01', 'manual-vmss', 'tiny-vmss', 'worker02'],
    ],
    [
      'os-image-upgrade',
      [...Array.from({ length: 10 }, (_, i) => `batch-vmss_${i}`), 'tiny-vmss_0'].sort(),
      ['api-vmss', 'cache01', 'db01', 'db02', 'hot01', 'jump01', 'legacy01', 'manual-vmss', 'web01', 'web02', 'web03', 'web04', 'worker01', 'worker02'],
    ],
    [
      'hotpatch-calendar',
      ['hot01'],
      [
        'api-vmss',
        'batch-vmss',
        'cache01',
        'db01',
        'db02',
        'jump01',
        'legacy01',
        'manual-vmss',
        'tiny-vmss',
        'web01',
        'web02',
        'web03',
        'web04',
        'worker01',
        'worker02',
      ],
    ],
  ] as const)('%s', (scenario, inPlan, out) => {
    const result = plan(scenario);
    expect(targetNames(result)).toEqual(inPlan);
    expect(excludedNames(result)).toEqual(out);
    expect(validatePlan(result), JSON.stringify(validatePlan.errors)).toBe(true);
  });

  it.each([
    ['legacy01', 'patchMode Manual: patched by you, outside the platform rollout'],
    ['jump01', 'patchMode AutomaticByOS'],
    ['db02', 'deallocated (inventory)'],
    ['worker02', 'never overlaps its running hours'],
    ['batch-vmss', 'Uniform scale set'],
  ])('guest patching says why %s is out', (name, reason) => {
    expect(plan('guest-patching').excluded.find((entry) => entry.name === name)?.reason).toContain(reason);
  });

  it('extension upgrade takes VMs and scale sets with automatically upgraded extensions, rolled back to the previous version (EU4)', () => {
    const result = plan('extension-upgrade', { resources: { ...inventory.resources, 'batch-vmss': { failures: { afterUpdate: [0] } } } });
    expect(new Set(result.waves.flatMap((wave) => wave.targets.map((target) => target.scaleSet ?? target.name)))).toEqual(
      new Set(['db01', 'api-vmss', 'batch-vmss']),
    );
    expect(result.failures[0]).toMatchObject({ target: 'fixtures/plan/fleet.json#batch-vmss/0', rollback: 'extension-version' });
  });

  it('unknown location and zones never crash: region "unknown", said in the risks', () => {
    const result = planRollout(
      [fleetInput(template([vm('a', '[resourceGroup().location]'), vm('b', 'eastus', { zones: ["[parameters('zone')]"] as never })]))],
      { scenario: 'guest-patching', startMs: START },
    );
    expect(result.phases.at(-1)?.regions).toEqual(['unknown']);
    expect(result.risks.map((risk) => risk.id)).toContain('unknown-region');
    expect(targetNames(result)).toEqual(['a', 'b']);
  });
});

describe('phases (AF1, AF2)', () => {
  it('the region table is dated, sourced and pairs symmetric for AF2', () => {
    expect(REGIONS.source).toMatch(/S20/);
    expect(arePaired('eastus', 'westus')).toBe(true);
    expect(arePaired('West US 3', 'eastus')).toBe(true);
    expect(pairedWith('eastus')).toEqual(['westus', 'westus3']);
    expect(arePaired('austriaeast', 'westeurope')).toBe(false);
  });

  it('smallest region first, capacity doubling, pairs apart, unknown last', () => {
    const counts = new Map([
      ['eastus', 5],
      ['westus', 1],
      ['northeurope', 2],
      ['westeurope', 3],
      ['unknown', 1],
      ['austriaeast', 9],
    ]);
    const phases = planPhases(counts);
    // westeurope is northeurope's pair, so it waits for phase 3 although phase 2 has room.
    expect(phases).toEqual([['westus'], ['northeurope', 'eastus'], ['westeurope', 'austriaeast'], ['unknown']]);
  });

  it('an inventory phase file sets the order; a phase with a pair is refused', () => {
    const counts = new Map([
      ['eastus', 5],
      ['westus', 1],
      ['westeurope', 3],
    ]);
    expect(planPhases(counts, [['westeurope'], ['eastus']])).toEqual([['westeurope'], ['eastus'], ['westus']]);
    expect(() => planPhases(counts, [['eastus', 'West US']])).toThrow(PlanInputError);
  });
});

describe('batches inside a region (AF3–AF6, CF11)', () => {
  it('availability sets: update domain by update domain; one VM at a time under 10 VMs, 20% of the set otherwise (CF11, S1)', () => {
    const small = [availabilitySet('as', 'eastus', 2), ...['a', 'b', 'c', 'd'].map((name) => vm(name, 'eastus', { avset: 'as' }))];
    const waves = planRollout([fleetInput(template(small))], { scenario: 'guest-patching', startMs: START }).waves;
    expect(waves.map((wave) => wave.targets.map((t) => `${t.name}:${t.updateDomain}`))).toEqual([['a:0'], ['c:0'], ['b:1'], ['d:1']]);
    // 20 VMs in 2 domains: 20% of the set is 4 VMs at a time, never across a domain.
    const big = [availabilitySet('as', 'eastus', 2), ...Array.from({ length: 20 }, (_, i) => vm(`v${i}`, 'eastus', { avset: 'as' }))];
    const bigWaves = planRollout([fleetInput(template(big))], { scenario: 'guest-patching', startMs: START }).waves;
    expect(bigWaves.map((wave) => wave.targets.length)).toEqual([4, 4, 2, 4, 4, 2]);
    for (const wave of bigWaves) expect(new Set(wave.targets.map((t) => t.updateDomain)).size).toBe(1);
  });

  it('zones one at a time; scale-set batches of maxBatchInstancePercent within update domains', () => {
    const result = planRollout([fleetInput(template([scaleSet('s', 'westus2', 20, { zones: ['1', '2'], batch: 50 })]))], {
      scenario: 'os-image-upgrade',
      startMs: START,
    });
    const zones = result.waves.map((wave) => wave.zone);
    expect(zones).toEqual([...zones].sort());
    for (const wave of result.waves) {
      expect(new Set(wave.targets.map((t) => t.updateDomain)).size).toBe(1);
      expect(wave.targets.length).toBeLessThanOrEqual(10);
    }
  });

  it('VMs outside sets go in batches of 20% (AF4)', () => {
    const result = planRollout([fleetInput(template(Array.from({ length: 10 }, (_, i) => vm(`v${i}`, 'eastus'))))], {
      scenario: 'guest-patching',
      startMs: START,
    });
    expect(result.waves.map((wave) => wave.targets.length)).toEqual([2, 2, 2, 2, 2]);
  });
});

describe('time (GP17, GP18, OU12)', () => {
  it('maps Windows time zones and waits for the off-peak window in local time', () => {
    const start = Date.UTC(2026, 11, 8, 12); // 13:00 in Berlin
    const slot = nextSlot(start, 'Europe/Berlin', windowIntervals({ start: '22:00', end: '06:00' }), 60);
    expect(new Date(slot).toISOString()).toBe('2026-12-08T21:00:00.000Z');
    const result = planRollout([fleetInput(template([vm('berlin', 'westeurope', { timeZone: 'W. Europe Standard Time' })]))], {
      scenario: 'guest-patching',
      startMs: start,
    });
    expect(result.waves[0].start).toBe('2026-12-08T21:00:00Z');
    expect(result.waves[0].end).toBe('2026-12-08T22:05:00Z');
  });

  it('the next second Tuesday, and real dates only', () => {
    expect(nextPatchRelease(new Date('2026-12-01T00:00:00Z'))).toBe('2026-12-08');
    expect(nextPatchRelease(new Date('2026-12-09T00:00:00Z'))).toBe('2027-01-12');
    expect(parseDate('2026-02-30')).toBeUndefined();
  });

  it('a rollout longer than 30 days is an error-level risk', () => {
    // Four sets of 9 VMs (one at a time, one a night) in four phases: 36 nights.
    const regions = ['eastus', 'westus', 'northeurope', 'westeurope'];
    const resources = regions.flatMap((region) => [
      availabilitySet(`as-${region}`, region, 5),
      ...Array.from({ length: 9 }, (_, i) => vm(`${region}-${i}`, region, { avset: `as-${region}` })),
    ]);
    const result = planRollout([fleetInput(template(resources))], {
      scenario: 'guest-patching',
      startMs: START,
      inventory: { defaults: { offPeak: { start: '03:00', end: '04:00' } }, phases: regions.map((region) => [region]) },
    });
    expect(result.summary.withinThirtyDays).toBe(false);
    expect(result.risks[0]).toMatchObject({ id: 'rollout-over-30-days', severity: 'error' });
  });

  it('os image upgrades start 30 minutes after the release (OU12)', () => {
    expect(plan('os-image-upgrade').waves[0].start).toBe('2026-12-08T00:30:00Z');
  });
});

describe('health and failures (AF7, OU10, OU11, EU4, HP5)', () => {
  it('stops when more than 20% of upgraded instances are unhealthy, rolls the OS disk back, later phases not reached', () => {
    const result = plan('os-image-upgrade', { resources: { 'batch-vmss': { failures: { afterUpdate: [0, 1, 2] } } } });
    expect(result.summary.status).toBe('stopped');
    expect(result.summary.stoppedAt?.reason).toMatch(/batch-vmss: 1 of 1 upgraded instances unhealthy/);
    expect(result.failures[0].rollback).toBe('os-disk');
    expect(result.waves.filter((wave) => wave.status === 'not-reached').length).toBeGreaterThan(0);
    expect(result.risks.find((risk) => risk.id === 'rollout-stopped')?.severity).toBe('error');
  });

  it('does not start a scale set with more than 20% unhealthy before the start', () => {
    const result = plan('os-image-upgrade', { resources: { 'batch-vmss': { failures: { unhealthyBeforeStart: 3 } } } });
    expect(result.summary.stoppedAt?.reason).toMatch(/3 of 10 instances unhealthy before the start/);
    const stopped = result.waves.find((wave) => wave.status === 'stopped')!;
    expect(stopped.targets[0].scaleSet).toBe('batch-vmss');
  });

  it('manual OS upgrades and hotpatch have no rollback (OU11, HP5)', () => {
    const manual = plan('os-image-upgrade', { resources: { 'batch-vmss': { manualUpgrade: true, failures: { afterUpdate: true } } } });
    expect(manual.failures[0].rollback).toBe('none');
    const hot = plan('hotpatch-calendar', { resources: { hot01: { failures: { afterUpdate: true } } } });
    expect(hot.failures[0].rollback).toBe('none');
    expect(hot.phases.map((phase) => phase.status)).toEqual(['failed']);
  });

  it('random failures are seeded: the same seed gives the same plan; Monte Carlo counts stops', () => {
    const options = { scenario: 'guest-patching' as const, startMs: START, inventory: { randomFailures: { probability: 0.3 } }, seed: 7, runs: 50 };
    const a = planRollout(fixture(), options);
    const b = planRollout(fixture(), options);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.monteCarlo!.runs).toBe(50);
    expect(a.monteCarlo!.stopped).toBeGreaterThan(0);
    expect(a.monteCarlo!.stops.reduce((sum, stop) => sum + stop.count, 0)).toBe(a.monteCarlo!.stopped);
    expect(validatePlan(a), JSON.stringify(validatePlan.errors)).toBe(true);
    const rng = mulberry32(42);
    const values = Array.from({ length: 1000 }, rng);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(mulberry32(42)()).toBe(values[0]);
  });
});

describe('hotpatch calendar (HP4)', () => {
  it('baselines in January, April, July, October; unplanned baselines replace a hotpatch month', () => {
    const [entry] = hotpatchCalendar(['vm'], Date.UTC(2026, 11, 8), [], new Map([['vm', ['2027-02']]]));
    expect(entry.months.map((month) => `${month.month}:${month.kind}`).slice(0, 5)).toEqual([
      '2026-12:hotpatch',
      '2027-01:baseline',
      '2027-02:unplanned-baseline',
      '2027-03:hotpatch',
      '2027-04:baseline',
    ]);
    const result = plan('hotpatch-calendar');
    expect(result.calendar?.[0].months[2].kind).toBe('unplanned-baseline');
    // HP4: a hotpatch month needs no reboot for security hotpatches, but non-security, .NET and non-Windows updates may reboot.
    expect(result.waves[0].targets[0].reboot).toBe('if-required');
  });
});

describe('risks', () => {
  it.each([
    ['guest-patching', 'single-vm-availability-set'],
    ['guest-patching', 'off-peak-never-running'],
    ['os-image-upgrade', 'batch-is-whole-capacity'],
  ] as const)('%s finds %s', (scenario, id) => {
    expect(plan(scenario).risks.map((risk) => risk.id)).toContain(id);
  });

  it('a scale set in a single zone, and an availability set with one update domain', () => {
    const result = planRollout(
      [
        fleetInput(
          template([
            scaleSet('s', 'westus2', 4, { zones: ['1'] }),
            availabilitySet('as', 'eastus', 1),
            vm('a', 'eastus', { avset: 'as' }),
            vm('b', 'eastus', { avset: 'as' }),
          ]),
        ),
      ],
      { scenario: 'os-image-upgrade', startMs: START },
    );
    expect(result.risks.map((risk) => risk.id)).toContain('single-zone');
    const patching = planRollout(
      [fleetInput(template([availabilitySet('as', 'eastus', 1), vm('a', 'eastus', { avset: 'as' }), vm('b', 'eastus', { avset: 'as' })]))],
      { scenario: 'guest-patching', startMs: START },
    );
    expect(patching.risks.map((risk) => risk.id)).toContain('single-update-domain');
  });
});

describe('plan diff', () => {
  it('names resources that enter the rollout, changed phases and new risks', () => {
    const before = planRollout([fleetInput('baseline/fleet.json', 'fixtures/plan/fleet.json')], { scenario: 'os-image-upgrade', startMs: START });
    const after = plan('os-image-upgrade');
    const diff = diffPlans(before, after);
    expect(diff.entered).toEqual(['fixtures/plan/fleet.json#tiny-vmss']);
    expect(diff.left).toEqual([]);
    expect(diff.phasesChanged.length).toBeGreaterThan(0);
    expect(diff.newRisks.map((risk) => risk.id)).toContain('batch-is-whole-capacity');
  });
});
