/** Rolling upgrade timing (OU10, OU12), GP18 retries and the service-in-one-zone risk: table-driven. */
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { planRollout } from '../../src/plan/plan.js';
import { nextWindowSlot, parseDuration, windowIntervals } from '../../src/plan/time.js';
import type { Inventory } from '../../src/inventory/types.js';
import type { Plan, Scenario } from '../../src/plan/types.js';
import { fleetInput, scaleSet, START, template, validateInventory, validatePlan, vm } from './helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function rollingSet(name: string, capacity: number, policy: Json, options: { zones?: string[]; flexible?: boolean } = {}): Json {
  const set = scaleSet(name, 'eastus', capacity, { zones: options.zones, flexible: options.flexible }) as Json;
  Object.assign(set.properties.upgradePolicy.rollingUpgradePolicy, policy);
  return set;
}

const planOf = (resources: object[], scenario: Scenario, inventory?: Inventory): Plan => {
  const plan = planRollout([fleetInput(template(resources))], { scenario, startMs: START, inventory });
  expect(validatePlan(JSON.parse(JSON.stringify(plan))), JSON.stringify(validatePlan.errors)).toBe(true);
  return plan;
};
const ms = (value: string) => Date.parse(value);
const MIN = 60_000;

describe('ISO 8601 durations (pauseTimeBetweenBatches)', () => {
  it.each([
    ['PT0S', 0],
    ['PT10M', 10 * MIN],
    ['PT1H30M', 90 * MIN],
    ['PT90S', 90_000],
    ['P1DT2H', 26 * 60 * MIN],
    ['P1W', 7 * 24 * 60 * MIN],
    ['pt5m', 5 * MIN],
    ['PT0.5M', 30_000],
    ['P1M', undefined],
    ['P1Y', undefined],
    ['PT', undefined],
    ['P', undefined],
    ['10 minutes', undefined],
    ['', undefined],
  ])('%s → %s ms', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });
});

describe('rolling upgrade timing of OS image upgrades (OU10, OU12)', () => {
  it.each([
    ['PT0S', 0, false],
    ['PT10M', 10, false],
    ['PT1H30M', 90, false],
    ["[parameters('pause')]", 0, true],
    ['P1M', 0, true],
    ['soon', 0, true],
  ])('pauseTimeBetweenBatches %s: the next batch waits %i min (unknown risk: %s)', (pause, minutes, unknown) => {
    const plan = planOf([rollingSet('s', 10, { pauseTimeBetweenBatches: pause })], 'os-image-upgrade');
    expect(plan.waves.length).toBe(5);
    expect(plan.waves[0].pauseMinutes).toBeUndefined();
    for (let i = 1; i < plan.waves.length; i += 1) {
      expect(ms(plan.waves[i].start) - ms(plan.waves[i - 1].end)).toBe(minutes * MIN);
      expect(plan.waves[i].pauseMinutes).toBe(minutes === 0 ? undefined : minutes);
    }
    const risk = plan.risks.find((r) => r.id === 'unknown-pause-time');
    expect(risk !== undefined).toBe(unknown);
    if (risk) expect(risk.severity).toBe('info');
    expect(plan.summary.risks.error).toBe(0);
  });

  it('the pause applies between batches of the same scale set across zones, not to other scale sets', () => {
    const plan = planOf(
      [
        rollingSet('paused', 4, { pauseTimeBetweenBatches: 'PT1H', maxBatchInstancePercent: 50 }, { zones: ['1', '2'] }),
        rollingSet('other', 4, { maxBatchInstancePercent: 50 }, { zones: ['1', '2'] }),
      ],
      'os-image-upgrade',
    );
    // Two batches per zone (one per update domain); every later batch of `paused`, in zone 2 too, waits an hour.
    const paused = plan.waves.filter((wave) => wave.targets.some((target) => target.scaleSet === 'paused'));
    expect(paused.map((wave) => wave.zone)).toEqual(['1', '1', '2', '2']);
    for (let i = 1; i < paused.length; i += 1) {
      expect(ms(paused[i].start) - ms(paused[i - 1].end)).toBe(60 * MIN);
      expect(paused[i].pauseMinutes).toBe(60);
    }
    // `other` runs its own chain: its second batch does not wait for the pause of `paused`.
    const other = plan.waves.filter((wave) => wave.targets.some((target) => target.scaleSet === 'other'));
    expect(other[1].start).toBe(other[0].end);
    expect(other[1].pauseMinutes).toBeUndefined();
    // `other` has no pause: alone it would take 4 back-to-back batches.
    const alone = planOf([rollingSet('other', 4, { maxBatchInstancePercent: 50 }, { zones: ['1', '2'] })], 'os-image-upgrade');
    for (let i = 1; i < alone.waves.length; i += 1) expect(alone.waves[i].start).toBe(alone.waves[i - 1].end);
  });

  it('pauses apply to OS image upgrades only (guest patching of Flexible sets batches at 20% without the policy)', () => {
    const plan = planOf([rollingSet('flex', 10, { pauseTimeBetweenBatches: 'PT1H' }, { flexible: true })], 'guest-patching');
    expect(plan.waves.every((wave) => wave.pauseMinutes === undefined)).toBe(true);
  });

  it.each([
    [true, 'os-image-upgrade', true],
    [false, 'os-image-upgrade', false],
    [undefined, 'os-image-upgrade', false],
    ["[parameters('surge')]", 'os-image-upgrade', false],
    // Extension upgrades inherit the rolling policy, maxSurge included, on Uniform sets (S5, CF:405).
    [true, 'extension-upgrade', true],
  ] as const)('maxSurge %s in %s: targets say maxSurge=%s', (maxSurge, scenario, surged) => {
    const set = rollingSet('s', 5, maxSurge === undefined ? {} : { maxSurge });
    set.properties.virtualMachineProfile.extensionProfile = {
      extensions: [
        {
          name: 'ama',
          properties: { publisher: 'Microsoft.Azure.Monitor', type: 'AzureMonitorLinuxAgent', typeHandlerVersion: '1.0', enableAutomaticUpgrade: true },
        },
      ],
    };
    const plan = planOf([set], scenario);
    const targets = plan.waves.flatMap((wave) => wave.targets);
    expect(targets.length).toBe(5);
    for (const target of targets) expect(target.maxSurge === true).toBe(surged);
    expect(plan.summary.risks.error).toBe(0);
  });

  it('maxSurge softens the whole-capacity warning but keeps it', () => {
    const plan = planOf([rollingSet('tiny', 1, { maxSurge: true })], 'os-image-upgrade');
    expect(plan.risks.find((r) => r.id === 'batch-is-whole-capacity')?.message).toMatch(/maxSurge creates the new instances first/);
  });

  it.each([
    [undefined, '2026-12-08T00:30:00Z'],
    [false, '2026-12-08T00:30:00Z'],
    [true, '2026-12-08T03:00:00Z'],
  ])('firstOsUpgrade %s: the first batch starts at %s (OU12)', (first, start) => {
    const inventory: Inventory = first === undefined ? {} : { resources: { s: { firstOsUpgrade: first } } };
    expect(validateInventory(inventory)).toBe(true);
    const plan = planOf([rollingSet('s', 5, {})], 'os-image-upgrade', inventory);
    expect(plan.waves[0].start).toBe(start);
  });

  it('a newly enabled scale set starts late; another scale set of the region is not delayed with it', () => {
    const plan = planOf([rollingSet('new', 1, {}), rollingSet('old', 1, {})], 'os-image-upgrade', { resources: { new: { firstOsUpgrade: true } } });
    const startOf = (name: string) => plan.waves.find((wave) => wave.targets[0].scaleSet === name)!.start;
    expect(startOf('old')).toBe('2026-12-08T00:30:00Z');
    expect(startOf('new')).toBe('2026-12-08T03:00:00Z');
  });
});

