/**
 * A gost instance for one host, built from that host's GostConfig as gost's loader builds it
 * (x/config/loader): authers, hops and chains first, then every service. Duplicate names of one kind
 * abort the load ("registry: duplicate object"); a service whose listener cannot start (e.g. port in
 * use) makes the whole instance fail, closing what already started, as the gost process exits.
 */

import type { GostConfig } from '../compiler/gost/config.js';
import { parseAuthers } from './auth.js';
import type { Chain } from './chain/chain.js';
import type { Hop } from './chain/hop.js';
import { builtinRegistries } from './builtin.js';
import { GostError } from './errors.js';
import { parseAdmissions, parseBypasses } from './filters.js';
import { buildChain, buildHop, type BuildContext } from './instance/chains.js';
import { startService } from './instance/services.js';
import { type FileReader, TlsSettings } from './instance/tls-config.js';
import { emit, type RuntimeEnv } from './protocol.js';
import type { Registries } from './registry.js';
import type { Service } from './service.js';
import { NodeTlsEngine } from './transports/tls.js';
import type { Clock, Network, Rng, TraceSink } from './types.js';

export interface GostEnv {
  network: Network;
  clock: Clock;
  rng: Rng;
  hostname: string;
  trace?: TraceSink;
  /** Which gost line to reproduce where they differ (default `stable`, gost 3.2.x / x v0.8.1). */
  profile?: 'stable' | 'head';
  /** Reads files the config names (certFile, keyFile, caFile); undefined means "no such file". */
  readFile?: FileReader;
  /** Protocol registries; defaults to every built-in module. */
  registries?: Registries;
}

export interface GostInstance {
  readonly hostname: string;
  readonly services: ReadonlyMap<string, Service>;
  close(): void;
}

function checkUnique(kind: string, names: readonly string[]): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new GostError('config', `registry: duplicate object: ${kind} ${n}`);
    seen.add(n);
  }
}

export async function startGost(config: GostConfig, env: GostEnv): Promise<GostInstance> {
  const runtimeEnv: RuntimeEnv = {
    network: env.network,
    clock: env.clock,
    rng: env.rng,
    hostname: env.hostname,
    trace: env.trace,
    tls: new NodeTlsEngine(),
    profile: env.profile ?? 'stable',
  };
  const located = (error: unknown) =>
    error instanceof GostError
      ? error.locate({ host: env.hostname })
      : new GostError('config', String(error), { host: env.hostname });

  let ctx: BuildContext;
  const chains = new Map<string, Chain>();
  const hops = new Map<string, Hop>();
  let authers: ReturnType<typeof parseAuthers>;
  let admissions: ReturnType<typeof parseAdmissions>;
  try {
    checkUnique(
      'auther',
      (config.authers ?? []).map((a) => a.name),
    );
    const kinds = {
      hop: config.hops,
      chain: config.chains,
      service: config.services,
      bypass: config.bypasses,
      admission: config.admissions,
    };
    for (const [kind, list] of Object.entries(kinds))
      checkUnique(
        kind,
        (list ?? []).map((o) => o.name),
      );
    ctx = {
      env: runtimeEnv,
      registries: env.registries ?? builtinRegistries(),
      tls: new TlsSettings(env.readFile ?? (() => undefined), config.tls, env.rng),
      bypasses: parseBypasses(config.bypasses),
    };
    admissions = parseAdmissions(config.admissions);
    authers = parseAuthers(config.authers);
    for (const h of config.hops ?? []) hops.set(h.name, buildHop(ctx, h));
    for (const c of config.chains ?? []) chains.set(c.name, buildChain(ctx, c, hops));
  } catch (error) {
    throw located(error);
  }

  const services = new Map<string, Service>();
  const closeAll = () => {
    for (const s of services.values()) s.close();
  };
  for (const cfg of config.services ?? []) {
    try {
      const service = await startService(ctx, cfg, { chains, hops, authers, admissions });
      services.set(cfg.name, service);
      emit(runtimeEnv, {
        type: 'service.listen',
        host: env.hostname,
        service: cfg.name,
        listener: cfg.listener ? (cfg.listener.type ?? '') : 'tcp',
        handler: cfg.handler ? (cfg.handler.type ?? '') : 'auto',
        addr: service.addr,
      });
    } catch (error) {
      closeAll();
      throw located(error instanceof GostError ? error.locate({ service: cfg.name }) : error);
    }
  }

  return { hostname: env.hostname, services, close: closeAll };
}
