/**
 * The ws and wss listener and dialer (x/listener/ws, x/dialer/ws). Metadata:
 * - listener `path` (default "/ws");
 * - dialer `path` (default "/ws"), `host` (Host header, default the node address), `header` (extra
 *   request headers).
 */

import type { Metadata } from '../metadata.js';
import type { Dialer, DialerModule, DialerOptions, ListenerModule, ListenerOptions } from '../protocol.js';
import type { Conn } from '../types.js';
import { LayeredListener } from './layered-listener.js';
import { clientUpgrade, serverUpgrade } from './websocket.js';

function path(md: Metadata): string {
  return md.string('path') || '/ws';
}

function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

export function wsServerLayer(raw: Conn, options: ListenerOptions): Promise<Conn> {
  return serverUpgrade(raw, path(options.metadata), options.env.rng);
}

export function wsClientLayer(raw: Conn, addr: string, options: DialerOptions): Promise<Conn> {
  const md = options.metadata;
  return clientUpgrade(
    raw,
    { host: md.string('host') || addr, path: path(md), header: stringMap(md.get('header')) },
    options.env.rng,
  );
}

function websocketListener(types: string[], secure: boolean): ListenerModule {
  return {
    types,
    async create(options) {
      const ln = await options.env.network.listen('tcp', options.addr);
      return new LayeredListener(ln, options, async (raw, push) => {
        const base = secure ? await options.env.tls.server(raw, options.tls) : raw;
        push(await wsServerLayer(base, options));
      });
    },
  };
}

class WsDialer implements Dialer {
  readonly multiplex = false;
  constructor(
    private readonly options: DialerOptions,
    private readonly secure: boolean,
  ) {}
  dial(addr: string, ctx: Parameters<Dialer['dial']>[1]): Promise<Conn> {
    return ctx.rawDial('tcp', addr);
  }
  async handshake(conn: Conn, addr: string): Promise<Conn> {
    const base = this.secure ? await this.options.env.tls.client(conn, this.options.tls) : conn;
    return wsClientLayer(base, addr, this.options);
  }
}

export const wsListener = websocketListener(['ws'], false);
export const wssListener = websocketListener(['wss'], true);

export const wsDialer: DialerModule = { types: ['ws'], create: (options) => new WsDialer(options, false) };
export const wssDialer: DialerModule = { types: ['wss'], create: (options) => new WsDialer(options, true) };
