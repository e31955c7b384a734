/**
 * A flow's trace: each step its bytes took, on which host, in which service and component, at what
 * virtual time, cut out of the simulation log by owner. Plain data in a fixed key order, so the same
 * seed gives byte-identical JSON.
 */

import type { Recorded, SimEvent } from './events.js';

export type Component =
  | 'client'
  | 'network'
  | 'listener'
  | 'handler'
  | 'dialer'
  | 'connector'
  | 'app'
  | 'process'
  | 'fault';

export interface TraceHop {
  /** Virtual milliseconds since the simulation started. */
  t: number;
  host: string;
  service?: string;
  component: Component;
  action: string;
  detail?: string;
  bytes?: number;
  ok?: boolean;
}

function hop(
  t: number,
  host: string,
  component: Component,
  action: string,
  extra: {
    service?: string | undefined;
    detail?: string | undefined;
    bytes?: number | undefined;
    ok?: boolean | undefined;
  } = {},
): TraceHop {
  return {
    t,
    host,
    ...(extra.service ? { service: extra.service } : {}),
    component,
    action,
    ...(extra.detail ? { detail: extra.detail } : {}),
    ...(extra.bytes !== undefined ? { bytes: extra.bytes } : {}),
    ...(extra.ok !== undefined ? { ok: extra.ok } : {}),
  };
}

export function toHop(entry: Recorded): TraceHop | undefined {
  const { t } = entry;
  const e: SimEvent = entry.event;
  switch (e.type) {
    case 'service.listen':
      return hop(t, e.host, 'listener', 'listen', {
        service: e.service,
        detail: `${e.listener}/${e.handler} ${e.addr}`,
      });
    case 'service.accept':
      return hop(t, e.host, 'listener', 'accept', {
        service: e.service,
        detail: `${e.remote} -> ${e.local}`,
      });
    case 'service.error':
      return hop(t, e.host, 'listener', 'error', {
        service: e.service,
        detail: e.retryInMs !== undefined ? `${e.error} (retry in ${e.retryInMs / 1000}s)` : e.error,
        ok: false,
      });
    case 'handler':
      return hop(t, e.host, 'handler', e.action, {
        service: e.service,
        detail: `${e.handler}${e.network || e.target ? ':' : ''}${[e.network, e.target]
          .filter((x) => x)
          .map((x) => ` ${x}`)
          .join('')}`,
      });
    case 'route':
      return hop(t, e.host, e.step === 'connect' || e.step === 'bind' ? 'connector' : 'dialer', e.step, {
        service: e.service,
        detail: [e.chain && `${e.chain}/${e.hop ?? ''}/${e.node}`, e.addr, e.error]
          .filter((x) => x)
          .join(' '),
        ok: e.ok,
      });
    case 'direct':
      return hop(t, e.host, 'dialer', 'dial direct', {
        service: e.service,
        detail: [`${e.network} ${e.target}`, e.error].filter((x) => x).join(' '),
        ok: e.ok,
      });
    case 'bind':
      return hop(t, e.host, 'handler', 'listen', {
        service: e.service,
        detail: [`${e.network} ${e.addr}`, e.error].filter((x) => x).join(' '),
        ok: e.ok,
      });
    case 'bytes':
      return hop(t, e.host, 'handler', 'transfer', {
        service: e.service,
        detail: `sent ${e.sent}, received ${e.received}`,
        bytes: e.sent + e.received,
      });
    case 'error':
      return hop(t, e.host, 'handler', 'error', {
        service: e.service,
        detail: `${e.kind}: ${e.message}`,
        ok: false,
      });
    case 'net.connect':
      return hop(t, e.from, 'network', `${e.network} connect`, {
        detail: `${e.src || '?'} -> ${e.dst}${e.to ? ` (${e.to}${e.listener ? ` ${e.listener}` : ''})` : ''}: ${e.result}${e.reason ? ` (${e.reason})` : ''}`,
        ok: e.result === 'accepted',
      });
    case 'net.carry':
      return hop(t, e.from, 'network', 'carry', {
        detail: `connection #${e.conn} to ${e.to}`,
        bytes: e.bytes,
      });
    case 'net.datagram':
      return hop(t, e.from, 'network', 'udp datagram', {
        detail: `${e.src} -> ${e.dst}${e.to ? ` (${e.to})` : ''}: ${e.result}${e.reason ? ` (${e.reason})` : ''}`,
        bytes: e.bytes,
        ok: e.result === 'delivered',
      });
    case 'net.reset':
      return hop(t, e.host, 'network', 'reset', { detail: `${e.conns} connections: ${e.reason}` });
    case 'app.accept':
      return hop(t, e.host, 'app', 'accept', { service: e.app, detail: `from ${e.remote}` });
    case 'app.receive':
      return hop(t, e.host, 'app', 'receive', { service: e.app, bytes: e.bytes });
    case 'app.reply':
      return hop(t, e.host, 'app', 'reply', { service: e.app, bytes: e.bytes });
    case 'app.error':
      return hop(t, e.host, 'app', 'error', { service: e.app, detail: `${e.kind}: ${e.message}`, ok: false });
    case 'client':
      return hop(t, e.host, 'client', e.action, { detail: e.detail, bytes: e.bytes, ok: e.ok });
    case 'instance.start':
      return hop(t, e.host, 'process', 'start', { detail: `process ${e.process}: ${e.services.join(', ')}` });
    case 'instance.error':
      return hop(t, e.host, 'process', 'error', {
        service: e.service,
        detail: `process ${e.process}: ${e.kind}: ${e.message}`,
        ok: false,
      });
    case 'fault':
      return hop(t, e.hosts[0] ?? '', 'fault', e.action, { detail: e.hosts.join(' - ') });
    default:
      return undefined;
  }
}

export function toHops(entries: readonly Recorded[]): TraceHop[] {
  const out: TraceHop[] = [];
  for (const entry of entries) {
    const h = toHop(entry);
    if (h) out.push(h);
  }
  return out;
}

/**
 * The hosts a flow's bytes passed, in order: starting at the client, each connection or datagram
 * the flow opened or carried bytes over extends the path to its far end when its near end is
 * already on the path.
 */
export function flowPath(from: string, entries: readonly Recorded[]): string[] {
  const path = [from];
  const edges: [string, string][] = [];
  for (const { event: e } of entries) {
    if (e.type === 'net.connect' && e.result === 'accepted' && e.to) edges.push([e.from, e.to]);
    else if (e.type === 'net.carry') edges.push([e.from, e.to]);
    else if (e.type === 'net.datagram' && e.result === 'delivered' && e.to) edges.push([e.from, e.to]);
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const [a, b] of edges) {
      if (a === b || path.includes(b) || !path.includes(a)) continue;
      path.push(b);
      grew = true;
    }
  }
  return path;
}
