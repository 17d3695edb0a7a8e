/**
 * Azure public-cloud regions and their geo-pairs as data (spec/current-facts.md §5.3, source S20:
 * learn.microsoft.com/azure/reliability/regions-paired and regions-list, MicrosoftDocs/reliability-docs
 * @e92155a1, include files dated 2026-06-25). The plan engine uses the pairs for AF2: paired regions
 * never share a rollout phase. Some pairs are asymmetric (Brazil South → South Central US, West US 3 →
 * East US, …); for AF2 a pair listed in either direction counts.
 */

export interface RegionRow {
  /** Programmatic name (`eastus`). */
  name: string;
  displayName: string;
  /** Programmatic name of the paired (secondary) region, or null for nonpaired regions. */
  pair: string | null;
  /** Access only on request. */
  restricted: boolean;
  availabilityZones: boolean;
  geography: string;
}

export interface RegionTable {
  source: string;
  date: string;
  rows: RegionRow[];
}

// [name, displayName, pair, restricted, zones, geography]
type Row = [string, string, string | null, boolean, boolean, string];
const ROWS: Row[] = [
  ['australiacentral', 'Australia Central', 'australiacentral2', false, false, 'Australia'],
  ['australiacentral2', 'Australia Central 2', 'australiacentral', true, false, 'Australia'],
  ['australiaeast', 'Australia East', 'australiasoutheast', false, true, 'Australia'],
  ['australiasoutheast', 'Australia Southeast', 'australiaeast', false, false, 'Australia'],
  ['austriaeast', 'Austria East', null, false, true, 'Austria'],
  ['belgiumcentral', 'Belgium Central', null, false, true, 'Belgium'],
  ['brazilsouth', 'Brazil South', 'southcentralus', false, true, 'Brazil'],
  ['brazilsoutheast', 'Brazil Southeast', 'brazilsouth', true, false, 'Brazil'],
  ['canadacentral', 'Canada Central', 'canadaeast', false, true, 'Canada'],
  ['canadaeast', 'Canada East', 'canadacentral', false, false, 'Canada'],
  ['centralindia', 'Central India', 'southindia', false, true, 'India'],
  ['centralus', 'Central US', 'eastus2', false, true, 'United States'],
  ['chilecentral', 'Chile Central', null, false, true, 'Chile'],
  ['denmarkeast', 'Denmark East', null, false, true, 'Denmark'],
  ['eastasia', 'East Asia', 'southeastasia', false, true, 'Asia Pacific'],
  ['eastus', 'East US', 'westus', false, true, 'United States'],
  ['eastus2', 'East US 2', 'centralus', false, true, 'United States'],
  ['francecentral', 'France Central', 'francesouth', false, true, 'France'],
  ['francesouth', 'France South', 'francecentral', true, false, 'France'],
  ['germanynorth', 'Germany North', 'germanywestcentral', true, false, 'Germany'],
  ['germanywestcentral', 'Germany West Central', 'germanynorth', false, true, 'Germany'],
  ['indiasouthcentral', 'India South Central', 'centralindia', false, true, 'India'],
  ['indonesiacentral', 'Indonesia Central', null, false, true, 'Indonesia'],
  ['israelcentral', 'Israel Central', null, false, true, 'Israel'],
  ['italynorth', 'Italy North', null, false, true, 'Italy'],
  ['japaneast', 'Japan East', 'japanwest', false, true, 'Japan'],
  ['japanwest', 'Japan West', 'japaneast', false, true, 'Japan'],
  ['koreacentral', 'Korea Central', 'koreasouth', false, true, 'Korea'],
  ['koreasouth', 'Korea South', 'koreacentral', false, false, 'Korea'],
  ['malaysiawest', 'Malaysia West', null, false, true, 'Malaysia'],
  ['mexicocentral', 'Mexico Central', null, false, true, 'Mexico'],
  ['newzealandnorth', 'New Zealand North', null, false, true, 'New Zealand'],
  ['northcentralus', 'North Central US', 'southcentralus', false, false, 'United States'],
  ['northeurope', 'North Europe', 'westeurope', false, true, 'Europe'],
  ['norwayeast', 'Norway East', 'norwaywest', false, true, 'Norway'],
  ['norwaywest', 'Norway West', 'norwayeast', true, false, 'Norway'],
  ['polandcentral', 'Poland Central', null, false, true, 'Poland'],
  ['qatarcentral', 'Qatar Central', null, false, true, 'Qatar'],
  ['southafricanorth', 'South Africa North', 'southafricawest', false, true, 'South Africa'],
  ['southafricawest', 'South Africa West', 'southafricanorth', true, false, 'South Africa'],
  ['southcentralus', 'South Central US', 'northcentralus', false, true, 'United States'],
  ['southindia', 'South India', 'centralindia', false, false, 'India'],
  ['southeastasia', 'Southeast Asia', 'eastasia', false, true, 'Asia Pacific'],
  ['spaincentral', 'Spain Central', null, false, true, 'Spain'],
  ['swedencentral', 'Sweden Central', 'swedensouth', false, true, 'Sweden'],
  // Not its own row on the page: only the (restricted) pair of Sweden Central [S20].
  ['swedensouth', 'Sweden South', 'swedencentral', true, false, 'Sweden'],
  ['switzerlandnorth', 'Switzerland North', 'switzerlandwest', false, true, 'Switzerland'],
  ['switzerlandwest', 'Switzerland West', 'switzerlandnorth', true, false, 'Switzerland'],
  ['uaecentral', 'UAE Central', 'uaenorth', true, false, 'UAE'],
  ['uaenorth', 'UAE North', 'uaecentral', false, true, 'UAE'],
  ['uksouth', 'UK South', 'ukwest', false, true, 'United Kingdom'],
  ['ukwest', 'UK West', 'uksouth', false, false, 'United Kingdom'],
  ['westcentralus', 'West Central US', 'westus2', false, false, 'United States'],
  ['westeurope', 'West Europe', 'northeurope', false, true, 'Europe'],
  ['westindia', 'West India', 'southindia', false, false, 'India'],
  ['westus', 'West US', 'eastus', false, false, 'United States'],
  ['westus2', 'West US 2', 'westcentralus', false, true, 'United States'],
  ['westus3', 'West US 3', 'eastus', false, true, 'United States'],
];

