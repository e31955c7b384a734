/**
 * Lowers a validated topology document into a TopologyPlan: each host's gost command line is
 * parsed exactly as gost parses it and each native config is taken as written, both keeping the
 * spans of every value. Tolerates documents that failed schema validation (skips what is malformed).
 */
import { type ArgText, parseGostArgs, splitShellWords } from '../cmd/index.js';
import type { Diagnostic, Span } from '../diagnostics.js';
import { parseGoDuration } from '../duration.js';
import type { GostConfig } from '../gost/config.js';
import { SpanIndex } from '../gost/span-index.js';
import type { LocatedDocument } from '../topology/load.js';
import type {
  AddressPlan,
  AppKind,
  AppPlan,
  ExpectationPlan,
  FaultPlan,
  GostProcess,
  HostPlan,
  NetworkPlan,
  ProxyPlan,
  TopologyPlan,
} from './plan.js';

type Path = (string | number)[];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function pointerOf(path: Path): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export const defaultBanner = 'SSH-2.0-topo\r\n';

class Lowerer {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly doc: LocatedDocument) {}

  span(path: Path): Span {
    return this.doc.valueSpans.get(path);
  }

  keySpan(path: Path): Span {
    return this.doc.keySpans.exact(path) ?? this.doc.valueSpans.get(path);
  }

  error(rule: string, message: string, span: Span, help?: string, host?: string): void {
    this.diagnostics.push({
      rule,
      severity: 'error',
      message,
      span,
      related: [],
      ...(help ? { help } : {}),
      ...(host ? { host } : {}),
    });
  }

  lower(): TopologyPlan {
    const root = isRecord(this.doc.value) ? this.doc.value : {};
    const networks = this.networks(root.networks);
    const hosts = this.hosts(root.hosts);
    return {
      name: typeof root.name === 'string' ? root.name : '',
      source: this.doc.source,
      networks,
      hosts,
      expectations: this.expectations(root.expect),
      faults: this.faults(root.faults),
      secrets: this.doc.secrets,
    };
  }

  networks(value: unknown): NetworkPlan[] {
    if (!isRecord(value)) return [];
    return Object.entries(value).map(([name, v]) => ({
      name,
      ...(isRecord(v) && typeof v.nat === 'string' ? { nat: v.nat } : {}),
      ...(isRecord(v) && v.isolated === true ? { isolated: true } : {}),
      span: this.keySpan(['networks', name]),
    }));
  }

  hosts(value: unknown): HostPlan[] {
    if (!isRecord(value)) return [];
    const out: HostPlan[] = [];
    for (const [name, v] of Object.entries(value)) {
      if (!isRecord(v)) continue;
      const base: Path = ['hosts', name];
      const addresses: AddressPlan[] = isRecord(v.addresses)
        ? Object.entries(v.addresses)
            .filter(([, ip]) => typeof ip === 'string')
            .map(([network, ip]) => ({
              network,
              ip: ip as string,
              span: this.span([...base, 'addresses', network]),
            }))
        : [];
      const names = Array.isArray(v.names) ? v.names.filter((n): n is string => typeof n === 'string') : [];
      out.push({
        name,
        addresses,
        names,
        apps: this.apps(name, v.apps),
        processes: this.processes(name, v),
        span: this.keySpan(base),
      });
    }
    return out;
  }

  apps(host: string, value: unknown): AppPlan[] {
    if (!isRecord(value)) return [];
    const out: AppPlan[] = [];
    for (const [name, v] of Object.entries(value)) {
      if (!isRecord(v) || typeof v.listen !== 'string') continue;
      const m = /^(tcp|udp)\/(?:(\[[^\]]+\]|[^:/\s]+):)?(\d{1,5})$/.exec(v.listen);
      const path: Path = ['hosts', host, 'apps', name, 'listen'];
      if (!m || Number(m[3]) > 65535) {
        this.error(
          'invalid-value',
          `app listen "${v.listen}" is not tcp/PORT, udp/PORT or tcp/IP:PORT`,
          this.span(path),
        );
        continue;
      }
      const kind: AppKind = v.kind === 'banner' || v.kind === 'http' ? v.kind : 'echo';
      out.push({
        host,
        name,
        protocol: m[1] as 'tcp' | 'udp',
        ...(m[2] ? { ip: m[2].replace(/^\[|\]$/g, '') } : {}),
        port: Number(m[3]),
        kind,
        speaksFirst: kind === 'banner' || v.speaks === 'first',
        banner: typeof v.banner === 'string' ? v.banner : defaultBanner,
        span: this.keySpan(['hosts', host, 'apps', name]),
      });
    }
    return out;
  }

  processes(host: string, v: Record<string, unknown>): GostProcess[] {
    const out: GostProcess[] = [];
    if (v.gost !== undefined) {
      const args = this.commandLine(host, v.gost);
      if (args) {
        const parsed = parseGostArgs(args);
        for (const d of parsed.diagnostics) this.diagnostics.push({ ...d, host: d.host ?? host });
        for (const group of parsed.groups) {
          out.push({
            host,
            origin: 'cli',
            index: out.length,
            ofHost: 0,
            config: group.config,
            spans: group.spans,
          });
        }
      }
    }
    if (isRecord(v.config)) {
      const base: Path = ['hosts', host, 'config'];
      out.push({
        host,
        origin: 'config',
        index: out.length,
        ofHost: 0,
        config: v.config as GostConfig,
        spans: this.configSpans(base),
      });
    }
    for (const p of out) p.ofHost = out.length;
    return out;
  }

  /**
   * Spans for a native config: a scalar is shown with its key (`nodelay: true`), a map or list by
   * its key alone, so a diagnostic underlines the line that sets it rather than a whole block.
   */
  configSpans(base: Path): SpanIndex {
    const head = pointerOf(base);
    const bucket = this.configBuckets().get(head);
    const values = new Map(bucket?.values ?? []);
    const keys = new Map(bucket?.keys ?? []);
    const out = new SpanIndex(values.get('') ?? this.doc.valueSpans.get(base));
    for (const [pointer, valueSpan] of values) {
      const keySpan = keys.get(pointer);
      if (!keySpan) out.setPointer(pointer, valueSpan);
      else if (
        valueSpan.start.line === valueSpan.end.line &&
        valueSpan.start.offset >= keySpan.start.offset
      ) {
        out.setPointer(pointer, this.doc.source.span(keySpan.start.offset, valueSpan.end.offset));
      } else out.setPointer(pointer, keySpan);
    }
    return out;
  }

  private buckets?: Map<string, { values: [string, Span][]; keys: [string, Span][] }>;

  /**
   * The spans under each host's `config:`, relative to it, gathered in one pass over the document
   * (a per-host scan of every span would grow with hosts times spans).
   */
  private configBuckets(): Map<string, { values: [string, Span][]; keys: [string, Span][] }> {
    if (this.buckets) return this.buckets;
    const buckets = new Map<string, { values: [string, Span][]; keys: [string, Span][] }>();
    const place = (index: SpanIndex, kind: 'values' | 'keys') => {
      for (const [pointer, span] of index.entries()) {
        const m = /^(\/hosts\/[^/]+\/config)(\/.*)?$/.exec(pointer);
        if (!m) continue;
        let bucket = buckets.get(m[1]!);
        if (!bucket) buckets.set(m[1]!, (bucket = { values: [], keys: [] }));
        bucket[kind].push([m[2] ?? '', span]);
      }
    };
    place(this.doc.valueSpans, 'values');
    place(this.doc.keySpans, 'keys');
    this.buckets = buckets;
    return buckets;
  }

  /** The host's `gost:` value as argument texts, without a leading `gost` word. */
  commandLine(host: string, value: unknown) {
    const path: Path = ['hosts', host, 'gost'];
    let args: ArgText[];
    if (typeof value === 'string') {
      const text = this.doc.texts.get(pointerOf(path));
      if (!text) return undefined;
      const split = splitShellWords(text);
      for (const d of split.diagnostics) this.diagnostics.push({ ...d, host });
      args = split.words;
    } else if (Array.isArray(value)) {
      args = value.flatMap((_item, i) => {
        const text = this.doc.texts.get(pointerOf([...path, i]));
        return text ? [text] : [];
      });
    } else return undefined;
    if (args.length > 0 && args[0]!.text === 'gost') args = args.slice(1);
    return args;
  }

  expectations(value: unknown): ExpectationPlan[] {
    if (!Array.isArray(value)) return [];
    const out: ExpectationPlan[] = [];
    value.forEach((v, i) => {
      if (!isRecord(v)) return;
      const base: Path = ['expect', i];
      if (typeof v.name !== 'string' || typeof v.from !== 'string' || typeof v.connect !== 'string') return;
      const connect = /^(tcp|udp)\s+(\[[^\]]+\]|[^\s:]+):(\d{1,5})$/.exec(v.connect.trim());
      if (!connect) {
        this.error(
          'invalid-value',
          `connect "${v.connect}" is not "tcp HOST:PORT" or "udp HOST:PORT"`,
          this.span([...base, 'connect']),
        );
        return;
      }
      const proxy = typeof v.proxy === 'string' ? this.proxy(v.proxy, [...base, 'proxy']) : undefined;
      if (typeof v.proxy === 'string' && !proxy) return;
      const payload = isRecord(v.payload) ? v.payload : {};
      const atMs = typeof v.at === 'string' ? this.duration(v.at, [...base, 'at']) : 0;
      let arrives: ExpectationPlan['arrives'];
      if (typeof v.arrives === 'string') {
        const [host, app, ...rest] = v.arrives.split('/');
        if (!host || !app || rest.length > 0) {
          this.error(
            'invalid-value',
            `arrives "${v.arrives}" is not HOST/APP`,
            this.span([...base, 'arrives']),
          );
          return;
        }
        arrives = { host, app };
      }
      out.push({
        name: v.name,
        from: v.from,
        protocol: connect[1] as 'tcp' | 'udp',
        host: connect[2]!.replace(/^\[|\]$/g, ''),
        port: Number(connect[3]),
        ...(proxy ? { proxy } : {}),
        payloadSize: typeof payload.size === 'number' ? payload.size : 64,
        payloadCount: typeof payload.count === 'number' ? payload.count : 1,
        atMs: atMs ?? 0,
        ...(arrives ? { arrives } : {}),
        via: Array.isArray(v.via) ? v.via.filter((x): x is string => typeof x === 'string') : [],
        ...(typeof v.fails === 'string' ? { fails: v.fails.toLowerCase().replace(/-/g, '_') } : {}),
        span: this.span([...base, 'name']),
      });
    });
    return out;
  }

  proxy(text: string, path: Path): ProxyPlan | undefined {
    const m =
      /^(http|socks5h?|socks4a?):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?(\[[^\]]+\]|[^:/@]+):(\d{1,5})\/?$/.exec(
        text,
      );
    if (!m) {
      this.error(
        'invalid-value',
        `proxy "${text}" is not a proxy URL`,
        this.span(path),
        'write http://[user:pass@]HOST:PORT, socks5://..., socks5h://... or socks4://...',
      );
      return undefined;
    }
    return {
      scheme: m[1] as ProxyPlan['scheme'],
      host: m[4]!.replace(/^\[|\]$/g, ''),
      port: Number(m[5]),
      ...(m[2] !== undefined ? { username: decodeURIComponent(m[2]) } : {}),
      ...(m[3] !== undefined ? { password: decodeURIComponent(m[3]) } : {}),
    };
  }

  duration(text: string, path: Path): number | undefined {
    const ms = parseGoDuration(text);
    if (ms === undefined || ms < 0) {
      this.error(
        'invalid-value',
        `"${text}" is not a duration`,
        this.span(path),
        'write e.g. 500ms, 10s or 1m30s',
      );
      return undefined;
    }
    return ms;
  }

  faults(value: unknown): FaultPlan[] {
    if (!Array.isArray(value)) return [];
    const out: FaultPlan[] = [];
    value.forEach((v, i) => {
      if (!isRecord(v) || typeof v.at !== 'string') return;
      const atMs = this.duration(v.at, ['faults', i, 'at']);
      if (atMs === undefined) return;
      const span = this.span(['faults', i]);
      for (const kind of ['down', 'up'] as const) {
        if (typeof v[kind] === 'string') out.push({ atMs, kind, host: v[kind] as string, span });
      }
      for (const kind of ['cut', 'restore'] as const) {
        const pair = v[kind];
        if (Array.isArray(pair) && pair.length === 2 && pair.every((h) => typeof h === 'string')) {
          out.push({ atMs, kind, hosts: [pair[0], pair[1]], span });
        }
      }
    });
    return out.sort((a, b) => a.atMs - b.atMs);
  }
}

export function lowerTopology(doc: LocatedDocument): { plan: TopologyPlan; diagnostics: Diagnostic[] } {
  const lowerer = new Lowerer(doc);
  const plan = lowerer.lower();
  return { plan, diagnostics: lowerer.diagnostics };
}
