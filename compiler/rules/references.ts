/**
 * Named references inside one gost process and whether they resolve: shared by the
 * undefined-* rules.
 */
import type { GostConfig } from '../gost/config.js';
import type { ConfigPath } from '../gost/span-index.js';
import type { GostProcess } from '../lower/plan.js';

export type ReferenceKind =
  | 'chain'
  | 'hop'
  | 'auther'
  | 'admission'
  | 'bypass'
  | 'resolver'
  | 'hosts'
  | 'limiter'
  | 'climiter'
  | 'rlimiter'
  | 'observer'
  | 'logger'
  | 'recorder';

export interface Reference {
  kind: ReferenceKind;
  name: string;
  path: ConfigPath;
  /** Where it is used, for messages ("service web", "hop hop-0 of chain c"). */
  owner: string;
}

const registryKey: Record<ReferenceKind, keyof GostConfig> = {
  chain: 'chains',
  hop: 'hops',
  auther: 'authers',
  admission: 'admissions',
  bypass: 'bypasses',
  resolver: 'resolvers',
  hosts: 'hosts',
  limiter: 'limiters',
  climiter: 'climiters',
  rlimiter: 'rlimiters',
  observer: 'observers',
  logger: 'loggers',
  recorder: 'recorders',
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function definedNames(config: GostConfig, kind: ReferenceKind): Set<string> {
  const list = config[registryKey[kind]];
  const out = new Set<string>();
  if (Array.isArray(list))
    for (const item of list) if (isRecord(item) && typeof item.name === 'string') out.add(item.name);
  return out;
}

function single(
  out: Reference[],
  kind: ReferenceKind,
  value: unknown,
  path: ConfigPath,
  owner: string,
): void {
  if (typeof value === 'string' && value !== '') out.push({ kind, name: value, path, owner });
}

function many(out: Reference[], kind: ReferenceKind, value: unknown, path: ConfigPath, owner: string): void {
  if (!Array.isArray(value)) return;
  value.forEach((v, i) => {
    single(out, kind, v, [...path, i], owner);
  });
}

/** The references of each process, collected once for all the rules that ask. */
const collected = new WeakMap<GostProcess, Reference[]>();

/** Every named reference in a process's config. */
export function collectReferences(process: GostProcess): Reference[] {
  let refs = collected.get(process);
  if (!refs) collected.set(process, (refs = gatherReferences(process)));
  return refs;
}

function gatherReferences(process: GostProcess): Reference[] {
  const out: Reference[] = [];
  const c = process.config;
  (Array.isArray(c.services) ? c.services : []).forEach((s, i) => {
    if (!isRecord(s)) return;
    const owner = `service ${typeof s.name === 'string' ? s.name : i}`;
    const base: ConfigPath = ['services', i];
    for (const part of ['handler', 'listener'] as const) {
      const block = s[part];
      if (!isRecord(block)) continue;
      single(out, 'chain', block.chain, [...base, part, 'chain'], owner);
      if (isRecord(block.chainGroup))
        many(out, 'chain', block.chainGroup.chains, [...base, part, 'chainGroup', 'chains'], owner);
      single(out, 'auther', block.auther, [...base, part, 'auther'], owner);
      many(out, 'auther', block.authers, [...base, part, 'authers'], owner);
      if (part === 'handler') {
        single(out, 'limiter', block.limiter, [...base, part, 'limiter'], owner);
        single(out, 'observer', block.observer, [...base, part, 'observer'], owner);
      }
    }
    single(out, 'admission', s.admission, [...base, 'admission'], owner);
    many(out, 'admission', s.admissions, [...base, 'admissions'], owner);
    single(out, 'bypass', s.bypass, [...base, 'bypass'], owner);
    many(out, 'bypass', s.bypasses, [...base, 'bypasses'], owner);
    single(out, 'resolver', s.resolver, [...base, 'resolver'], owner);
    single(out, 'hosts', s.hosts, [...base, 'hosts'], owner);
    single(out, 'limiter', s.limiter, [...base, 'limiter'], owner);
    single(out, 'climiter', s.climiter, [...base, 'climiter'], owner);
    single(out, 'rlimiter', s.rlimiter, [...base, 'rlimiter'], owner);
    single(out, 'observer', s.observer, [...base, 'observer'], owner);
    single(out, 'logger', s.logger, [...base, 'logger'], owner);
    many(out, 'logger', s.loggers, [...base, 'loggers'], owner);
    const f = s.forwarder;
    if (isRecord(f)) {
      single(out, 'hop', f.hop, [...base, 'forwarder', 'hop'], owner);
      if (!Array.isArray(f.nodes)) single(out, 'hop', f.name, [...base, 'forwarder', 'name'], owner);
    }
  });
  const hopRefs = (hop: Record<string, unknown>, path: ConfigPath, owner: string) => {
    single(out, 'bypass', hop.bypass, [...path, 'bypass'], owner);
    many(out, 'bypass', hop.bypasses, [...path, 'bypasses'], owner);
    single(out, 'resolver', hop.resolver, [...path, 'resolver'], owner);
    single(out, 'hosts', hop.hosts, [...path, 'hosts'], owner);
    (Array.isArray(hop.nodes) ? hop.nodes : []).forEach((n, j) => {
      if (!isRecord(n)) return;
      const np: ConfigPath = [...path, 'nodes', j];
      single(out, 'bypass', n.bypass, [...np, 'bypass'], owner);
      many(out, 'bypass', n.bypasses, [...np, 'bypasses'], owner);
      single(out, 'resolver', n.resolver, [...np, 'resolver'], owner);
      single(out, 'hosts', n.hosts, [...np, 'hosts'], owner);
    });
  };
  (Array.isArray(c.chains) ? c.chains : []).forEach((ch, i) => {
    if (!isRecord(ch)) return;
    (Array.isArray(ch.hops) ? ch.hops : []).forEach((h, k) => {
      if (!isRecord(h)) return;
      const path: ConfigPath = ['chains', i, 'hops', k];
      const owner = `hop ${typeof h.name === 'string' ? h.name : k} of chain ${ch.name}`;
      const inline =
        'nodes' in h || isRecord(h.plugin) || isRecord(h.file) || isRecord(h.http) || isRecord(h.redis);
      if (!inline) single(out, 'hop', h.name, [...path, 'name'], owner);
      else hopRefs(h, path, owner);
    });
  });
  (Array.isArray(c.hops) ? c.hops : []).forEach((h, k) => {
    if (isRecord(h)) hopRefs(h, ['hops', k], `hop ${typeof h.name === 'string' ? h.name : k}`);
  });
  return out;
}

export function undefinedReferences(process: GostProcess, kinds: ReferenceKind[]): Reference[] {
  const defined = new Map<ReferenceKind, Set<string>>();
  return collectReferences(process).filter((r) => {
    if (!kinds.includes(r.kind)) return false;
    let names = defined.get(r.kind);
    if (!names) defined.set(r.kind, (names = definedNames(process.config, r.kind)));
    return !names.has(r.name);
  });
}
