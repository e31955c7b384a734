/**
 * The ss handler (x/handler/ss): handler auth is mandatory (username = method, password = key;
 * "ss: auth is required" otherwise). It reads the target (SOCKS5 address form) from the decrypted
 * stream within `readTimeout` (default 15 s); a stream it cannot decrypt is drained until the client
 * closes, never answered.
 */

import { GostError } from '../../errors.js';
import { withDeadline } from '../../io/deadline.js';
import { BufferedReader } from '../../io/reader.js';
import { relay } from '../../io/transport.js';
import {
  emit,
  type Handler,
  type HandlerModule,
  type HandlerOptions,
  type RequestContext,
} from '../../protocol.js';
import type { Conn } from '../../types.js';
import { readSocksAddr, socksAddrString } from '../socks5/wire.js';
import { type CipherSpec, masterKey, pickCipher, ShadowConn } from './wire.js';

class SsHandler implements Handler {
  private readonly spec: CipherSpec;
  private readonly key: Uint8Array;
  private readonly readTimeoutMs: number;

  constructor(
    private readonly options: HandlerOptions,
    auth: { username: string; password?: string },
  ) {
    this.spec = pickCipher(auth.username);
    this.key = masterKey(auth.password ?? '', this.spec.keySize);
    const ms = options.metadata.durationMs('readTimeout');
    this.readTimeoutMs = ms > 0 ? ms : 15_000;
  }

  async handle(conn: Conn, ctx: RequestContext): Promise<void> {
    const { env, service, type, router } = this.options;
    try {
      const shadow = new ShadowConn(conn, this.spec, this.key, env.rng);
      const reader = new BufferedReader(shadow);
      let address: string;
      try {
        address = socksAddrString(
          await withDeadline(env.clock, this.readTimeoutMs, readSocksAddr(reader, 'ss'), 'ss: read address'),
        );
      } catch (error) {
        while ((await conn.read().catch(() => null)) !== null);
        throw error;
      }
      emit(env, {
        type: 'handler',
        host: env.hostname,
        service,
        handler: type,
        action: 'connect',
        target: address,
        client: ctx.clientAddr,
      });
      if (this.options.bypass?.contains(address)) throw new GostError('protocol', `bypass: ${address}`);
      const upstream = await router.dial(ctx, 'tcp', address);
      const result = await relay(reader.toConn(), upstream);
      if (result.error) throw result.error;
    } finally {
      conn.close();
    }
  }
}

/** Builds the handler from its options; the caller passes the handler block's inline auth. */
export function createSsHandler(options: HandlerOptions, auth: HandlerOptions['auth']): Handler {
  if (!auth?.username) throw new GostError('config', 'ss: auth is required');
  return new SsHandler(options, auth);
}

export const ssHandler: HandlerModule = {
  types: ['ss'],
  acceptsForwarder: false,
  create: (options) => createSsHandler(options, options.auth),
};
