/**
 * Which root parameters a resource's properties depend on (directly or through variables and
 * other parameters' defaults). allowedValues variants use it to vary only parameters that a
 * model property reads, and to take over resources that read none of the varied ones.
 */
import type { JsonPath } from '../json.js';

export interface ParameterReadTracker {
  /** False for the no-op tracker: nothing is recorded. */
  readonly enabled: boolean;
  /** Open a collection of reads (an expression, a default value, a variable). */
  begin(): void;
  /** Close the innermost collection: what it read. The enclosing one is not told (see `add`). */
  end(): ReadonlySet<string>;
  /** Parameters read: they count for the innermost open collection, if any. */
  add(reads: Iterable<string>): void;
  /** True while a collection is open. */
  readonly collecting: boolean;
  /** Record the reads of each expression in the body of the resource declared at `declarationPath`. */
  trackBody<T>(declarationPath: JsonPath, expand: () => T): { value: T; reads: Map<string, Set<string>> | undefined };
  /** Expand without recording into the current body (a variable is evaluated once, for all its uses). */
  outsideBody<T>(expand: () => T): T;
  /** True while a resource body is tracked. */
  readonly inBody: boolean;
  /** The reads of an expression at `path` inside the tracked body. */
  recordInBody(path: JsonPath, reads: ReadonlySet<string>): void;
}

const NOTHING: ReadonlySet<string> = new Set();

/** Tracking off: every call is free. */
export const NO_TRACKING: ParameterReadTracker = {
  enabled: false,
  begin() {},
  end: () => NOTHING,
  add() {},
  collecting: false,
  trackBody: (_path, expand) => ({ value: expand(), reads: undefined }),
  outsideBody: (expand) => expand(),
  inBody: false,
  recordInBody() {},
};

/** Reads are kept per property path of the resource (array indexes left out), cut at 6 segments. */
const PATH_SEGMENTS = 6;

export class ParameterReads implements ParameterReadTracker {
  readonly enabled = true;
  private readonly open: Array<Set<string>> = [];
  private body: { declarationPath: JsonPath; reads: Map<string, Set<string>> } | undefined;

  begin(): void {
    this.open.push(new Set());
  }

  end(): ReadonlySet<string> {
    return this.open.pop() ?? NOTHING;
  }

  add(reads: Iterable<string>): void {
    const top = this.open[this.open.length - 1];
    if (top) for (const read of reads) top.add(read);
  }

  get collecting(): boolean {
    return this.open.length > 0;
  }

  trackBody<T>(declarationPath: JsonPath, expand: () => T): { value: T; reads: Map<string, Set<string>> } {
    const saved = this.body;
    const reads = new Map<string, Set<string>>();
    this.body = { declarationPath: declarationPath.slice(), reads };
    try {
      return { value: expand(), reads };
    } finally {
      this.body = saved;
    }
  }

  outsideBody<T>(expand: () => T): T {
    const saved = this.body;
    this.body = undefined;
    try {
      return expand();
    } finally {
      this.body = saved;
    }
  }

  get inBody(): boolean {
    return this.body !== undefined;
  }

  recordInBody(path: JsonPath, reads: ReadonlySet<string>): void {
    const body = this.body;
    if (!body) return;
    const base = body.declarationPath;
    if (path.length < base.length || !base.every((segment, index) => path[index] === segment)) return;
    const key = path
      .slice(base.length)
      .filter((segment) => typeof segment === 'string')
      .slice(0, PATH_SEGMENTS)
      .join('.');
    const set = body.reads.get(key) ?? new Set<string>();
    for (const read of reads) set.add(read);
    body.reads.set(key, set);
  }
}
