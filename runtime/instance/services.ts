/**
 * One service from its config (x/config/parsing/service/parse.go ParseService): listener (default
 * `tcp`) initialised first, which binds its port, then the handler (default `auto`) with its router,
 * auther and, for handlers that take one, the forwarder. Service metadata `ignoreChain` drops both
 * chains; `dialTimeout` bounds each route attempt's first dial (default 15 s).
 */

import type { ServiceConfig } from '../../compiler/gost/config.js';
import { type Authenticator, resolveAuthenticator } from '../auth.js';
import type { Chain } from '../chain/chain.js';
import type { Hop } from '../chain/hop.js';
import { Router } from '../chain/router.js';
import { GostError } from '../errors.js';
import { type Admission, resolveAdmission, resolveBypass } from '../filters.js';
import { Metadata } from '../metadata.js';
import type { ServiceListener } from '../protocol.js';
import { Service } from '../service.js';
import { type BuildContext, buildChainer, buildForwarder, lookup } from './chains.js';

export interface ServiceDefinitions {
  chains: ReadonlyMap<string, Chain>;
  hops: ReadonlyMap<string, Hop>;
  authers: ReadonlyMap<string, Authenticator>;
  admissions: ReadonlyMap<string, Admission>;
}

export async function startService(
  ctx: BuildContext,
  cfg: ServiceConfig,
  defs: ServiceDefinitions,
): Promise<Service> {
  const listenerType = cfg.listener ? (cfg.listener.type ?? '') : 'tcp';
  const handlerType = cfg.handler ? (cfg.handler.type ?? '') : 'auto';
  const serviceMd = new Metadata(cfg.metadata);
  const ignoreChain = serviceMd.bool('ignoreChain');

  const listenerModule = lookup(ctx.registries.listeners, 'listener', listenerType);
  const handlerModule = lookup(ctx.registries.handlers, 'handler', handlerType);

  const listenerChain = ignoreChain
    ? undefined
    : buildChainer(ctx, defs.chains, cfg.listener?.chain, cfg.listener?.chainGroup);
  const listener: ServiceListener = await listenerModule.create({
    service: cfg.name,
    type: listenerType,
    env: ctx.env,
    addr: cfg.addr ?? '',
    metadata: new Metadata(cfg.listener?.metadata),
    chain: listenerChain,
    auther: resolveAuthenticator(
      defs.authers,
      cfg.listener?.auther,
      cfg.listener?.authers,
      cfg.listener?.auth,
    ),
    tls: ctx.tls.server(cfg.listener?.tls),
  });

  try {
    const router = new Router({
      env: ctx.env,
      service: cfg.name,
      chain: ignoreChain
        ? undefined
        : buildChainer(ctx, defs.chains, cfg.handler?.chain, cfg.handler?.chainGroup),
      retries: cfg.handler?.retries ?? 0,
      dialTimeoutMs: serviceMd.durationMs('dialTimeout'),
    });
    const forwarder = handlerModule.acceptsForwarder
      ? buildForwarder(ctx, cfg.forwarder, defs.hops)
      : undefined;
    const handler = handlerModule.create({
      service: cfg.name,
      type: handlerType,
      env: ctx.env,
      router,
      auther: resolveAuthenticator(
        defs.authers,
        cfg.handler?.auther,
        cfg.handler?.authers,
        cfg.handler?.auth,
      ),
      ...(cfg.handler?.auth?.username
        ? { auth: { username: cfg.handler.auth.username, password: cfg.handler.auth.password } }
        : {}),
      forwarder,
      bypass: resolveBypass(ctx.bypasses, cfg.bypass, cfg.bypasses),
      metadata: new Metadata(cfg.handler?.metadata),
      tls: ctx.tls.server(cfg.handler?.tls),
    });
    const admission = resolveAdmission(defs.admissions, cfg.admission, cfg.admissions);
    return new Service(cfg.name, listener, handler, ctx.env, admission);
  } catch (error) {
    listener.close();
    throw error instanceof GostError ? error.locate({ service: cfg.name }) : error;
  }
}
