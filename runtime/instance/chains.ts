/**
 * Hops, nodes, chains and forwarders from a config (x/config/parsing/{hop,node,chain,selector,service}).
 *
 * - A node's connector defaults to `http` and its dialer to `tcp` (also for forwarder targets, which
 *   gost parses as nodes too). An unknown type fails the load ("unregistered connector: x").
 * - A chain hop with no `nodes` key refers to the top-level hop of that name; an undefined name
 *   yields no node, truncating the chain there.
 * - A forwarder with nodes becomes a hop (target ports ranges `a-b` expand); without nodes it refers
 *   to a top-level hop by name; with neither there is no forwarder at all.
 * - An undefined chain name is kept and yields no route (the handler dials directly).
 */

import type {
  ChainConfig,
  ChainGroupConfig,
  ForwarderConfig,
  HopConfig,
  NodeConfig,
  SelectorConfig,
} from '../../compiler/gost/config.js';
import { isRegistered, type RegistryKind } from '../../compiler/gost/registry-names.js';
import { expandPortRange } from '../addr.js';
import { Chain, ChainGroup, type Chainer, UndefinedChain } from '../chain/chain.js';
import { Hop } from '../chain/hop.js';
import { ChainNode, NodeTransport } from '../chain/node.js';
import {
  defaultSelectorSettings,
  FailMarker,
  Selector,
  type SelectorSettings,
  strategyFromName,
} from '../chain/selector.js';
import { GostError } from '../errors.js';
import { type Bypass, resolveBypass } from '../filters.js';
import { Metadata, typedDurationMs } from '../metadata.js';
import type { RuntimeEnv } from '../protocol.js';
import type { Registries, Registry } from '../registry.js';
import type { TlsSettings } from './tls-config.js';

export interface BuildContext {
  env: RuntimeEnv;
  registries: Registries;
  tls: TlsSettings;
  bypasses: ReadonlyMap<string, Bypass>;
}

/** Looks a type up, failing as gost does for unknown names and plainly for names topo does not model. */
export function lookup<T>(registry: Registry<T>, kind: RegistryKind, name: string): T {
  const found = registry.get(name);
  if (found) return found;
  if (isRegistered(kind, name)) {
    throw new GostError('unsupported', `${kind} "${name}" is not supported by the topo runtime`);
  }
  throw new GostError('config', `unregistered ${kind}: ${name}`);
}

export function selectorSettings(cfg: SelectorConfig | undefined): SelectorSettings {
  if (!cfg) return defaultSelectorSettings;
  const maxFails = cfg.maxFails && cfg.maxFails > 0 ? cfg.maxFails : defaultSelectorSettings.maxFails;
  const failTimeoutMs = typedDurationMs(cfg.failTimeout);
  return {
    strategy: strategyFromName(cfg.strategy),
    maxFails,
    failTimeoutMs: failTimeoutMs > 0 ? failTimeoutMs : defaultSelectorSettings.failTimeoutMs,
  };
}

function newSelector<T extends ChainNode | Chain | UndefinedChain>(
  ctx: BuildContext,
  cfg: SelectorConfig | undefined,
) {
  return new Selector<T>(selectorSettings(cfg), ctx.env.clock, ctx.env.rng, ctx.env.profile);
}

