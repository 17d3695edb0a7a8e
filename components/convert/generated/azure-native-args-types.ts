/**
 * Shape of the generated azure-native argument table (see scripts/derive-azure-native-args.ts).
 *
 * A type is a short descriptor: `s` string, `n` number, `b` boolean, `m` a free-form map,
 * `a` anything else written as it is (any, unions of objects), `e:<module>.<Enum>` a strict
 * enum (azure-native takes only its values), `o:<module>.<Interface>` an input object; a
 * trailing `[]` makes it an array.
 */
export type ArgType = string;

export interface ArgTable {
  /** Where the table was derived from (the azure-native version). */
  source: string;
  /** `<module>:<Class>` (a resource's constructor arguments) or `<module>.<Interface>` (an input type) → argument → type. */
  types: Record<string, Record<string, ArgType>>;
  /** `<module>:<Class>` → the resource's output properties. */
  outputs: Record<string, string[]>;
  /** `<module>.<Enum>` → its values. */
  enums: Record<string, string[]>;
}
