/**
 * Reads a gost argument list the way the gost binary does: ` -- ` splits it into process groups
 * (each its own gost process with `_GOST_ID` set), Go's flag package reads each group's flags, and
 * x/config/cmd turns `-L`/`-F` into a config, merged with any inline `-C '{…}'` config, with
 * `-api`, `-metrics`, `-D` and `-DD` applied on top as the binary does. Problems are diagnostics
 * (rule `gost-cli`) pointing into the argument text; nothing here throws for user input.
 */
import { type Diagnostic, type Severity, type Span, sortAndDedupe } from '../diagnostics.js';
import type { GostConfig } from '../gost/config.js';
import { isRegistered } from '../gost/registry-names.js';
import { type ConfigPath, SpanIndex } from '../gost/span-index.js';
import { decodeGoConfig } from '../emit/go-decode.js';
import type { ArgText } from './arg-text.js';
import {
  type BuildContext,
  buildConfigFromCmd,
  type RegistryLookup,
  type RelativeSpans,
  recordAll,
} from './build-config.js';
import { type FlagValue, type ParsedFlags, parseFlags } from './flags.js';
import { getBool, GoMap, getString } from './go-metadata.js';
import type { LocatedURL } from './go-url-loc.js';
import { norm, normService } from './go-url-loc.js';
import { parseQuery } from './go-url.js';
import { ArgSpace, type Loc } from './located.js';

export interface GostArgsOptions {
  /** `empty` makes every registry lookup miss, as in gost's own unit tests. Default `gost`. */
  registry?: 'gost' | 'empty';
  /** `_GOST_ID` for a single process (` -- ` groups get their group index instead). */
  gostId?: string;
  /**
   * `run` (default): the arguments start gost, so `-O` and `-V`, which make it print and exit,
   * are reported. `print`: the caller prints the config, as `gost … -O yaml` would.
   */
  purpose?: 'run' | 'print';
}

export interface GostArgsGroup {
  config: GostConfig;
  spans: SpanIndex;
  /** The arguments of this process, as gost receives them. */
  args: ArgText[];
  /** `_GOST_ID` of the process, when it has one. */
  gostId?: string;
  /** The `-O` value: gost prints the config in this format (yaml unless `json`) and exits. */
  outputFormat?: string;
  /** `-V`: gost prints its version and exits. */
  printVersion: boolean;
}

export interface GostArgsResult {
  groups: GostArgsGroup[];
  diagnostics: Diagnostic[];
}

const emptyRegistry: RegistryLookup = () => false;

export function parseGostArgs(args: readonly ArgText[], options: GostArgsOptions = {}): GostArgsResult {
  const diagnostics: Diagnostic[] = [];
  if (args.length === 0) return { groups: [], diagnostics };
  const space = new ArgSpace(args);
  const lookup = options.registry === 'empty' ? emptyRegistry : isRegistered;
  const groups: GostArgsGroup[] = [];
  for (const { locs, gostId } of processGroups(space, options.gostId)) {
    groups.push(parseGroup(space, locs, gostId, lookup, options.purpose ?? 'run', diagnostics));
  }
  return { groups, diagnostics: sortAndDedupe(diagnostics) };
}

/**
 * gost joins its arguments with two spaces and, when the result contains ` -- `, runs one child
 * per piece with that piece split on two spaces again. Arguments that contain two spaces or
 * ` -- ` are therefore split too, exactly as gost splits them.
 */
function processGroups(space: ArgSpace, gostId: string | undefined): { locs: Loc[]; gostId?: string }[] {
  if (!space.joined.includes(' -- ')) {
    const locs = space.args.map((_, i) => space.arg(i));
    return [gostId === undefined ? { locs } : { locs, gostId }];
  }
  return space
    .all()
    .prefixed(' ')
    .suffixed(' ')
    .split(' -- ')
    .map((piece, i) => ({ locs: piece.trimSpace().split('  '), gostId: String(i) }));
}

function locArg(space: ArgSpace, loc: Loc): ArgText {
  return {
    text: loc.text,
    span: (s, e) => {
      const r = loc.range(s, Math.max(s, e));
      return space.span(r.start, r.end);
    },
  };
}

type Report = (severity: Severity, message: string, span?: Span, help?: string, rule?: string) => void;

