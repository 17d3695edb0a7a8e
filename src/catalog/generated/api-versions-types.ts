/** Shape of the generated API-version table (see scripts/derive-api-versions.ts). */

export interface DerivedType {
  /** API versions the schemas define for the type, ascending. */
  versions: string[];
  /** Property path → hex bitmask of the versions (index in `versions`) that define it. */
  properties: Record<string, string>;
  /** Paths below which any property is allowed (open objects), by version mask. */
  open: Record<string, string>;
  /** Path → list of [version mask, enum values]. */
  enums: Record<string, Array<[string, string[]]>>;
}

export interface DerivedTable {
  source: string;
  generated: string;
  types: Record<string, DerivedType>;
}
