/**
 * Time-zone names from the CLDR tables that the `windows-iana` package ships: Windows names (what
 * `maintenanceWindow.timeZone` takes, e.g. `Pacific Standard Time`, `UTC`) and IANA names (for
 * inventories and suggestions). Compared without case.
 */
import { createRequire } from 'node:module';

// Loaded on first use, not at start-up: the tables are ~90 KB that most lint runs never need.
// (A require the bundler leaves alone: the package is a dependency, resolved from node_modules.)
const loadPackage = createRequire(import.meta.url);
type WindowsIana = typeof import('windows-iana');

export const TIME_ZONES_SOURCE = {
  source:
    'CLDR windowsZones.xml and timezone.xml via the windows-iana package; ARM Microsoft.Maintenance maintenanceWindow.timeZone ("Windows time-zone names")',
  date: '2025',
};

interface Tables {
  /** lower-case Windows name -> Windows name */
  windows: Map<string, string>;
  /** lower-case Windows name -> IANA name of its main territory (001) */
  windowsToIana: Map<string, string>;
  /** lower-case IANA name (or alias) -> IANA name */
  iana: Map<string, string>;
  /** lower-case IANA name (or alias) -> Windows names */
  ianaToWindows: Map<string, string[]>;
}

let tables: Tables | undefined;

function load(): Tables {
  if (tables) return tables;
  const { IANA_ALIAS_MAP, WINDOWS_TO_IANA_MAP } = loadPackage('windows-iana') as WindowsIana;
  const loaded: Tables = { windows: new Map(), windowsToIana: new Map(), iana: new Map(), ianaToWindows: new Map() };
  for (const row of WINDOWS_TO_IANA_MAP) {
    const key = row.windowsName.toLowerCase();
    loaded.windows.set(key, row.windowsName);
    if (row.territory === '001' && row.iana[0]) loaded.windowsToIana.set(key, row.iana[0]);
    for (const iana of row.iana) {
      const ianaKey = iana.toLowerCase();
      loaded.iana.set(ianaKey, iana);
      const names = loaded.ianaToWindows.get(ianaKey) ?? [];
      if (!names.includes(row.windowsName)) names.push(row.windowsName);
      loaded.ianaToWindows.set(ianaKey, names);
    }
  }
  for (const zone of IANA_ALIAS_MAP) {
    const [main] = zone.alias;
    if (!main) continue;
    for (const alias of zone.alias) if (!loaded.iana.has(alias.toLowerCase())) loaded.iana.set(alias.toLowerCase(), main);
  }
  tables = loaded;
  return loaded;
}

/** The canonical Windows time-zone name for `name` (any case), or undefined when it is not one. */
export function windowsTimeZone(name: string): string | undefined {
  return load().windows.get(name.trim().toLowerCase());
}

/** Windows names for an IANA time-zone name (any case); empty when it is not one. */
export function windowsZonesForIana(name: string): string[] {
  return load().ianaToWindows.get(name.trim().toLowerCase()) ?? [];
}

/** The IANA name for a Windows or IANA time-zone name (any case), or undefined when it is neither. */
export function toIana(name: string): string | undefined {
  const key = name.trim().toLowerCase();
  const { windowsToIana, iana } = load();
  return windowsToIana.get(key) ?? iana.get(key);
}
