/**
 * Reads a topology file into plain values while remembering where every key and value was
 * written. Bad input never throws: YAML errors, alias bombs, deep nesting and non-string keys
 * become diagnostics.
 */
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  Scalar,
} from 'yaml';
import type { Diagnostic, Span } from '../diagnostics.js';
import { SpanIndex } from '../gost/span-index.js';
import { SourceFile } from '../source.js';
import { TextMap, type TextSegment } from '../text-map.js';

/** Nesting deeper than this is refused: no real topology comes close, and it protects the stack. */
export const maxNestingDepth = 64;
/** Values produced by expanding aliases, in total; beyond it the file is treated as an alias bomb. */
export const maxExpandedNodes = 200_000;

export type Env = Readonly<Record<string, string | undefined>>;

export interface LocatedDocument {
  source: SourceFile;
  /** The document as plain JSON-like values, after `${VAR}` substitution. */
  value: unknown;
  /** Span of each value, by path. */
  valueSpans: SpanIndex;
  /** Span of each map key, by the path of its value. */
  keySpans: SpanIndex;
  /** How the characters of each string value map to the source, by pointer. */
  texts: Map<string, TextMap>;
  /** Values that came from environment variables (to be masked in terminal output). */
  secrets: Set<string>;
}

export interface LoadResult {
  source: SourceFile;
  document?: LocatedDocument;
  diagnostics: Diagnostic[];
}

type Path = (string | number)[];

function pointerOf(path: Path): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

class Walker {
  readonly diagnostics: Diagnostic[] = [];
  readonly valueSpans: SpanIndex;
  readonly keySpans: SpanIndex;
  readonly texts = new Map<string, TextMap>();
  readonly secrets = new Set<string>();
  private expanded = 0;
  private aborted = false;

  constructor(
    readonly source: SourceFile,
    readonly env: Env,
  ) {
    this.valueSpans = new SpanIndex(source.span(0, source.text.length));
    this.keySpans = new SpanIndex(source.span(0, source.text.length));
  }

  private report(rule: string, message: string, span: Span, help?: string): void {
    this.diagnostics.push({ rule, severity: 'error', message, span, related: [], ...(help ? { help } : {}) });
  }

  private nodeSpan(node: Node): Span {
    const r = node.range ?? [0, 0, 0];
    return this.source.span(r[0], r[1]);
  }

