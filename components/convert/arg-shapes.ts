/**
 * azure-native's argument names and types, from the table derived from its `.d.ts` files
 * (scripts/derive-azure-native-args.ts). ARM is case-insensitive in property names and lenient
 * in types (`"5"` for 5); azure-native's TypeScript is neither, so values are written to the
 * shape the table gives.
 */
import table from './generated/azure-native-args.js';
import type { ArgType } from './generated/azure-native-args-types.js';

export type { ArgType };

/** The type of a resource's constructor arguments. */
export function resourceArgs(module: string, className: string): ArgType | undefined {
  return table.types[`${module}:${className}`] ? `o:${module}:${className}` : undefined;
}

const lowerCaseIndex = new Map<string, Map<string, string>>();

/** A member of an object type by its ARM name (any case): azure-native's name and type. */
export function member(type: ArgType, key: string): { name: string; type: ArgType } | undefined {
  const members = objectMembers(type);
  if (!members) return undefined;
  if (members[key] !== undefined) return { name: key, type: members[key] };
  let index = lowerCaseIndex.get(type);
  if (!index) {
    index = new Map(Object.keys(members).map((name) => [name.toLowerCase(), name]));
    lowerCaseIndex.set(type, index);
  }
  const name = index.get(key.toLowerCase());
  return name === undefined ? undefined : { name, type: members[name] };
}

function objectMembers(type: ArgType): Record<string, ArgType> | undefined {
  return type.startsWith('o:') && !type.endsWith('[]') ? table.types[type.slice(2)] : undefined;
}

export function isObjectType(type: ArgType): boolean {
  return objectMembers(type) !== undefined;
}

/** The item type of an array type. */
export function itemType(type: ArgType): ArgType | undefined {
  return type.endsWith('[]') ? type.slice(0, -2) : undefined;
}

/** A strict enum: its TypeScript name (`compute.UpgradeMode`), module and values. */
export function strictEnum(type: ArgType): { name: string; module: string; values: readonly string[] } | undefined {
  if (!type.startsWith('e:') || type.endsWith('[]')) return undefined;
  const name = type.slice(2);
  const values = table.enums[name];
  return values ? { name, module: name.slice(0, name.lastIndexOf('.')), values } : undefined;
}

/** A resource's output property by its ARM name (any case). */
export function outputProperty(module: string, className: string, name: string): string | undefined {
  return table.outputs[`${module}:${className}`]?.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
}