describe('GP18: failed patch installations are retried in the next off-peak window', () => {
  it.each([
    // [time zone, window, after, expected]
    ['UTC', { start: '22:00', end: '06:00' }, '2026-12-08T23:05:00Z', '2026-12-09T22:00:00Z'],
    ['UTC', { start: '22:00', end: '06:00' }, '2026-12-08T12:00:00Z', '2026-12-08T22:00:00Z'],
    ['Europe/Berlin', { start: '22:00', end: '06:00' }, '2026-12-08T22:05:00Z', '2026-12-09T21:00:00Z'],
    ['UTC', { start: '00:00', end: '00:00' }, '2026-12-08T10:00:00Z', '2026-12-09T10:00:00Z'],
  ])('%s %o after %s → %s', (zone, window, after, expected) => {
    expect(new Date(nextWindowSlot(ms(after), zone, windowIntervals(window), 60)).toISOString().replace('.000Z', 'Z')).toBe(expected);
  });

  it.each([
    ['guest-patching', { afterUpdate: true, transient: true }, 'completed', 0, 1],
    ['guest-patching', { afterUpdate: true }, 'stopped', 1, 0],
    ['guest-patching', { afterUpdate: false, transient: true }, 'completed', 0, 0],
    ['hotpatch-calendar', { afterUpdate: true, transient: true }, 'completed', 0, 1],
  ] as const)('%s with failures %o: %s, %i unhealthy, %i retries', (scenario, failures, status, unhealthy, retries) => {
    const inventory: Inventory = { resources: { a: { failures: { ...failures } } } };
    expect(validateInventory(inventory)).toBe(true);
    const plan = planOf(
      [
        vm('a', 'eastus', { hotpatch: true }),
        vm('b', 'eastus', { hotpatch: true }),
        vm('c', 'eastus', { hotpatch: true }),
        vm('d', 'eastus', { hotpatch: true }),
        vm('e', 'eastus', { hotpatch: true }),
      ],
      scenario,
      inventory,
    );
    expect(plan.summary.status).toBe(status);
    expect(plan.failures.length).toBe(unhealthy);
    expect(plan.retries?.length ?? 0).toBe(retries);
    if (retries > 0) {
      const retry = plan.retries![0];
      const wave = plan.waves[retry.wave - 1];
      expect(wave.targets.map((t) => t.name)).toContain('a');
      // The failed attempt runs 00:00-01:05 in the window open at the release; the retry waits for
      // the next off-peak window (22:00 UTC), not the rest of the same window.
      expect(wave.start).toBe('2026-12-08T00:00:00Z');
      expect(retry.start).toBe('2026-12-08T22:00:00Z');
      expect(ms(retry.end) - ms(retry.start)).toBe((plan.model.updateMinutes + plan.model.healthGateMinutes) * MIN);
      expect(plan.summary.end).toBe(retry.end);
      expect(plan.risks.find((r) => r.id === 'install-retried')).toMatchObject({ severity: 'info', resource: 'a' });
    }
  });

  it('transient is ignored by OS image upgrades: the instance is unhealthy', () => {
    const plan = planOf([rollingSet('s', 5, {})], 'os-image-upgrade', { resources: { s: { failures: { afterUpdate: [0], transient: true } } } });
    expect(plan.failures.length).toBe(1);
    expect(plan.retries).toBeUndefined();
  });

  it('the inventory schema and loader accept the new fields', () => {
    const text = JSON.stringify({ resources: { 'web-*': { service: 'web', firstOsUpgrade: true, failures: { afterUpdate: true, transient: true } } } });
    expect(parseInventory(text, 'x.json').resources!['web-*'].service).toBe('web');
    expect(() => parseInventory(JSON.stringify({ resources: { a: { service: '' } } }), 'x.json')).toThrow();
  });
});