function parseGroup(
  space: ArgSpace,
  locs: Loc[],
  gostId: string | undefined,
  isRegisteredName: RegistryLookup,
  purpose: 'run' | 'print',
  diagnostics: Diagnostic[],
): GostArgsGroup {
  const first = locs[0]!.range();
  const last = locs[locs.length - 1]!.range();
  const rootSpan = space.span(first.start, Math.max(first.start, last.end));
  const report: Report = (severity, message, span = rootSpan, help, rule = 'gost-cli') =>
    diagnostics.push({ rule, severity, message, span, related: [], ...(help ? { help } : {}) });
  const flags = parseFlags(space, locs);
  const group: GostArgsGroup = {
    config: {},
    spans: new SpanIndex(rootSpan),
    args: locs.map((l) => locArg(space, l)),
    printVersion: flags.bools.V?.value === true,
    ...(gostId === undefined ? {} : { gostId }),
    ...(flags.strings.O ? { outputFormat: flags.strings.O.value.text } : {}),
  };
  if (locs.length === 1 && locs[0]!.text === '') {
    report(
      'warning',
      'empty process group: gost starts a process with no arguments, which loads gost.yml from its default places',
    );
    return group;
  }
  reportFlagProblems(space, flags, purpose, report);

  const ctx: BuildContext = {
    space,
    isRegistered: isRegisteredName,
    targetPrefix: gostId === undefined ? '' : `go-${gostId}@`,
    report: (p) => report(p.severity, p.message, p.span, p.help, p.rule),
  };
  const firstNode = flags.lists.F[0];
  const built = buildConfigFromCmd(ctx, {
    ...readURLs(space, flags, report),
    ...(firstNode ? { chainSpan: firstNode.span } : {}),
  });

  const fileConfig: GostConfig = {};
  const fileSpans: RelativeSpans = [];
  for (const v of flags.lists.C) readConfigFlag(v, fileConfig, fileSpans, report);
  const config = mergeConfigs(fileConfig, built.config);
  const spans = new SpanIndex(rootSpan);
  for (const [path, span] of fileSpans) spans.set(path, span);
  for (const [path, span] of built.spans) spans.set(shiftPath(path, fileConfig), span);
  applyProcessFlags(flags, config, spans);

  const anyService = (config.services?.length ?? 0) > 0;
  if (
    !anyService &&
    !flags.strings.api &&
    flags.lists.C.length === 0 &&
    !flags.error &&
    !group.printVersion
  ) {
    report(
      'warning',
      'no -L service: gost instead loads gost.yml/gost.yaml/gost.json from /etc/gost/, $HOME/.gost/ or the working directory, and exits if there is none',
      rootSpan,
      'add a -L service, or give the host a native config under `config:`',
    );
  }
  group.config = config;
  group.spans = spans;
  return group;
}

/** What gost's flag parsing reports, and flags that make gost print and exit instead of running. */
function reportFlagProblems(
  space: ArgSpace,
  flags: ParsedFlags,
  purpose: 'run' | 'print',
  report: Report,
): void {
  if (flags.error) {
    report('error', flags.error.message, flags.error.span, 'gost prints its usage and exits with status 2');
  }
  if (flags.help) report('warning', 'gost prints its usage and exits: nothing runs', flags.help);
  if (flags.ignored.length > 0) {
    const firstIgnored = flags.ignored[0]!;
    const more = flags.ignored.length - 1;
    const r = firstIgnored.range();
    report(
      'warning',
      `gost stops reading flags at "${firstIgnored.text}"${more > 0 ? ` and ignores it and the ${more} argument${more === 1 ? '' : 's'} after it` : ' and ignores it'}`,
      space.span(r.start, r.end),
      'flags must come before any other argument; quote values that contain spaces',
    );
  }
  if (flags.bools.V?.value && purpose === 'run') {
    report('warning', 'gost -V prints its version and exits: nothing runs', flags.bools.V.span);
  }
  const output = flags.strings.O;
  if (!output) return;
  if (purpose === 'run') report('warning', 'gost -O prints the config and exits: nothing runs', output.span);
  else if (output.value.text !== 'yaml' && output.value.text !== 'json') {
    report(
      'warning',
      `gost prints YAML for -O ${JSON.stringify(output.value.text)}: only json selects JSON`,
      output.span,
    );
  }
}

/** The `-L` and `-F` values as parsed URLs; a `-F` that fails keeps its place (hop numbers). */
function readURLs(
  space: ArgSpace,
  flags: ParsedFlags,
  report: Report,
): { services: LocatedURL[]; nodes: (LocatedURL | undefined)[] } {
  const services: LocatedURL[] = [];
  for (const v of flags.lists.L) {
    if (v.value.trimSpace().text === '') {
      report('warning', 'empty -L value: gost skips it', v.span);
      continue;
    }
    const parsed = normService(v.value);
    if (parsed.ok) services.push(parsed.value);
    else reportURLError(report, space, parsed, '-L', v);
  }
  const nodes: (LocatedURL | undefined)[] = [];
  for (const v of flags.lists.F) {
    const parsed = norm(v.value);
    if (!parsed.ok) reportURLError(report, space, parsed, '-F', v);
    nodes.push(parsed.ok ? parsed.value : undefined);
  }
  return { services, nodes };
}

/** `-D`/`-DD`, `-api` and `-metrics` go over whatever the services and `-C` configs said. */
function applyProcessFlags(flags: ParsedFlags, config: GostConfig, spans: SpanIndex): void {
  const debug = flags.bools.DD?.value ? flags.bools.DD : flags.bools.D?.value ? flags.bools.D : undefined;
  if (debug) {
    config.log = { ...(config.log ?? {}), level: flags.bools.DD?.value ? 'trace' : 'debug' };
    spans.set(['log'], debug.span);
    spans.set(['log', 'level'], debug.span);
  }
  for (const kind of ['api', 'metrics'] as const) {
    const flag = flags.strings[kind];
    if (!flag) continue;
    const block = endpointConfig(flag, kind);
    config[kind] = block;
    for (const [path, span] of spansOf([kind], block, flag.span)) spans.set(path, span);
  }
}

