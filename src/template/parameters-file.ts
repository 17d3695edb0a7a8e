/** Deployment parameter files (`*.parameters.json`): values by name, Key Vault references unknown. */
import { Unknown } from './unknown.js';

export interface ParameterValues {
  /** Lower-cased parameter name → value (Unknown for Key Vault references). */
  values: Map<string, unknown>;
  /** Where the values came from, for messages. */
  file?: string;
}

export function isParametersDocument(value: unknown): boolean {
  if (!isObject(value)) return false;
  const schema = value.$schema;
  if (typeof schema === 'string') return /deploymentParameters\.json/i.test(schema);
  // Some parameter files carry no $schema: only `parameters` whose entries are { value } objects.
  return (
    isObject(value.parameters) &&
    !('resources' in value) &&
    Object.values(value.parameters).every((entry) => isObject(entry) && ('value' in entry || 'reference' in entry))
  );
}

export function isTemplateDocument(value: unknown): boolean {
  if (!isObject(value)) return false;
  const schema = value.$schema;
  if (typeof schema === 'string') return /deploymentTemplate\.json/i.test(schema);
  return false;
}

/** Read the `parameters` object of a parameters document. */
export function parameterValuesFrom(document: unknown, file?: string): ParameterValues {
  const values = new Map<string, unknown>();
  const parameters = isObject(document) ? document.parameters : undefined;
  if (isObject(parameters)) {
    for (const [name, entry] of Object.entries(parameters)) {
      if (!isObject(entry)) continue;
      if ('value' in entry) values.set(name.toLowerCase(), entry.value);
      else if ('reference' in entry)
        values.set(name.toLowerCase(), new Unknown(`parameters('${name}')`, 'a Key Vault reference is resolved only at deployment'));
    }
  }
  return { values, file };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
