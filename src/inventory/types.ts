/**
 * The inventory: facts about the fleet that templates do not hold (instance counts, update
 * domains, time zones, off-peak windows, power state, Linux agent versions, injected failures).
 * Read by `patchwise plan --inventory` and `patchwise lint --inventory` (GP12).
 * The JSON shape is documented by schemas/inventory.schema.json.
 */
export interface Inventory {
  /** Per-resource overrides, keyed by resource name (or name glob). */
  resources?: Record<string, InventoryResource>;
  [key: string]: unknown;
}

export interface InventoryResource {
  [key: string]: unknown;
}
