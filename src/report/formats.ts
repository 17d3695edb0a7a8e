/** The names of the lint output formats: one list for the CLI's choices and the formatter table (no formatter code, so the CLI can read it at start-up). */
export const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;
export type FormatName = (typeof FORMATS)[number];
