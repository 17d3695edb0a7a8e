/**
 * A generated fleet of about 10,000 resources (34 regions, 4 time zones, availability sets of 9,
 * zonal and regional VMs, Flexible and Uniform scale sets, Manual and ImageDefault VMs), in the
 * shape of the plan audit's: the markdown size budget and the 10k-fleet duration are measured on it.
 */
import { REGIONS } from '../../src/catalog/regions.js';
import { availabilitySet, scaleSet, template, vm } from './helpers.js';

const TIME_ZONES = ['UTC', 'W. Europe Standard Time', 'Pacific Standard Time', 'Tokyo Standard Time'];

export function bigFleet(regionCount = 34, options: { location?: (region: string) => string } = {}): object {
  const regions = REGIONS.rows.map((row) => row.name).slice(0, regionCount);
  const resources: object[] = [];
  regions.forEach((region, r) => {
    const location = options.location ? options.location(region) : region;
    for (let s = 0; s < 9; s += 1) {
      const set = `${region}-as-${s}`;
      resources.push(availabilitySet(set, location, 5));
      const timeZone = TIME_ZONES[(r + s) % TIME_ZONES.length];
      for (let i = 0; i < 9; i += 1) resources.push(vm(`${set}-${i}`, location, { avset: set, timeZone }));
    }
    for (let i = 0; i < 123; i += 1)
      resources.push(vm(`${region}-z-${i}`, location, { zones: [String(1 + (i % 3))], timeZone: TIME_ZONES[i % TIME_ZONES.length] }));
    for (let i = 0; i < 60; i += 1) resources.push(vm(`${region}-r-${i}`, location, { timeZone: TIME_ZONES[(i + r) % TIME_ZONES.length] }));
    resources.push(scaleSet(`${region}-flex`, location, 20, { flexible: true, zones: ['1', '2', '3'] }));
    resources.push(scaleSet(`${region}-uni`, location, 20, { zones: ['1', '2', '3'] }));
    for (let i = 0; i < 10; i += 1) resources.push(vm(`${region}-manual-${i}`, location, { mode: 'Manual' }));
    for (let i = 0; i < 10; i += 1) resources.push(vm(`${region}-linux-${i}`, location, { os: 'Linux', mode: 'ImageDefault' }));
  });
  return template(resources);
}
