/**
 * gost's default route: what a dial or bind does when no chain applies (no chain, an undefined
 * chain name, or a chain truncated at its first hop). Dials go straight from this host; binds listen
 * locally (rudp with keepalive forced on).
 */

import { asGostError } from '../errors.js';
import { withDeadline } from '../io/deadline.js';
import {
  emit,
  type AcceptedConn,
  type BindListener,
  type BindOptions,
  type RuntimeEnv,
} from '../protocol.js';
import type { Conn, Listener, PacketConn } from '../types.js';
import { UdpSessionListener } from '../udp/session-listener.js';

export async function directDial(
  env: RuntimeEnv,
  service: string | undefined,
  network: 'tcp' | 'udp',
  address: string,
  timeoutMs: number,
): Promise<Conn> {
  try {
    const conn = await withDeadline(
      env.clock,
      timeoutMs,
      env.network.dial(network, address),
      `dial ${network} ${address}`,
    );
    emit(env, { type: 'direct', host: env.hostname, service, network, target: address, ok: true });
    return conn;
  } catch (error) {
    const e = asGostError(error).locate({ host: env.hostname, service });
    emit(env, {
      type: 'direct',
      host: env.hostname,
      service,
      network,
      target: address,
      ok: false,
      error: e.message,
    });
    throw e;
  }
}

/** An unconnected UDP socket on this host (gost: net.ListenUDP with no address). */
export function directAssociate(env: RuntimeEnv): Promise<PacketConn> {
  return env.network.listen('udp', ':0');
}

export async function directBind(
  env: RuntimeEnv,
  network: 'tcp' | 'udp',
  address: string,
  options: BindOptions,
): Promise<BindListener> {
  if (network === 'tcp') return new StreamBindListener(await env.network.listen('tcp', address));
  const socket = await env.network.listen('udp', address);
  return new UdpSessionListener(socket, env.clock, {
    backlog: options.backlog ?? 128,
    readQueueSize: options.udpReadQueueSize ?? 128,
    readBufferSize: options.udpReadBufferSize ?? 8192,
    ttlMs: options.udpTtlMs ?? 5000,
    keepalive: true,
  });
}

class StreamBindListener implements BindListener {
  constructor(private readonly listener: Listener) {}
  get addr(): string {
    return this.listener.addr;
  }
  async accept(): Promise<AcceptedConn> {
    return { conn: await this.listener.accept() };
  }
  close(): void {
    this.listener.close();
  }
}
