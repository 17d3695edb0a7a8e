/** The inventory: schema and semantic validation, lookups, and the GP12 rule that reads it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/files.js';
import { lintTemplate } from '../../src/engine/lint.js';
import { parseInventory } from '../../src/inventory/load.js';
import { inventoryLookup } from '../../src/inventory/lookup.js';
import linuxAgentVersion, { compareVersions } from '../../rules/inventory/linux-agent-version.js';
import { PLAN_FIXTURES, template, validateInventory, vm } from './helpers.js';

const read = (name: string) => readFileSync(join(PLAN_FIXTURES, name), 'utf8');

describe('inventory validation', () => {
  it('accepts the shipped inventories (and the schema agrees)', () => {
    for (const name of ['fleet.inventory.json', 'inventories/phases.json', 'inventories/random.json', 'inventories/failing-scale-set.json']) {
      expect(() => parseInventory(read(name), name)).not.toThrow();
      expect(validateInventory(JSON.parse(read(name)))).toBe(true);
    }
  });

  it.each([
    ['inventories/not-json.json', /not valid JSON/],
    ['inventories/bad-shape.json', /additional properties 'colour'[\s\S]*offPeak\/start must match pattern/],
    ['inventories/bad-time-zone.json', /timeZone 'Mars Standard Time' is neither a Windows nor an IANA time zone/],
  ])('%s is a usage error that names the problem', (name, message) => {
    expect(() => parseInventory(read(name), name)).toThrow(UsageError);
    expect(() => parseInventory(read(name), name)).toThrow(message);
  });

  it('a region listed in two phases is refused', () => {
    expect(() => parseInventory(JSON.stringify({ phases: [['eastus'], ['East US']] }), 'x')).toThrow(/already in phase 1/);
  });

  it('lookup: defaults, then globs, then the exact name', () => {
    const lookup = inventoryLookup({
      defaults: { timeZone: 'UTC', powerState: 'running' },
      resources: { 'web-*': { timeZone: 'Europe/Berlin' }, 'web-01': { powerState: 'deallocated' } },
    });
    expect(lookup('web-01')).toEqual({ timeZone: 'Europe/Berlin', powerState: 'deallocated' });
    expect(lookup('db')).toEqual({ timeZone: 'UTC', powerState: 'running' });
  });
});

describe('inventory/linux-agent-version (GP12)', () => {
  const fleet = template([
    vm('old', 'eastus', { os: 'Linux' }),
    vm('new', 'eastus', { os: 'Linux' }),
    vm('image-default', 'eastus', { os: 'Linux', mode: 'ImageDefault' }),
    vm('unknown', 'eastus', { os: 'Linux' }),
  ]);
  const lint = (inventory?: object) =>
    lintTemplate({ file: 'fleet.json', text: JSON.stringify(fleet) }, { rules: [linuxAgentVersion], inventory: inventory as never }).findings.filter(
      (finding) => finding.ruleId === linuxAgentVersion.id,
    );

  it('reports platform-patched Linux VMs whose inventory agent is older than 2.2.53.1', () => {
    const findings = lint({
      resources: { old: { linuxAgentVersion: '2.2.49.2' }, new: { linuxAgentVersion: '2.2.53.1' }, 'image-default': { linuxAgentVersion: '2.2.10' } },
    });
    expect(findings.map((finding) => finding.resource?.name)).toEqual(['old']);
    expect(findings[0].message).toContain('2.2.49.2');
    expect(findings[0].requirements).toEqual(['GP12']);
  });

  it('says nothing without an inventory or without the version', () => {
    expect(lint()).toEqual([]);
    expect(lint({ resources: {} })).toEqual([]);
  });

  it('compares versions numerically', () => {
    expect(compareVersions('2.2.9', '2.2.53.1')).toBeLessThan(0);
    expect(compareVersions('2.10', '2.2.53.1')).toBeGreaterThan(0);
    expect(compareVersions('2.2.53.1', '2.2.53.1')).toBe(0);
  });
});
