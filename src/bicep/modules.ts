/**
 * Where a module's template comes from: a local `.bicep` file (read and lowered here), a local
 * ARM `.json` file, or a registry module (`br/public:…`, `br:…`) found in Bicep's local restore
 * cache (which holds the compiled JSON) or mapped to a local file by configuration. Anything else
 * is not read: its resources are unknown and a note says which module it was.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { readJsonDocument, type SourceDocument } from '../template/json.js';
import { setTemplateDocument } from '../template/origin.js';
import type { BicepDocument } from './document.js';
import type { LoweringHost, ResolvedModule } from './lower-template.js';

export interface BicepReadOptions {
  /** Read a file by absolute path; undefined when it cannot be read. */
  readText(absolutePath: string): string | undefined;
  /** How a file is shown in findings (relative to the working directory). */
  display(absolutePath: string): string;
  /** Bicep's restore cache (default `~/.bicep`). */
  cacheRoot?: string;
  /** Registry references mapped to local files (absolute paths), from `patchwise.config.json`. */
  moduleMap?: ReadonlyMap<string, string>;
}

/** Local modules nested deeper than this are not read (a cycle or a hostile chain). */
const MAX_MODULE_DEPTH = 16;

type ReadBicep = (file: string, text: string, host: LoweringHost) => BicepDocument;

/** One lint run's view of module files: each file is read and lowered once. */
export class ModuleResolver {
  private readonly templates = new Map<string, ResolvedModule>();
  private readonly reading = new Set<string>();

  constructor(
    private readonly options: BicepReadOptions,
    private readonly readBicep: ReadBicep,
  ) {}

  /** The lowering host of the Bicep file at `absolutePath`. */
  hostFor(absolutePath: string, depth = 0): LoweringHost {
    const folder = dirname(absolutePath);
    return {
      loadFile: (path) => (isAbsolute(path) ? undefined : this.options.readText(resolve(folder, path))),
      resolveModule: (reference) => this.resolve(reference, folder, depth),
    };
  }

  private resolve(reference: string, folder: string, depth: number): ResolvedModule {
    const registry = /^(br|ts)[:/]/.test(reference);
    const mapped = this.options.moduleMap?.get(reference);
    const path = mapped ?? (registry ? this.cachedRegistryModule(reference) : resolve(folder, reference));
    const missing = `${reference}: not in Bicep's restore cache and not mapped in patchwise.config.json; its resources are not checked`;
    if (!path) return { note: missing };
    const resolved = this.read(path, reference, depth);
    return registry && !mapped && 'note' in resolved && resolved.unreadable ? { note: missing } : resolved;
  }

  private read(path: string, reference: string, depth: number): ResolvedModule & { unreadable?: boolean } {
    const known = this.templates.get(path);
    if (known) return known;
    if (this.reading.has(path)) return { note: `${reference}: the module refers back to itself` };
    if (depth >= MAX_MODULE_DEPTH) return { note: `${reference}: modules nested deeper than ${MAX_MODULE_DEPTH} levels are not read` };
    const text = this.options.readText(path);
    if (text === undefined) return { note: `${reference}: the module file cannot be read`, unreadable: true };
    this.reading.add(path);
    try {
      let resolved: ResolvedModule;
      let document: SourceDocument | undefined;
      if (/\.bicep$/i.test(path)) {
        document = this.readBicep(this.options.display(path), text, this.hostFor(path, depth + 1));
      } else {
        const read = readJsonDocument(this.options.display(path), text);
        if (read.ok) document = read.document;
      }
      const template = document?.value;
      if (document && template !== null && typeof template === 'object' && !Array.isArray(template)) {
        setTemplateDocument(template, document);
        resolved = { template: template as Record<string, unknown>, notes: 'notes' in document ? (document as BicepDocument).notes : [] };
      } else resolved = { note: `${reference}: the module is not a template` };
      this.templates.set(path, resolved);
      return resolved;
    } finally {
      this.reading.delete(path);
    }
  }

  private cachedRegistryModule(reference: string): string | undefined {
    return registryCachePath(reference, this.options.cacheRoot ?? join(process.env.HOME ?? '', '.bicep'));
  }
}

/**
 * Where Bicep's restore cache keeps a registry module's compiled template:
 * `<root>/br/<registry>/<repository with / as $>/<tag>$/main.json` (`br/public:x:tag` is
 * `mcr.microsoft.com`, repository `bicep/x`). Undefined for references it does not describe.
 */
export function registryCachePath(reference: string, root: string): string | undefined {
  const match = /^br(?::([^/]+)\/|\/public:)(.+):([^:]+)$/.exec(reference);
  if (!match) return undefined;
  const registry = match[1] ?? 'mcr.microsoft.com';
  const repository = match[1] ? match[2] : `bicep/${match[2]}`;
  const tag = match[3];
  // Tags with upper-case letters get a case mask in the folder name; not read here.
  if (tag !== tag.toLowerCase()) return undefined;
  return join(root, 'br', registry.replace(/:/g, '$').toLowerCase(), repository.replace(/\//g, '$').toLowerCase(), `${tag}$`, 'main.json');
}
