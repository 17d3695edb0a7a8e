/**
 * Derive which property paths each API version defines, from the published ARM JSON Schemas
 * (../shared/arm-schemas, from Azure/azure-resource-manager-schemas), for the resource types
 * patchwise checks. Writes src/catalog/generated/api-versions.ts (committed; the schemas are not).
 *
 *   npx tsx scripts/derive-api-versions.ts [--schemas ../shared/arm-schemas] [--check]
 *
 * --check compares with the committed file and exits 1 when it is out of date.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { DerivedTable, DerivedType } from '../src/catalog/generated/api-versions-types.js';
import { writeGenerated } from './generated-file.js';

type Schema = Record<string, unknown>;

const SOURCE = 'Azure/azure-resource-manager-schemas @a1454431 (2026-08-16), schemas/<api-version>/Microsoft.Compute.json and Microsoft.Maintenance.json';

/** Resource type → where its definition lives in a provider schema, and how to complete it. */
const TYPES: Array<{ type: string; file: string; find: (schema: Schema) => Schema | undefined }> = [
  { type: 'Microsoft.Compute/virtualMachines', file: 'Microsoft.Compute.json', find: (s) => resourceDefinition(s, 'virtualMachines') },
  { type: 'Microsoft.Compute/virtualMachineScaleSets', file: 'Microsoft.Compute.json', find: (s) => resourceDefinition(s, 'virtualMachineScaleSets') },
  { type: 'Microsoft.Compute/availabilitySets', file: 'Microsoft.Compute.json', find: (s) => resourceDefinition(s, 'availabilitySets') },
  {
    type: 'Microsoft.Compute/virtualMachines/extensions',
    file: 'Microsoft.Compute.json',
    find: (s) => extensionDefinition(s, 'virtualMachines_extensions', 'VirtualMachineExtensionProperties'),
  },
  {
    type: 'Microsoft.Compute/virtualMachineScaleSets/extensions',
    file: 'Microsoft.Compute.json',
    find: (s) => extensionDefinition(s, 'virtualMachineScaleSets_extensions', 'VirtualMachineScaleSetExtensionProperties'),
  },
  {
    type: 'Microsoft.Maintenance/maintenanceConfigurations',
    file: 'Microsoft.Maintenance.json',
    find: (s) => resourceDefinition(s, 'maintenanceConfigurations'),
  },
  {
    type: 'Microsoft.Maintenance/configurationAssignments',
    file: 'Microsoft.Maintenance.json',
    find: (s) => resourceDefinition(s, 'configurationAssignments'),
  },
];