function reportURLError(
  report: Report,
  space: ArgSpace,
  parsed: { error: string; loc: Loc; range: { start: number; end: number } },
  flag: string,
  v: FlagValue,
): void {
  const r = parsed.loc.range(parsed.range.start, Math.max(parsed.range.end, parsed.range.start));
  const span = parsed.range.end > parsed.range.start ? space.span(r.start, r.end) : v.span;
  report(
    'error',
    `${flag} ${JSON.stringify(v.value.text)}: ${parsed.error}`,
    span,
    'gost exits at startup with this error',
  );
}

/** `-C`: inline JSON (`{…}`) is read like gost reads it; a file name cannot be followed here. */
function readConfigFlag(v: FlagValue, into: GostConfig, spans: RelativeSpans, report: Report): void {
  const text = v.value.trimSpace().text;
  if (!(text.startsWith('{') && text.endsWith('}'))) {
    report(
      'error',
      `-C ${JSON.stringify(text)} names a config file, which topo cannot read from a command line`,
      v.span,
      "put that config under the host's `config:` key instead",
    );
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    report('error', `-C: gost cannot read this inline JSON: ${(e as Error).message}`, v.span);
    return;
  }
  const decoded = decodeGoConfig(json, 'json');
  for (const p of decoded.problems) report('warning', `-C: ${p.path.join('.')}: ${p.message}`, v.span);
  const before = countItems(into);
  const merged = mergeConfigs(into, decoded.config);
  for (const key of Object.keys(merged) as (keyof GostConfig)[]) {
    const value = merged[key];
    if (Array.isArray(value)) {
      for (let i = before[key] ?? 0; i < value.length; i++) recordAll(spans, [key, i], value[i], v.span);
    } else if (value !== undefined) recordAll(spans, [key], value, v.span);
  }
  Object.assign(into, merged);
}

const listKeys = [
  'services',
  'chains',
  'hops',
  'authers',
  'admissions',
  'bypasses',
  'resolvers',
  'hosts',
  'ingresses',
  'routers',
  'sds',
  'recorders',
  'limiters',
  'climiters',
  'rlimiters',
  'observers',
  'loggers',
] as const;

function countItems(config: GostConfig): Partial<Record<keyof GostConfig, number>> {
  const out: Partial<Record<keyof GostConfig, number>> = {};
  for (const k of listKeys) out[k] = (config[k] as unknown[] | undefined)?.length ?? 0;
  return out;
}

/** mergeConfig of the gost binary: lists appended, single blocks taken from the second when set. */
export function mergeConfigs(first: GostConfig, second: GostConfig): GostConfig {
  const out: GostConfig = {};
  for (const k of listKeys) {
    const items = [
      ...((first[k] as unknown[] | undefined) ?? []),
      ...((second[k] as unknown[] | undefined) ?? []),
    ];
    if (items.length > 0) (out as Record<string, unknown>)[k] = items;
  }
  for (const k of ['tls', 'log', 'api', 'metrics', 'profiling'] as const) {
    const v = second[k] ?? first[k];
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

function spansOf(path: ConfigPath, value: unknown, span: Span): RelativeSpans {
  const out: RelativeSpans = [];
  recordAll(out, path, value, span);
  return out;
}

function shiftPath(path: ConfigPath, before: GostConfig): ConfigPath {
  const [head, index, ...rest] = path;
  if (typeof head !== 'string' || typeof index !== 'number') return path;
  const offset = (before[head as keyof GostConfig] as unknown[] | undefined)?.length ?? 0;
  return [head, index + offset, ...rest];
}

/**
 * `-api` / `-metrics`: the address is Norm'ed and its host taken; the userinfo becomes auth and
 * `pathPrefix`/`accesslog` (api) or `path` (metrics) come from the query.
 */
function endpointConfig(v: FlagValue, kind: 'api' | 'metrics'): Record<string, unknown> {
  const out: Record<string, unknown> = { addr: v.value.text };
  const parsed = norm(v.value);
  if (!parsed.ok) return out;
  const { url } = parsed.value;
  out.addr = url.host;
  if (url.user)
    out.auth =
      url.user.password === ''
        ? { username: url.user.username }
        : { username: url.user.username, password: url.user.password };
  const m = new GoMap();
  for (const p of parseQuery(url.rawQuery, 0).pairs) if (!m.has(p.key)) m.set(p.key, p.value, v.span);
  const md = m.view();
  if (kind === 'api') {
    const pathPrefix = getString(md, 'pathPrefix');
    if (pathPrefix !== '') out.pathPrefix = pathPrefix;
    if (getBool(md, 'accesslog')) out.accesslog = true;
  } else {
    const path = getString(md, 'path');
    if (path !== '') out.path = path;
  }
  return out;
}
