/**
 * Where each value of a GostConfig was written. Keys are JSON-pointer style paths
 * ("/services/0/handler/metadata/bind"); lookups fall back to the nearest recorded ancestor so
 * every path has a span.
 */
import type { Span } from '../diagnostics.js';

export type ConfigPath = readonly (string | number)[];

export function pointer(path: ConfigPath): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export class SpanIndex {
  private readonly spans = new Map<string, Span>();
  /** The span of the whole object (a host's `gost:` value, or its `config:` block). */
  readonly root: Span;

  constructor(root: Span) {
    this.root = root;
  }

  set(path: ConfigPath, span: Span): void {
    this.spans.set(pointer(path), span);
  }

  /** Record a span under an already encoded pointer. */
  setPointer(key: string, span: Span): void {
    this.spans.set(key, span);
  }

  /** The span recorded under an already encoded pointer, if any. */
  exactPointer(key: string): Span | undefined {
    return this.spans.get(key);
  }

  /** The span recorded for this exact path, if any. */
  exact(path: ConfigPath): Span | undefined {
    return this.spans.get(pointer(path));
  }

  /** The span of the path, or of its nearest ancestor that has one, or the root. */
  get(path: ConfigPath): Span {
    for (let n = path.length; n >= 0; n--) {
      const s = this.spans.get(pointer(path.slice(0, n)));
      if (s) return s;
    }
    return this.root;
  }

  entries(): IterableIterator<[string, Span]> {
    return this.spans.entries();
  }

  /** The spans under `prefix`, re-keyed relative to it; the span of `prefix` itself becomes the root. */
  view(prefix: ConfigPath): SpanIndex {
    const head = pointer(prefix);
    const out = new SpanIndex(this.get(prefix));
    for (const [key, span] of this.spans) {
      if (key === head) out.spans.set('', span);
      else if (key.startsWith(`${head}/`)) out.spans.set(key.slice(head.length), span);
    }
    return out;
  }
}
