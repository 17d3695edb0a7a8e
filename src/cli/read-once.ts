/**
 * A parameters file found in a folder is read twice in a run: beside its template (which sorts
 * first: `a.json` < `a.parameters.json`), then as a candidate that may be a template itself.
 * The first read is kept for the second when the file is one of the run's candidates.
 */
import { readTextFile, type TextFileRead } from './text-file.js';

export class ReadOnce {
  private readonly kept = new Map<string, TextFileRead>();
  /** Candidates not read yet. */
  private readonly pending: Set<string>;

  /** `candidates`: the absolute paths the run will read as candidates. */
  constructor(candidates: Iterable<string>) {
    this.pending = new Set(candidates);
  }

  /** A read for another purpose than the candidate's own (a sibling parameters file): kept when the candidate's read is still to come. */
  readAhead(path: string): TextFileRead {
    const kept = this.kept.get(path);
    if (kept) return kept;
    const read = readTextFile(path);
    if (this.pending.has(path)) this.kept.set(path, read);
    return read;
  }

  /** The candidate's own read: the kept one (then forgotten), else from the file. */
  read(path: string): TextFileRead {
    this.pending.delete(path);
    const kept = this.kept.get(path);
    if (!kept) return readTextFile(path);
    this.kept.delete(path);
    return kept;
  }
}
