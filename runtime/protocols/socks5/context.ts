/** What the socks5 command handlers share: the handler's options and parsed metadata. */

import { hostOf } from '../../addr.js';
import type { HandlerOptions } from '../../protocol.js';
import type { Conn } from '../../types.js';
import type { Socks5HandlerSettings } from './metadata.js';
import type { SocksAddr } from './wire.js';

export interface Socks5Context {
  options: HandlerOptions;
  settings: Socks5HandlerSettings;
}

/** The address a BIND reply advertises: the control conn's local IP (or publicAddr) and `port`. */
export function advertised(ctx: Socks5Context, conn: Conn, port: number): SocksAddr {
  return { type: 0, host: ctx.settings.publicAddr || hostOf(conn.localAddr), port };
}