  walk(node: Node | null | undefined, path: Path, depth: number, viaAlias: boolean): unknown {
    if (this.aborted || node == null) return null;
    if (depth > maxNestingDepth) {
      this.aborted = true;
      this.report(
        'yaml-too-deep',
        `the document nests deeper than ${maxNestingDepth} levels`,
        this.nodeSpan(node),
        'a topology never needs this depth; check for runaway brackets or indentation',
      );
      return null;
    }
    if (viaAlias && ++this.expanded > maxExpandedNodes) {
      this.aborted = true;
      this.report(
        'yaml-alias-bomb',
        `aliases expand to more than ${maxExpandedNodes} values`,
        this.nodeSpan(node),
        'this looks like an alias bomb ("billion laughs"); write the values out instead of nesting aliases',
      );
      return null;
    }
    if (!viaAlias) this.valueSpans.set(path, this.nodeSpan(node));
    if (isAlias(node)) return this.walkAlias(node, path, depth);
    if (isScalar(node)) return this.scalar(node, path, viaAlias);
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const keyNode = item.key as Node | null;
        let key: string;
        if (
          isScalar(keyNode) &&
          (typeof keyNode.value === 'string' ||
            typeof keyNode.value === 'number' ||
            typeof keyNode.value === 'boolean' ||
            keyNode.value === null)
        ) {
          key = String(keyNode.value ?? '');
        } else {
          this.report(
            'yaml-key',
            'map keys must be plain strings',
            keyNode ? this.nodeSpan(keyNode) : this.nodeSpan(node),
          );
          continue;
        }
        if (Object.hasOwn(out, key)) {
          this.report(
            'yaml-syntax',
            `duplicate key "${key}"`,
            keyNode ? this.nodeSpan(keyNode) : this.nodeSpan(node),
            'each key may appear once in a map',
          );
          continue;
        }
        const childPath = [...path, key];
        if (!viaAlias && keyNode) this.keySpans.set(childPath, this.nodeSpan(keyNode));
        if (key === '__proto__') {
          this.report(
            'yaml-key',
            'the key "__proto__" is not allowed',
            keyNode ? this.nodeSpan(keyNode) : this.nodeSpan(node),
          );
          continue;
        }
        out[key] = this.walk(item.value as Node | null, childPath, depth + 1, viaAlias);
        if (!viaAlias && item.value == null && keyNode)
          this.valueSpans.set(childPath, this.nodeSpan(keyNode));
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => this.walk(item as Node | null, [...path, i], depth + 1, viaAlias));
    }
    return null;
  }

  private readonly resolving = new Set<Node>();

  private walkAlias(alias: Alias, path: Path, depth: number): unknown {
    let target = this.aliasTargets.get(alias);
    if (target === undefined && this.document) {
      // yaml's resolve() searches the whole document; expanding nested aliases must not repeat that.
      target = (alias.resolve(this.document) as Node | undefined) ?? null;
      this.aliasTargets.set(alias, target);
    }
    if (!target) {
      this.report('yaml-syntax', `unknown alias *${alias.source}`, this.nodeSpan(alias));
      return null;
    }
    if (this.resolving.has(target)) {
      this.report('yaml-syntax', `alias *${alias.source} refers to itself`, this.nodeSpan(alias));
      return null;
    }
    this.resolving.add(target);
    const value = this.walk(target, path, depth, true);
    this.resolving.delete(target);
    return value;
  }

  document?: Document;
  private readonly aliasTargets = new Map<Alias, Node | null>();

  private scalar(node: Scalar, path: Path, viaAlias: boolean): unknown {
    const value = node.value;
    if (typeof value !== 'string') {
      return typeof value === 'bigint' ? Number(value) : (value ?? null);
    }
    const base = this.baseMap(node, value);
    const substituted = this.substitute(value, base, node);
    if (!viaAlias) this.texts.set(pointerOf(path), substituted);
    return substituted.text;
  }

  /** Where the characters of a scalar's value sit in the source, when they sit there verbatim. */
  private baseMap(node: Scalar, value: string): TextMap {
    const [start, end] = node.range ?? [0, 0];
    const raw = this.source.text.slice(start, end);
    if (node.type === Scalar.PLAIN && raw === value) return TextMap.identity(this.source, value, start);
    if (
      (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) &&
      raw.slice(1, -1) === value
    ) {
      return TextMap.identity(this.source, value, start + 1);
    }
    const at = raw.indexOf(value);
    if (value.length > 0 && at >= 0 && raw.indexOf(value, at + 1) < 0) {
      return TextMap.identity(this.source, value, start + at);
    }
    const bodyStart =
      node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL ? raw.indexOf('\n') + 1 : 0;
    return (
      TextMap.aligned(this.source, value, start + Math.max(0, bodyStart), end) ??
      TextMap.opaque(this.source, value, start, end)
    );
  }

  /** `${VAR}`, `${VAR:-default}`; `$${` stands for a literal `${`. */
  private substitute(value: string, base: TextMap, node: Scalar): TextMap {
    if (!value.includes('${')) return base;
    const segments: TextSegment[] = [];
    let out = '';
    const pushLiteral = (from: number, to: number) => {
      if (to <= from) return;
      segments.push(...base.segmentsFor(from, to, out.length));
      out += value.slice(from, to);
    };
    const pattern = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$\{[^}]*\}?/g;
    let last = 0;
    for (let m = pattern.exec(value); m; m = pattern.exec(value)) {
      pushLiteral(last, m.index);
      const whole = m[0];
      const span = base.span(m.index, m.index + whole.length);
      if (whole === '$${') {
        segments.push({
          valueStart: out.length,
          valueEnd: out.length + 2,
          sourceStart: span.start.offset,
          sourceEnd: span.end.offset,
          literal: false,
        });
        out += '${';
      } else if (m[1] === undefined) {
        this.report(
          'env-syntax',
          `malformed variable reference ${JSON.stringify(whole)}`,
          span,
          'write ${NAME} or ${NAME:-default}; use $${ for a literal ${',
        );
      } else {
        const name = m[1];
        const fallback = m[2];
        const useDefaultWhenEmpty = whole.includes(':-');
        const set = this.env[name];
        let replacement: string;
        if (set !== undefined && !(useDefaultWhenEmpty && set === '')) replacement = set;
        else if (fallback !== undefined) replacement = fallback;
        else {
          replacement = '';
          this.diagnostics.push({
            rule: 'env-missing',
            severity: 'error',
            message: `environment variable ${name} is not set and has no default`,
            span,
            related: [],
            help: `set ${name} in the environment, or write \${${name}:-default}`,
          });
        }
        if (set !== undefined && replacement !== '') this.secrets.add(replacement);
        segments.push({
          valueStart: out.length,
          valueEnd: out.length + replacement.length,
          sourceStart: span.start.offset,
          sourceEnd: span.end.offset,
          literal: false,
        });
        out += replacement;
      }
      last = m.index + whole.length;
    }
    pushLiteral(last, value.length);
    const [start, end] = node.range ?? [0, 0];
    return TextMap.fromSegments(this.source, out, segments, { start, end });
  }
}

