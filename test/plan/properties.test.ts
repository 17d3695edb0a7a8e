/** fast-check properties of the plan over random fleets (templates → model → plan). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arePaired } from '../../src/catalog/regions.js';
import { planRollout } from '../../src/plan/plan.js';
import type { Plan, Scenario } from '../../src/plan/types.js';
import { availabilitySet, fleetInput, scaleSet, START, template, validatePlan, vm } from './helpers.js';

const REGIONS = [
  'eastus',
  'westus',
  'westus3',
  'northeurope',
  'westeurope',
  'centralus',
  'eastus2',
  'japaneast',
  'japanwest',
  'austriaeast',
  'brazilsouth',
  'southcentralus',
  'northcentralus',
];
const ZONES = [undefined, ['1'], ['2'], ['3'], ['1', '2'], ['1', '2', '3']];
const MODES = ['AutomaticByPlatform', 'AutomaticByPlatform', 'AutomaticByPlatform', 'Manual', 'AutomaticByOS'];
const TIME_ZONES = ['UTC', 'W. Europe Standard Time', 'Pacific Standard Time', 'Tokyo Standard Time', 'India Standard Time'];

const vmSpec = fc.record({
  region: fc.constantFrom(...REGIONS),
  zones: fc.constantFrom(...ZONES.filter((zones) => zones === undefined || zones.length === 1)),
  mode: fc.constantFrom(...MODES),
  set: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  timeZone: fc.constantFrom(...TIME_ZONES),
});
const setSpec = fc.record({ region: fc.constantFrom(...REGIONS), updateDomains: fc.integer({ min: 1, max: 5 }) });
const scaleSetSpec = fc.record({
  region: fc.constantFrom(...REGIONS),
  capacity: fc.integer({ min: 0, max: 40 }),
  zones: fc.constantFrom(...ZONES),
  flexible: fc.boolean(),
  batch: fc.integer({ min: 5, max: 100 }),
});
const fleetSpec = fc.record({
  vms: fc.array(vmSpec, { maxLength: 40 }),
  sets: fc.array(setSpec, { minLength: 4, maxLength: 4 }),
  scaleSets: fc.array(scaleSetSpec, { maxLength: 5 }),
  scenario: fc.constantFrom<Scenario>('guest-patching', 'os-image-upgrade', 'extension-upgrade', 'hotpatch-calendar'),
  seed: fc.nat(),
  probability: fc.constantFrom(0, 0, 0.05, 0.3),
});
type FleetSpec = typeof fleetSpec extends fc.Arbitrary<infer T> ? T : never;

function build(spec: FleetSpec): { plan: Plan; vmCount: number } {
  const resources: object[] = spec.sets.map((set, i) => availabilitySet(`as${i}`, set.region, set.updateDomains));
  spec.vms.forEach((entry, i) => {
    // A VM in a set lives in the set's region and has no zone.
    const set = entry.set === undefined ? undefined : spec.sets[entry.set];
    resources.push(
      vm(`vm${i}`, set ? set.region : entry.region, {
        mode: entry.mode,
        zones: set ? undefined : entry.zones,
        avset: set ? `as${entry.set}` : undefined,
        timeZone: entry.timeZone,
        hotpatch: i % 2 === 0,
      }),
    );
  });
  spec.scaleSets.forEach((entry, i) =>
    resources.push(scaleSet(`ss${i}`, entry.region, entry.capacity, { flexible: entry.flexible, zones: entry.zones, batch: entry.batch })),
  );
  const plan = planRollout([fleetInput(template(resources))], {
    scenario: spec.scenario,
    startMs: START,
    seed: spec.seed,
    inventory: spec.probability ? { randomFailures: { probability: spec.probability } } : undefined,
  });
  return { plan, vmCount: spec.vms.length };
}

const ms = (value: string) => Date.parse(value);
const overlap = (a: { start: string; end: string }, b: { start: string; end: string }) => ms(a.start) < ms(b.end) && ms(b.start) < ms(a.end);
const PARAMETERS = { numRuns: 60 };

describe('plan properties over random fleets', () => {
  it('every eligible target appears exactly once; every resource is planned or excluded', () => {
    fc.assert(
      fc.property(fleetSpec, (spec) => {
        const { plan } = build(spec);
        const ids = plan.waves.flatMap((wave) => wave.targets.map((target) => target.id));
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBe(plan.summary.targets);
        const planned = new Set(plan.waves.flatMap((wave) => wave.targets.map((target) => target.scaleSet ?? target.name)));
        const excluded = new Set(plan.excluded.map((entry) => entry.name));
        spec.vms.forEach((_, i) => expect(planned.has(`vm${i}`) !== excluded.has(`vm${i}`)).toBe(true));
        spec.scaleSets.forEach((entry, i) => {
          expect(planned.has(`ss${i}`) !== excluded.has(`ss${i}`)).toBe(true);
          if (planned.has(`ss${i}`)) expect(ids.filter((id) => id.includes(`#ss${i}/`)).length).toBe(entry.capacity);
        });
      }),
      PARAMETERS,
    );
  });

  it('waves that overlap in time never touch two zones of a region or two update domains of a set', () => {
    fc.assert(
      fc.property(fleetSpec, (spec) => {
        const { plan } = build(spec);
        for (const wave of plan.waves) {
          const domains = new Map<string, Set<number | null>>();
          for (const target of wave.targets) {
            expect(target.zone).toBe(wave.zone);
            const group = target.availabilitySet ?? target.scaleSet;
            if (group) domains.set(group, (domains.get(group) ?? new Set()).add(target.updateDomain));
          }
          for (const set of domains.values()) expect(set.size).toBe(1);
        }
        for (let i = 0; i < plan.waves.length; i += 1) {
          for (let j = i + 1; j < plan.waves.length; j += 1) {
            const a = plan.waves[i];
            const b = plan.waves[j];
            if (a.region !== b.region || !overlap(a, b)) continue;
            expect(a.zone).toBe(b.zone);
            for (const x of a.targets) {
              for (const y of b.targets) {
                if (x.availabilitySet !== null && x.availabilitySet === y.availabilitySet) expect(x.updateDomain).toBe(y.updateDomain);
                if (x.scaleSet !== null && x.scaleSet === y.scaleSet) expect(x.updateDomain).toBe(y.updateDomain);
              }
            }
          }
        }
      }),
      PARAMETERS,
    );
  });

  it('no phase holds both regions of a pair; phase k+1 starts after phase k ends; waves stay inside their phase', () => {
    fc.assert(
      fc.property(fleetSpec, (spec) => {
        const { plan } = build(spec);
        for (const phase of plan.phases) {
          for (const a of phase.regions) for (const b of phase.regions) expect(arePaired(a, b)).toBe(false);
        }
        for (let k = 1; k < plan.phases.length; k += 1) expect(ms(plan.phases[k].start)).toBeGreaterThanOrEqual(ms(plan.phases[k - 1].end));
        for (const wave of plan.waves) {
          const phase = plan.phases[wave.phase - 1];
          expect(phase.regions).toContain(wave.region);
          expect(ms(wave.start)).toBeGreaterThanOrEqual(ms(phase.start));
          expect(ms(wave.end)).toBeLessThanOrEqual(ms(phase.end));
        }
        const regions = plan.phases.flatMap((phase) => phase.regions);
        expect(new Set(regions).size).toBe(regions.length);
      }),
      PARAMETERS,
    );
  });

  it('batches respect the percentage: at any time at most one batch of a scale set or an availability-set domain updates', () => {
    fc.assert(
      fc.property(fleetSpec, (spec) => {
        const { plan } = build(spec);
        const capacity = new Map(spec.scaleSets.map((entry, i) => [`ss${i}`, entry]));
        for (const wave of plan.waves) {
          // Everything of one set updating at the instant this wave starts (waves that overlap this one
          // without overlapping each other are not concurrent: seed 659567462 found that case).
          const at = ms(wave.start);
          const concurrent = plan.waves
            .filter((other) => other.region === wave.region && ms(other.start) <= at && at < ms(other.end))
            .flatMap((other) => other.targets);
          const perSet = new Map<string, number>();
          for (const target of concurrent) if (target.scaleSet) perSet.set(target.scaleSet, (perSet.get(target.scaleSet) ?? 0) + 1);
          for (const [name, count] of perSet) {
            const entry = capacity.get(name)!;
            const percent = spec.scenario === 'os-image-upgrade' ? entry.batch : 20;
            expect(count).toBeLessThanOrEqual(Math.max(1, Math.floor((entry.capacity * percent) / 100)));
          }
          const perSetVms = new Map<string, number>();
          for (const target of concurrent) if (target.availabilitySet) perSetVms.set(target.availabilitySet, (perSetVms.get(target.availabilitySet) ?? 0) + 1);
          for (const [name, count] of perSetVms) {
            const members = plan.waves.flatMap((w) => w.targets).filter((t) => t.availabilitySet === name);
            const setSize = spec.vms.filter((entry) => entry.set !== undefined && `as${entry.set}` === name).length;
            // CF11 (S1): one at a time under 10 VMs, else at most 20% of the set's VMs, inside one domain.
            expect(new Set(concurrent.filter((t) => t.availabilitySet === name).map((t) => t.updateDomain)).size).toBe(1);
            expect(members.length).toBeLessThanOrEqual(setSize);
            expect(count).toBeLessThanOrEqual(setSize < 10 ? 1 : Math.max(1, Math.floor(setSize * 0.2)));
          }
        }
      }),
      PARAMETERS,
    );
  });

  it('rolling timing (OU10, OU12) and GP18 retries: pauses separate batches, maxSurge only on OS upgrades, retries follow their wave', () => {
    const timingSpec = fc.record({
      sets: fc.array(
        fc.record({
          capacity: fc.integer({ min: 1, max: 20 }),
          pause: fc.constantFrom('PT0S', 'PT5M', 'PT1H', 'P1M', "[parameters('p')]"),
          surge: fc.boolean(),
          zones: fc.constantFrom(...ZONES),
          first: fc.boolean(),
        }),
        { maxLength: 3 },
      ),
      vms: fc.array(
        fc.record({
          zone: fc.constantFrom(undefined, '1', '2'),
          transient: fc.boolean(),
          fails: fc.boolean(),
          timeZone: fc.constantFrom(...TIME_ZONES),
          service: fc.constantFrom(undefined, 'web', 'api'),
        }),
        { maxLength: 12 },
      ),
      scenario: fc.constantFrom<Scenario>('guest-patching', 'os-image-upgrade'),
    });
    fc.assert(
      fc.property(timingSpec, (spec) => {
        const resources: object[] = [];
        const inventoryResources: Record<string, object> = {};
        spec.sets.forEach((entry, i) => {
          const set = scaleSet(`ss${i}`, 'eastus', entry.capacity, { zones: entry.zones }) as {
            properties: { upgradePolicy: { rollingUpgradePolicy: Record<string, unknown> } };
          };
          Object.assign(set.properties.upgradePolicy.rollingUpgradePolicy, { pauseTimeBetweenBatches: entry.pause, maxSurge: entry.surge });
          resources.push(set);
          if (entry.first) inventoryResources[`ss${i}`] = { firstOsUpgrade: true };
        });
        spec.vms.forEach((entry, i) => {
          resources.push({
            ...(vm(`vm${i}`, 'westus2', { zones: entry.zone ? [entry.zone] : undefined, timeZone: entry.timeZone }) as object),
            ...(entry.service ? { tags: { service: entry.service } } : {}),
          });
          if (entry.fails) inventoryResources[`vm${i}`] = { failures: { afterUpdate: true, transient: entry.transient } };
        });
        const plan = planRollout([fleetInput(template(resources))], { scenario: spec.scenario, startMs: START, inventory: { resources: inventoryResources } });
        expect(validatePlan(JSON.parse(JSON.stringify(plan))), JSON.stringify(validatePlan.errors)).toBe(true);
        const pauses: Record<string, number> = { PT0S: 0, PT5M: 5, PT1H: 60 };
        spec.sets.forEach((entry, i) => {
          const waves = plan.waves.filter((wave) => wave.targets.some((t) => t.scaleSet === `ss${i}`));
          const pause = spec.scenario === 'os-image-upgrade' ? (pauses[entry.pause] ?? 0) : 0;
          for (let k = 1; k < waves.length; k += 1) expect(ms(waves[k].start) - ms(waves[k - 1].end)).toBeGreaterThanOrEqual(pause * 60_000);
          if (spec.scenario === 'os-image-upgrade' && entry.first && waves.length > 0) expect(ms(waves[0].start) - START).toBeGreaterThanOrEqual(180 * 60_000);
        });
        for (const target of plan.waves.flatMap((wave) => wave.targets)) if (target.maxSurge) expect(spec.scenario).toBe('os-image-upgrade');
        for (const retry of plan.retries ?? []) {
          const wave = plan.waves[retry.wave - 1];
          expect(wave.targets.map((t) => t.id)).toContain(retry.target);
          expect(ms(retry.start)).toBeGreaterThanOrEqual(ms(wave.end));
          expect(ms(retry.end)).toBeLessThanOrEqual(ms(plan.summary.end));
        }
        // Transient failures and unknown values never make an error on their own.
        const unhealthy = spec.vms.some((entry) => entry.fails && !(entry.transient && spec.scenario === 'guest-patching'));
        if (!unhealthy) expect(plan.risks.filter((risk) => risk.severity === 'error' && risk.id !== 'rollout-over-30-days')).toEqual([]);
        for (const risk of plan.risks)
          if (risk.id === 'service-in-one-zone' || risk.id === 'unknown-pause-time' || risk.id === 'install-retried') expect(risk.severity).not.toBe('error');
      }),
      PARAMETERS,
    );
  });

  it('groups that share no zone, update domain or set run side by side: two sets in different time zones take the longer, not the sum', () => {
    const spec = fc.record({
      a: fc.integer({ min: 1, max: 14 }),
      b: fc.integer({ min: 1, max: 14 }),
      zoneA: fc.constantFrom(...TIME_ZONES),
      zoneB: fc.constantFrom(...TIME_ZONES),
      region: fc.constantFrom(...REGIONS),
    });
    fc.assert(
      fc.property(spec, ({ a, b, zoneA, zoneB, region }) => {
        const set = (name: string, count: number, timeZone: string) => [
          availabilitySet(name, region, 5),
          ...Array.from({ length: count }, (_, i) => vm(`${name}-${i}`, region, { avset: name, timeZone })),
        ];
        const hours = (resources: object[]) =>
          planRollout([fleetInput(template(resources))], { scenario: 'guest-patching', startMs: START }).summary.durationHours;
        expect(hours([...set('a', a, zoneA), ...set('b', b, zoneB)])).toBe(Math.max(hours(set('a', a, zoneA)), hours(set('b', b, zoneB))));
      }),
      { numRuns: 40 },
    );
  });

  it('GP18 retries keep the rules: no other zone of the region and no paired region updates during a retry; the phase waits for it', () => {
    const spec = fc.record({
      vms: fc.array(
        fc.record({
          region: fc.constantFrom('eastus', 'westus', 'northeurope'),
          zone: fc.constantFrom(undefined, '1', '2', '3'),
          set: fc.boolean(),
          transient: fc.boolean(),
          timeZone: fc.constantFrom(...TIME_ZONES),
        }),
        { minLength: 1, maxLength: 25 },
      ),
    });
    fc.assert(
      fc.property(spec, ({ vms }) => {
        const resources: object[] = ['eastus', 'westus', 'northeurope'].map((region) => availabilitySet(`as-${region}`, region, 3));
        const inventory: Record<string, object> = {};
        vms.forEach((entry, i) => {
          resources.push(
            vm(`v${i}`, entry.region, {
              zones: entry.set || !entry.zone ? undefined : [entry.zone],
              avset: entry.set ? `as-${entry.region}` : undefined,
              timeZone: entry.timeZone,
            }),
          );
          if (entry.transient) inventory[`v${i}`] = { failures: { afterUpdate: true, transient: true } };
        });
        const plan = planRollout([fleetInput(template(resources))], { scenario: 'guest-patching', startMs: START, inventory: { resources: inventory } });
        for (const retry of plan.retries ?? []) {
          const failed = plan.waves[retry.wave - 1];
          const target = failed.targets.find((t) => t.id === retry.target)!;
          expect(ms(plan.phases[failed.phase - 1].end)).toBeGreaterThanOrEqual(ms(retry.end));
          for (const wave of plan.waves) {
            if (!overlap(wave, retry)) continue;
            expect(arePaired(wave.region, failed.region)).toBe(false);
            if (wave.region !== failed.region) continue;
            expect(wave.zone).toBe(failed.zone);
            for (const other of wave.targets)
              if (target.availabilitySet !== null && other.availabilitySet === target.availabilitySet) expect(other.updateDomain).toBe(target.updateDomain);
          }
        }
      }),
      PARAMETERS,
    );
  });

  it('is deterministic for a seed and always matches the JSON schema', () => {
    fc.assert(
      fc.property(fleetSpec, (spec) => {
        const a = build(spec).plan;
        const b = build(spec).plan;
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        expect(validatePlan(JSON.parse(JSON.stringify(a))), JSON.stringify(validatePlan.errors)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
