/**
 * The Bicep reader: text → BicepDocument (the lowered template with `.bicep` positions). Loaded
 * only when a `.bicep` or `.bicepparam` file is linted (the CLI imports it dynamically).
 */
import { MAX_DOCUMENT_BYTES, type ReadResult } from '../template/json.js';
import { BicepDocument } from './document.js';
import { lowerTemplate, type LoweringHost } from './lower-template.js';
import { ModuleResolver, type BicepReadOptions } from './modules.js';
import { parseBicep } from './parser.js';

export { BicepDocument } from './document.js';
export { parseBicep } from './parser.js';
export { readBicepParameters } from './params.js';
export type { BicepReadOptions } from './modules.js';

/** Parse and lower one file with a given host (modules, load*Content). Never throws. */
export function lowerBicepText(file: string, rawText: string, host: LoweringHost = {}): BicepDocument {
  const bomLength = rawText.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = bomLength ? rawText.slice(1) : rawText;
  const parsed = parseBicep(text);
  const lowered = lowerTemplate(parsed, text, host);
  return new BicepDocument(file, text, lowered, bomLength, parsed.errors, parsed.comments);
}

/** A reader for the `.bicep` files of one run: modules read once and shared between files. */
export function bicepReader(options: BicepReadOptions): (file: string, absolutePath: string, text: string) => ReadResult {
  const modules = new ModuleResolver(options, lowerBicepText);
  return (file, absolutePath, text) => {
    if (text.length > MAX_DOCUMENT_BYTES)
      return { ok: false, error: { message: `file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`, line: 1, column: 1 } };
    return { ok: true, document: lowerBicepText(file, text, modules.hostFor(absolutePath)) };
  };
}
