#!/usr/bin/env node
// Benchmark: `patchwise plan` on synthetic fleets of 10k, 100k and 1M VMs in 60 regions (models
// built in memory, so the figures are the plan engine's: fleet, phases, batches, times, health).
// 60% zonal VMs outside sets, 30% in availability sets of 10 VMs, 10% in Flexible scale sets of 50;
// five time zones. Target: 100k VMs under 1 s, growth linear.
// Usage: npm run bench:plan [-- --rounds N --dist PATH]
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, dist: { type: 'string' } } });
const rounds = Number(options.rounds);
const dist = resolve(options.dist ?? join(root, 'dist'));
const { planRollout } = await import(join(dist, 'src/plan/plan.js'));
const { REGIONS } = await import(join(dist, 'src/catalog/regions.js'));

const regions = [...REGIONS.rows.map((row) => row.name), 'contosoeast', 'contosowest'].slice(0, 60);
const TIME_ZONES = ['UTC', 'W. Europe Standard Time', 'Pacific Standard Time', 'Tokyo Standard Time', 'India Standard Time'];
const field = (value, path = []) => ({ value, path, explicit: value !== undefined });

function profile(timeZone) {
  return {
    base: ['properties', 'osProfile'],
    present: true,
    os: field('Windows'),
    configuration: ['properties', 'osProfile', 'windowsConfiguration'],
    patchMode: field('AutomaticByPlatform'),
    enableAutomaticUpdates: field(true),
    provisionVMAgent: field(true),
    assessmentMode: field(undefined),
    enableHotpatching: field(undefined),
    rebootSetting: field(undefined),
    bypassPlatformSafetyChecksOnUserSchedule: field(undefined),
    timeZone,
  };
}

function resource(name, timeZone) {
  return {
    type: 'Microsoft.Compute/virtualMachines',
    apiVersion: '2024-03-01',
    name,
    body: { properties: { osProfile: { windowsConfiguration: { timeZone } } } },
    file: 'bench.json',
    conditional: false,
    locate: () => ({}),
  };
}

function syntheticModel(vms) {
  const model = { resources: [], virtualMachines: [], scaleSets: [], extensions: [], availabilitySets: [], loadBalancers: [], other: [] };
  const sets = new Set();
  for (let i = 0; i < vms; i += 1) {
    const region = regions[i % regions.length];
    const timeZone = TIME_ZONES[i % TIME_ZONES.length];
    const kind = i % 10; // 0-5 zonal, 6-8 availability set, 9 flexible scale set
    const name = `vm${i}`;
    let availabilitySetId = field(undefined);
    let virtualMachineScaleSetId = field(undefined);
    let zones = field(undefined);
    if (kind <= 5) zones = field([String(1 + (Math.floor(i / regions.length) % 3))]);
    else if (kind <= 8) {
      const set = `as-${region}-${Math.floor(i / (regions.length * 10))}`;
      availabilitySetId = field(`/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/availabilitySets/${set}`);
      if (!sets.has(set)) {
        sets.add(set);
        model.availabilitySets.push({
          kind: 'availabilitySet',
          name: set,
          resource: resource(set),
          platformUpdateDomainCount: field(5),
          platformFaultDomainCount: field(2),
          location: field(region),
        });
      }
    } else {
      virtualMachineScaleSetId = field(
        `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/flex-${region}-${Math.floor(i / (regions.length * 500))}`,
      );
    }
    model.virtualMachines.push({
      kind: 'virtualMachine',
      name,
      resource: resource(name, timeZone),
      osProfile: profile(timeZone),
      image: {},
      extensions: [],
      location: field(region),
      zones,
      availabilitySetId,
      virtualMachineScaleSetId,
    });
  }
  return model;
}

function measure(vms) {
  const model = syntheticModel(vms);
  const times = [];
  let plan;
  for (let round = 0; round < rounds; round += 1) {
    const start = performance.now();
    plan = planRollout([{ file: 'bench.json', model }], { scenario: 'guest-patching', startMs: Date.UTC(2026, 11, 8), seed: 1 });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    vms,
    ms: times[Math.floor(times.length / 2)],
    targets: plan.summary.targets,
    waves: plan.summary.waves,
    phases: plan.summary.phases,
    regions: plan.summary.regions,
  };
}

const results = [];
for (const vms of [10_000, 100_000, 1_000_000]) {
  const result = measure(vms);
  results.push(result);
  console.log(
    `${String(vms).padStart(9)} VMs: ${result.ms.toFixed(0).padStart(6)} ms (median of ${rounds})  ${result.targets} targets, ${result.regions} regions, ${result.phases} phases, ${result.waves} waves  ${((result.ms * 1000) / vms).toFixed(2)} µs/VM`,
  );
}
const [small, medium, large] = results;
console.log(`growth 10k→100k: ${(medium.ms / small.ms).toFixed(1)}x, 100k→1M: ${(large.ms / medium.ms).toFixed(1)}x (linear: 10x)`);
console.log(`100k VMs: ${medium.ms < 1000 ? 'under' : 'OVER'} the 1 s target`);