/** Parse a topology file. Never throws for bad input. */
export function loadTopologyText(file: string, text: string, env: Env): LoadResult {
  const source = new SourceFile(file, text);
  const diagnostics: Diagnostic[] = [];
  const docs = parseAllDocuments(text, {
    lineCounter: new LineCounter(),
    prettyErrors: false,
    // Duplicate keys are found by the walker: the yaml package's own check is quadratic in map size.
    uniqueKeys: false,
  });
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0) {
    diagnostics.push({
      rule: 'yaml-empty',
      severity: 'error',
      message: 'the file is empty: a topology needs at least `name` and `hosts`',
      span: source.span(0, 0),
      related: [],
      help: 'start from one of the files in examples/',
    });
    return { source, diagnostics };
  }
  for (const doc of list) {
    for (const err of doc.errors) {
      diagnostics.push({
        rule: 'yaml-syntax',
        severity: 'error',
        message: err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
        span: source.span(err.pos[0], Math.max(err.pos[1], err.pos[0] + 1)),
        related: [],
      });
    }
  }
  if (list.length > 1) {
    const second = list[1]!;
    const at = second.range?.[0] ?? 0;
    diagnostics.push({
      rule: 'yaml-syntax',
      severity: 'error',
      message: 'a topology file holds one YAML document; found several',
      span: source.span(at, at + 3),
      related: [],
      help: 'remove the `---` separator or split the file',
    });
  }
  if (diagnostics.length > 0) return { source, diagnostics };
  const doc = list[0]!;
  const walker = new Walker(source, env);
  walker.document = doc;
  const value = walker.walk(doc.contents as Node | null, [], 0, false);
  diagnostics.push(...walker.diagnostics);
  if (walker.diagnostics.some((d) => d.rule === 'yaml-too-deep' || d.rule === 'yaml-alias-bomb')) {
    return { source, diagnostics };
  }
  return {
    source,
    document: {
      source,
      value,
      valueSpans: walker.valueSpans,
      keySpans: walker.keySpans,
      texts: walker.texts,
      secrets: walker.secrets,
    },
    diagnostics,
  };
}
