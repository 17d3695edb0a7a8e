/**
 * The names a folder held when discovery read it. A template's parameters file beside it is then
 * looked up here instead of a stat per template (most templates have none: a failed stat each).
 */
import type { Dirent } from 'node:fs';

/** `file`: a regular file; `none`: certainly not a file there; `stat`: ask the file system (a symbolic link, or a name it may match another way). */
export type ListedKind = 'file' | 'none' | 'stat';

export class FolderListing {
  private readonly kinds = new Map<string, 'file' | 'link' | 'other'>();
  /** The names folded, built on the first miss: case-insensitive file systems (Windows, macOS) find `Main.Parameters.json` as `main.parameters.json`. */
  private folded?: Set<string>;

  constructor(entries: readonly Dirent[]) {
    for (const entry of entries) this.kinds.set(entry.name, entry.isFile() ? 'file' : entry.isSymbolicLink() ? 'link' : 'other');
  }

  kindOf(name: string): ListedKind {
    const kind = this.kinds.get(name);
    if (kind === 'file') return 'file';
    if (kind === 'link') return 'stat';
    if (kind === 'other') return 'none';
    this.folded ??= new Set([...this.kinds.keys()].map(fold));
    return this.folded.has(fold(name)) ? 'stat' : 'none';
  }
}

function fold(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