describe('service-in-one-zone for VMs outside scale sets (AF3)', () => {
  const tagged = (name: string, zones: string[] | undefined, tags?: Json, location = 'eastus', mode?: string) => ({
    ...(vm(name, location, { zones, mode }) as Json),
    ...(tags ? { tags } : {}),
  });
  it.each([
    ['two tagged VMs in zone 1', [tagged('a', ['1'], { service: 'web' }), tagged('b', ['1'], { Service: 'web' })], undefined, true],
    ['tagged VMs in zones 1 and 2', [tagged('a', ['1'], { service: 'web' }), tagged('b', ['2'], { service: 'web' })], undefined, false],
    ['a single VM', [tagged('a', ['1'], { service: 'web' })], undefined, false],
    ['regional VMs (no zone)', [tagged('a', undefined, { service: 'web' }), tagged('b', undefined, { service: 'web' })], undefined, false],
    ['an unknown zone', [tagged('a', ['1'], { service: 'web' }), tagged('b', ["[parameters('zone')]"], { service: 'web' })], undefined, false],
    ['an expression tag', [tagged('a', ['1'], { service: "[parameters('svc')]" }), tagged('b', ['1'], { service: "[parameters('svc')]" })], undefined, false],
    ['no service', [tagged('a', ['1']), tagged('b', ['1'])], undefined, false],
    ['different regions', [tagged('a', ['1'], { service: 'web' }), tagged('b', ['1'], { service: 'web' }, 'westus')], undefined, false],
    [
      'an unknown region',
      [tagged('a', ['1'], { service: 'web' }, '[resourceGroup().location]'), tagged('b', ['1'], { service: 'web' }, '[resourceGroup().location]')],
      undefined,
      false,
    ],
    ['inventory service by glob', [tagged('web-1', ['2']), tagged('web-2', ['2'])], { resources: { 'web-*': { service: 'web' } } }, true],
    [
      'inventory service overrides the tag',
      [tagged('a', ['1'], { service: 'web' }), tagged('b', ['1'], { service: 'web' })],
      { resources: { b: { service: 'api' } } },
      false,
    ],
    [
      'an excluded member in another zone',
      [tagged('a', ['1'], { service: 'web' }), tagged('b', ['1'], { service: 'web' }), tagged('c', ['2'], { service: 'web' }, 'eastus', 'Manual')],
      undefined,
      false,
    ],
    [
      'a VM and a scale set in zone 3',
      [tagged('a', ['3'], { service: 'web' }), { ...scaleSet('s', 'eastus', 2, { zones: ['3'], flexible: true }), tags: { service: 'web' } }],
      undefined,
      true,
    ],
    [
      'a VM and a zone-spread scale set',
      [tagged('a', ['3'], { service: 'web' }), { ...scaleSet('s', 'eastus', 2, { zones: ['1', '3'], flexible: true }), tags: { service: 'web' } }],
      undefined,
      false,
    ],
  ] as const)('%s', (_, resources, inventory, risky) => {
    const plan = planOf([...resources] as object[], 'guest-patching', inventory as Inventory | undefined);
    const risk = plan.risks.find((r) => r.id === 'service-in-one-zone');
    expect(risk !== undefined).toBe(risky);
    if (risk) expect(risk.severity).toBe('warning');
    expect(plan.summary.risks.error).toBe(0);
  });
});
