/** A conn presented with other local/remote addresses (bind peers carry the peer's address). */

import type { Conn } from '../types.js';

export function withAddrs(conn: Conn, localAddr: string, remoteAddr: string): Conn {
  return {
    localAddr,
    remoteAddr,
    ...(conn.datagram ? { datagram: true as const } : {}),
    read: (max) => conn.read(max),
    write: (data) => conn.write(data),
    closeWrite: () => conn.closeWrite(),
    close: () => conn.close(),
  };
}
