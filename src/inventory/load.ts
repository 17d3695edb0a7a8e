/** Read an inventory file (JSON). Validation against schemas/inventory.schema.json comes with the plan engine. */
import { readFileSync } from 'node:fs';
import { UsageError } from '../cli/files.js';
import type { Inventory } from './types.js';

export function loadInventory(path: string, display: string): Inventory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read inventory ${display}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`inventory ${display} is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`inventory ${display} must be a JSON object`);
  return value as Inventory;
}
