/** The inventory entry of one resource: defaults, then matching globs (in file order), then the exact name. */
import picomatch from 'picomatch';
import type { Inventory, InventoryResource } from './types.js';

export interface InventoryLookup {
  (name: string): InventoryResource;
}

/** picomatch's own input limit (longer patterns throw). */
const MAX_GLOB_LENGTH = 65_536;

const EMPTY: InventoryResource = Object.freeze({}) as InventoryResource;

export function inventoryLookup(inventory: Inventory | undefined): InventoryLookup {
  if (!inventory) return () => EMPTY;
  const defaults = inventory.defaults ?? EMPTY;
  const entries = Object.entries(inventory.resources ?? {});
  const exact = new Map(entries.map(([key, value]) => [key.toLowerCase(), value]));
  // Keys past picomatch's input limit are rejected by load.ts; here they simply match nothing.
  const globs = entries
    .filter(([key]) => /[*?[\]{}!]/.test(key) && key.length <= MAX_GLOB_LENGTH)
    .map(([key, value]) => ({ match: picomatch(key, { nocase: true }), value }));
  const cache = new Map<string, InventoryResource>();
  return (name) => {
    const key = name.toLowerCase();
    const cached = cache.get(key);
    if (cached) return cached;
    let merged: InventoryResource = defaults;
    for (const glob of globs) if (glob.match(name)) merged = { ...merged, ...glob.value };
    const own = exact.get(key);
    if (own) merged = { ...merged, ...own };
    cache.set(key, merged);
    return merged;
  };
}
