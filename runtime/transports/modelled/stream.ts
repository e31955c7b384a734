/**
 * Multiplexed TCP transports topo models instead of implementing (see hello.ts): h2, h2c, grpc and
 * ssh. Each runs the modelled handshake (inside real TLS for h2 and for grpc unless insecure) and
 * then an smux session, the stand-in for HTTP/2 streams or SSH channels. What must agree:
 *
 * - h2/h2c `path` (x/listener/http2/h2, x/dialer/http2/h2): an empty listener path accepts only
 *   CONNECT (405 otherwise); a set one only a GET to exactly that path (404). The client sends
 *   CONNECT when its path is empty, else GET to its path.
 * - grpc `path` and `grpc.insecure`/`insecure` (TLS on one side only fails in TLS).
 * - ssh: listener credentials (`auth`/`auther`; none means anonymous logins) against the dialer's.
 * ssh and sshd speak to each other's servers but their channels are refused.
 */

import type { Authenticator } from '../../auth.js';
import { GostError } from '../../errors.js';
import { BufferedReader } from '../../io/reader.js';
import { MuxSession, parseMuxConfig } from '../../mux/smux.js';
import type { Metadata } from '../../metadata.js';
import type { DialerModule, DialerOptions, ListenerModule, ListenerOptions } from '../../protocol.js';
import type { Conn } from '../../types.js';
import { LayeredListener } from '../layered-listener.js';
import { MuxDialer } from '../mux-dialer.js';
import { encodeHello, encodeReply, type Hello, readHello, readReply, type Settings } from './hello.js';

export interface StreamModel {
  transport: string;
  /** Runs TLS under the model. */
  tls: (md: Metadata) => boolean;
  clientSettings: (options: DialerOptions) => Settings;
  /** Returns the error text the client gets, or undefined to accept. */
  check: (hello: Hello, options: ListenerOptions) => string | undefined;
}

/**
 * Server side of a modelled handshake; resolves with the conn after the reply. A client of another
 * transport is dropped without an answer (SSH-family clients get their channel refused instead).
 */
export async function acceptModelled(
  raw: Conn,
  transport: string,
  check: (hello: Hello) => string | undefined,
): Promise<Conn> {
  const reader = new BufferedReader(raw);
  const hello = await readHello(reader, transport);
  if (hello.transport !== transport && !sshFamily(hello.transport, transport)) {
    throw new GostError('handshake', `${transport}: handshake failure: unexpected ${hello.transport} client`);
  }
  const error = check(hello);
  await raw.write(encodeReply(error));
  if (error !== undefined) throw new GostError('handshake', error);
  return reader.toConn();
}

export async function connectModelled(raw: Conn, transport: string, settings: Settings): Promise<Conn> {
  await raw.write(encodeHello(transport, settings));
  const reader = new BufferedReader(raw);
  await readReply(reader, transport);
  return reader.toConn();
}

function sshFamily(a: string, b: string): boolean {
  return a !== b && ['ssh', 'sshd'].includes(a) && ['ssh', 'sshd'].includes(b);
}

export const sshChannelRefused = 'ssh: rejected: unknown channel type (unsupported channel type)';

export function sshAuthCheck(
  hello: Hello,
  transport: string,
  auther: Authenticator | undefined,
): string | undefined {
  if (hello.transport !== transport) return sshChannelRefused;
  if (!auther) return undefined;
  const ok = auther.authenticate(String(hello.settings.user ?? ''), String(hello.settings.password ?? '')).ok;
  return ok
    ? undefined
    : 'ssh: handshake failed: ssh: unable to authenticate, attempted methods [none password], no supported methods remain';
}

export function streamModel(model: StreamModel): { listener: ListenerModule; dialer: DialerModule } {
  return {
    listener: {
      types: [model.transport],
      async create(options) {
        const ln = await options.env.network.listen('tcp', options.addr);
        const mux = parseMuxConfig(options.metadata);
        return new LayeredListener(ln, options, async (raw, push) => {
          const base = model.tls(options.metadata) ? await options.env.tls.server(raw, options.tls) : raw;
          const conn = await acceptModelled(base, model.transport, (hello) => model.check(hello, options));
          const session = MuxSession.server(conn, mux, options.env.clock);
          try {
            for (;;) push(await session.accept());
          } catch {
            // Session over.
          }
        });
      },
    },
    dialer: {
      types: [model.transport],
      create: (options) =>
        new MuxDialer(
          async (raw) => {
            const base = model.tls(options.metadata) ? await options.env.tls.client(raw, options.tls) : raw;
            return connectModelled(base, model.transport, model.clientSettings(options));
          },
          parseMuxConfig(options.metadata),
          options.env.clock,
        ),
    },
  };
}

function h2Check(hello: Hello, options: ListenerOptions): string | undefined {
  const path = options.metadata.string('path');
  const mode = String(hello.settings.mode);
  if (path === '') return mode === 'connect' ? undefined : '405 Method Not Allowed';
  return mode === 'get' && hello.settings.path === path ? undefined : '404 Not Found';
}

function h2Settings(options: DialerOptions): Settings {
  const path = options.metadata.string('path');
  return path === '' ? { mode: 'connect' } : { mode: 'get', path };
}

const grpcInsecure = (md: Metadata) => md.bool('grpc.insecure', 'insecure');

export const h2 = streamModel({
  transport: 'h2',
  tls: () => true,
  clientSettings: h2Settings,
  check: h2Check,
});
export const h2c = streamModel({
  transport: 'h2c',
  tls: () => false,
  clientSettings: h2Settings,
  check: h2Check,
});
export const grpc = streamModel({
  transport: 'grpc',
  tls: (md) => !grpcInsecure(md),
  clientSettings: (o) => ({ path: o.metadata.string('path') }),
  check: (hello, o) =>
    hello.settings.path === o.metadata.string('path')
      ? undefined
      : 'rpc error: code = Unimplemented desc = unknown service',
});
export const ssh = streamModel({
  transport: 'ssh',
  tls: () => false,
  clientSettings: (o) => ({ user: o.auth?.username ?? '', password: o.auth?.password ?? '' }),
  check: (hello, o) => sshAuthCheck(hello, 'ssh', o.auther),
});