function isObject(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function resourceDefinition(schema: Schema, name: string): Schema | undefined {
  for (const key of Object.keys(schema)) {
    if (!/resourceDefinitions$/i.test(key)) continue;
    const group = schema[key];
    if (isObject(group) && isObject(group[name])) return group[name];
  }
  return undefined;
}

/**
 * Extensions are declared as child resources whose `properties` point into a schema file that is
 * not published with the provider (Microsoft.Compute.Extensions.json). The provider's own
 * `…ExtensionProperties` definition describes the same properties, so use it.
 */
function extensionDefinition(schema: Schema, name: string, propertiesDefinition: string): Schema | undefined {
  const definitions = isObject(schema.definitions) ? schema.definitions : {};
  const base = resourceDefinition(schema, name) ?? (definitions[`${name}_childResource`] as Schema | undefined);
  if (!isObject(base) || !isObject(base.properties)) return undefined;
  const properties = isObject(definitions[propertiesDefinition]) ? { $ref: `#/definitions/${propertiesDefinition}` } : { type: 'object' };
  return { ...base, properties: { ...base.properties, properties } };
}

const MAX_DEPTH = 40;
const EXPRESSION_REF = /definitions\.json#\/definitions\/expression$/;

interface Collected {
  properties: Set<string>;
  open: Set<string>;
  enums: Map<string, string[]>;
}

function collect(root: Schema, definitions: Schema): Collected {
  const out: Collected = { properties: new Set(), open: new Set(), enums: new Map() };
  visit(root, '', [], 0);
  return out;

  function visit(node: unknown, path: string, stack: string[], depth: number): void {
    if (!isObject(node) || depth > MAX_DEPTH) return;
    const ref = node.$ref;
    if (typeof ref === 'string') {
      if (EXPRESSION_REF.test(ref)) return;
      const local = /^#\/definitions\/(.+)$/.exec(ref);
      if (!local) {
        out.open.add(path); // a schema file we do not have: anything goes below
        return;
      }
      if (stack.includes(local[1])) {
        out.open.add(path); // recursive definition: do not guess below it
        return;
      }
      visit(definitions[local[1]], path, [...stack, local[1]], depth + 1);
      return;
    }
    for (const key of ['oneOf', 'anyOf', 'allOf']) {
      const alternatives = node[key];
      if (Array.isArray(alternatives)) for (const alternative of alternatives) visit(alternative, path, stack, depth + 1);
    }
    if (Array.isArray(node.enum) && path) {
      const values = node.enum.filter((value): value is string => typeof value === 'string');
      out.enums.set(path, [...new Set([...(out.enums.get(path) ?? []), ...values])]);
    }
    const properties = node.properties;
    if (isObject(properties)) {
      for (const [key, child] of Object.entries(properties)) {
        const childPath = path ? `${path}.${key}` : key;
        out.properties.add(childPath);
        visit(child, childPath, stack, depth + 1);
      }
    }
    if (node.additionalProperties === true || isObject(node.additionalProperties)) out.open.add(path);
    if (node.type === 'object' && !isObject(properties) && node.additionalProperties !== false && path) out.open.add(path);
    // A schema that constrains nothing (e.g. extension `settings` from 2024-11-01 on) accepts any value.
    const constrainsNothing =
      node.type === undefined &&
      !isObject(properties) &&
      node.enum === undefined &&
      node.items === undefined &&
      !['oneOf', 'anyOf', 'allOf'].some((key) => key in node);
    if (constrainsNothing && node.additionalProperties !== false && path) out.open.add(path);
    if (node.items !== undefined) visit(node.items, `${path}[]`, stack, depth + 1);
    else if (node.type === 'array' && path) out.open.add(`${path}[]`);
  }
}

function compareVersions(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mask(indexes: number[]): string {
  let value = 0n;
  for (const index of indexes) value |= 1n << BigInt(index);
  return value.toString(16);
}

export function derive(schemasDir: string): DerivedTable {
  const versions = readdirSync(schemasDir)
    .filter((name) => /^\d{4}-\d{2}-\d{2}/.test(name))
    .sort(compareVersions);
  const types: Record<string, DerivedType> = {};
  for (const { type, file, find } of TYPES) {
    const perVersion: Array<{ version: string; collected: Collected }> = [];
    for (const version of versions) {
      const path = join(schemasDir, version, file);
      if (!existsSync(path)) continue;
      const schema = JSON.parse(readFileSync(path, 'utf8')) as Schema;
      const definition = find(schema);
      if (!definition) continue;
      perVersion.push({ version, collected: collect(definition, isObject(schema.definitions) ? schema.definitions : {}) });
    }
    const typeVersions = perVersion.map((entry) => entry.version);
    const byPath = (select: (collected: Collected) => Iterable<string>) => {
      const map = new Map<string, number[]>();
      perVersion.forEach((entry, index) => {
        for (const path of select(entry.collected)) map.set(path, [...(map.get(path) ?? []), index]);
      });
      return Object.fromEntries([...map.entries()].sort(([a], [b]) => compareVersions(a, b)).map(([path, indexes]) => [path, mask(indexes)]));
    };
    const enums: Record<string, Array<[string, string[]]>> = {};
    const enumPaths = new Set(perVersion.flatMap((entry) => [...entry.collected.enums.keys()]));
    for (const path of [...enumPaths].sort()) {
      if (path.endsWith('apiVersion') || path === 'type') continue;
      const groups = new Map<string, number[]>();
      perVersion.forEach((entry, index) => {
        const values = entry.collected.enums.get(path);
        if (!values) return;
        const key = JSON.stringify([...values].sort());
        groups.set(key, [...(groups.get(key) ?? []), index]);
      });
      enums[path] = [...groups.entries()].map(([values, indexes]) => [mask(indexes), JSON.parse(values) as string[]]);
    }
    types[type] = { versions: typeVersions, properties: byPath((c) => c.properties), open: byPath((c) => c.open), enums };
  }
  return { source: SOURCE, generated: 'scripts/derive-api-versions.ts', types };
}

export function render(table: DerivedTable): string {
  return `// Generated by scripts/derive-api-versions.ts from the ARM JSON Schemas; do not edit.
// Source: ${table.source}
import type { DerivedTable } from './api-versions-types.js';

// A JSON string parses faster than the same data as an object literal (start-up cost).
const table: DerivedTable = JSON.parse(${JSON.stringify(JSON.stringify(table))});

export default table;
`;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED_FILE = join(repoRoot, 'src', 'catalog', 'generated', 'api-versions.ts');

function main(): void {
  const args = process.argv.slice(2);
  const schemasIndex = args.indexOf('--schemas');
  const schemasDir = resolve(schemasIndex >= 0 ? args[schemasIndex + 1] : join(repoRoot, '..', 'shared', 'arm-schemas'));
  if (!existsSync(schemasDir)) {
    console.error(`derive-api-versions: no schemas at ${schemasDir}`);
    process.exit(2);
  }
  writeGenerated(GENERATED_FILE, render(derive(schemasDir)), {
    check: args.includes('--check'),
    script: 'derive-api-versions',
    command: 'npm run derive:api-versions',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