export function buildNode(ctx: BuildContext, cfg: NodeConfig): ChainNode {
  const connectorType = cfg.connector?.type || 'http';
  const dialerType = cfg.dialer?.type || 'tcp';
  const addr = cfg.addr ?? '';
  const located = (error: unknown) => (error instanceof GostError ? error.locate({ node: cfg.name }) : error);
  try {
    const connector = lookup(ctx.registries.connectors, 'connector', connectorType).create({
      node: cfg.name,
      type: connectorType,
      env: ctx.env,
      metadata: new Metadata(cfg.connector?.metadata),
      tls: ctx.tls.client(cfg.connector?.tls, addr),
      ...(cfg.connector?.auth?.username !== undefined
        ? { auth: { username: cfg.connector.auth.username, password: cfg.connector.auth.password } }
        : {}),
    });
    const dialer = lookup(ctx.registries.dialers, 'dialer', dialerType).create({
      node: cfg.name,
      type: dialerType,
      env: ctx.env,
      metadata: new Metadata(cfg.dialer?.metadata),
      tls: ctx.tls.client(cfg.dialer?.tls, addr),
      ...(cfg.dialer?.auth?.username !== undefined
        ? { auth: { username: cfg.dialer.auth.username, password: cfg.dialer.auth.password } }
        : {}),
    });
    const transport = new NodeTransport(dialerType, connectorType, dialer, connector, ctx.env);
    return new ChainNode(
      cfg.name,
      addr,
      new Metadata(cfg.metadata),
      new FailMarker(ctx.env.clock),
      { network: cfg.network },
      transport,
      resolveBypass(ctx.bypasses, cfg.bypass, cfg.bypasses),
    );
  } catch (error) {
    throw located(error);
  }
}

export function buildHop(ctx: BuildContext, cfg: HopConfig): Hop {
  const nodes = (cfg.nodes ?? []).map((n) => buildNode(ctx, n));
  return new Hop(
    cfg.name,
    nodes,
    newSelector<ChainNode>(ctx, cfg.selector),
    ctx.env.profile,
    resolveBypass(ctx.bypasses, cfg.bypass, cfg.bypasses),
  );
}

/** A hop reference that names nothing: it never yields a node. */
export function emptyHop(ctx: BuildContext, name: string): Hop {
  return new Hop(name, [], newSelector<ChainNode>(ctx, undefined), ctx.env.profile);
}

export function buildChain(ctx: BuildContext, cfg: ChainConfig, namedHops: ReadonlyMap<string, Hop>): Chain {
  const hops: Hop[] = [];
  for (const h of cfg.hops ?? []) {
    if (h.nodes !== undefined || h.plugin !== undefined) hops.push(buildHop(ctx, h));
    else if (h.name) hops.push(namedHops.get(h.name) ?? emptyHop(ctx, h.name));
  }
  return new Chain(cfg.name, hops, new FailMarker(ctx.env.clock), new Metadata(cfg.metadata), ctx.env);
}

export function buildForwarder(
  ctx: BuildContext,
  cfg: ForwarderConfig | undefined,
  namedHops: ReadonlyMap<string, Hop>,
): Hop | undefined {
  if (!cfg) return undefined;
  const name = cfg.hop || cfg.name || '';
  const nodes: ChainNode[] = [];
  for (const target of cfg.nodes ?? []) {
    expandPortRange(target.addr ?? '').forEach((addr, i) => {
      const node = buildNode(ctx, {
        name: i > 0 ? `${target.name ?? ''}-${i}` : (target.name ?? ''),
        addr,
        network: target.network,
        metadata: target.metadata,
      });
      nodes.push(
        new ChainNode(node.name, node.addr, node.metadata, node.marker, {
          network: target.network,
          host: target.host,
          protocol: target.protocol,
          path: target.path,
        }),
      );
    });
  }
  if (nodes.length > 0)
    return new Hop(name, nodes, newSelector<ChainNode>(ctx, cfg.selector), ctx.env.profile);
  if (name === '') return undefined;
  return namedHops.get(name) ?? emptyHop(ctx, name);
}

/** `chain` + `chainGroup` of a handler or listener; undefined when neither names a chain. */
export function buildChainer(
  ctx: BuildContext,
  chains: ReadonlyMap<string, Chain>,
  name: string | undefined,
  group: ChainGroupConfig | undefined,
): Chainer | undefined {
  const names = [...(name ? [name] : []), ...(group?.chains ?? []).filter((n) => n !== '')];
  if (names.length === 0) return undefined;
  const members = names.map(
    (n) => chains.get(n) ?? new UndefinedChain(n, new FailMarker(ctx.env.clock), new Metadata()),
  );
  return new ChainGroup(members, newSelector<Chain | UndefinedChain>(ctx, group?.selector));
}