export const REGIONS: RegionTable = {
  source: 'S20 https://learn.microsoft.com/azure/reliability/regions-paired (MicrosoftDocs/reliability-docs @e92155a1)',
  date: '2026-06-25',
  rows: ROWS.map(([name, displayName, pair, restricted, availabilityZones, geography]) => ({
    name,
    displayName,
    pair,
    restricted,
    availabilityZones,
    geography,
  })),
};

const BY_NAME = new Map(REGIONS.rows.map((row) => [row.name, row]));

/** `East US`, `eastus`, `EastUS` → `eastus` (ARM accepts display and programmatic names). */
export function normalizeRegion(location: string): string {
  return location.replace(/[\s_-]+/g, '').toLowerCase();
}

export function regionInfo(name: string): RegionRow | undefined {
  return BY_NAME.get(normalizeRegion(name));
}

/** Regions that must not share a phase with `name` (pairs in either direction, AF2). */
export function pairedWith(name: string): string[] {
  const key = normalizeRegion(name);
  const out = new Set<string>();
  const own = BY_NAME.get(key)?.pair;
  if (own) out.add(own);
  for (const row of REGIONS.rows) if (row.pair === key) out.add(row.name);
  out.delete(key);
  return [...out].sort();
}

/** True when the two regions are a geo-pair in either direction. */
export function arePaired(a: string, b: string): boolean {
  const x = normalizeRegion(a);
  const y = normalizeRegion(b);
  return x !== y && (BY_NAME.get(x)?.pair === y || BY_NAME.get(y)?.pair === x);
}
