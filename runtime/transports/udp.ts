/**
 * The `udp` listener (per-client sessions over one socket, see udp/session-listener.ts) and dialer.
 *
 * Listener metadata (x/listener/udp/metadata.go; defaults per GOST-SEMANTICS §6):
 * - `keepalive` (bool, default false): keep a session after the first reply.
 * - `ttl` / `keepalive.ttl` (duration, default 5s): idle sweep period.
 * - `readBufferSize` / `udp.bufferSize` (int, default 4096): datagram read size; longer ones truncate.
 * - `readQueueSize` (int, default 128), `backlog` (int, default 128).
 */

import { emit, type DialContext, type Dialer, type DialerModule, type ListenerModule } from '../protocol.js';
import type { Metadata } from '../metadata.js';
import type { Conn } from '../types.js';
import { UdpSessionListener } from '../udp/session-listener.js';

export interface UdpListenerSettings {
  keepalive: boolean;
  ttlMs: number;
  readBufferSize: number;
  readQueueSize: number;
  backlog: number;
}

export function parseUdpListenerMetadata(md: Metadata): UdpListenerSettings {
  const positive = (v: number, d: number) => (v > 0 ? v : d);
  return {
    keepalive: md.bool('keepalive'),
    ttlMs: positive(md.durationMs('ttl', 'keepalive.ttl'), 5000),
    readBufferSize: positive(md.int('readBufferSize', 'udp.bufferSize'), 4096),
    readQueueSize: positive(md.int('readQueueSize'), 128),
    backlog: positive(md.int('backlog'), 128),
  };
}

export const udpListener: ListenerModule = {
  types: ['udp'],
  async create(options) {
    const settings = parseUdpListenerMetadata(options.metadata);
    const socket = await options.env.network.listen('udp', options.addr);
    const { env, service } = options;
    return new UdpSessionListener(socket, env.clock, {
      ...settings,
      onDrop: (reason) =>
        emit(env, { type: 'error', host: env.hostname, service, kind: 'udp-drop', message: reason }),
    });
  },
};

class UdpDialer implements Dialer {
  readonly multiplex = false;
  dial(addr: string, ctx: DialContext): Promise<Conn> {
    return ctx.rawDial('udp', addr);
  }
}

export const udpDialer: DialerModule = {
  types: ['udp'],
  create: () => new UdpDialer(),
};
