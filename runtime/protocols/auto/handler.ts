/**
 * The auto handler (x/handler/auto/handler.go, stable line): peeks one byte; 0x04 goes to the socks4
 * handler, 0x05 to socks5, anything else to http. All three get the same options (auth, `udp`,
 * `bind`, `notls`, …). It never understands relay, ss or ssh.
 */

import { BufferedReader } from '../../io/reader.js';
import type { Handler, HandlerModule, HandlerOptions, RequestContext } from '../../protocol.js';
import type { Conn } from '../../types.js';
import { httpHandler } from '../http/handler.js';
import { socks4Handler } from '../socks4/handler.js';
import { socks5Handler } from '../socks5/handler.js';

class AutoHandler implements Handler {
  private readonly http: Handler;
  private readonly socks4: Handler;
  private readonly socks5: Handler;

  constructor(options: HandlerOptions) {
    this.http = httpHandler.create(options);
    this.socks4 = socks4Handler.create(options);
    this.socks5 = socks5Handler.create(options);
  }

  async handle(conn: Conn, ctx: RequestContext): Promise<void> {
    const reader = new BufferedReader(conn);
    let first: number;
    try {
      first = (await reader.peek(1, 'auto: peek'))[0]!;
    } catch (error) {
      conn.close();
      throw error;
    }
    const stream = reader.toConn();
    if (first === 0x04) return this.socks4.handle(stream, ctx);
    if (first === 0x05) return this.socks5.handle(stream, ctx);
    return this.http.handle(stream, ctx);
  }
}

export const autoHandler: HandlerModule = {
  types: ['auto'],
  acceptsForwarder: false,
  create: (options) => new AutoHandler(options),
};
