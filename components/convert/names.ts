/** TypeScript identifiers for template names: camelCase, never a reserved word or a name already taken. */

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null ' +
    'return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await ' +
    'undefined arguments eval pulumi config resourceGroupName resourceGroupLocation resourceGroupId subscriptionId tenantId clientConfig uniqueString guid ' +
    'compute network storage maintenance resources authorization patchingMode allowed i todo resourceGroup'
  ).split(' '),
);

export class Names {
  private readonly taken = new Set<string>(RESERVED);

  /** A fresh identifier from `text` (`vm-name` → `vmName`, `1st` → `_1st`). */
  identifier(text: string, fallback = 'value'): string {
    let base = text
      .replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ? next.toUpperCase() : ''))
      .replace(/^[A-Z]/, (first) => first.toLowerCase());
    if (!base) base = fallback;
    if (/^\d/.test(base)) base = `_${base}`;
    let name = base;
    for (let index = 2; this.taken.has(name); index++) name = `${base}${index}`;
    this.taken.add(name);
    return name;
  }
}
