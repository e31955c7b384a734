/**
 * The client side of a standard SOCKS5 UDP relay (x/connector/socks/v5 udpRelayConn): datagrams with
 * the RFC 1928 header go over a UDP socket of THIS host to the server's relay port, while the TCP
 * control connection is held open. Closing it closes both.
 */

import { concatBytes } from '../../io/bytes.js';
import type { Conn, Datagram, PacketConn } from '../../types.js';
import { decodeUdpDatagram, encodeUdpHeader, parseSocksAddr, socksAddrString } from './wire.js';

export class StandardUdpConn implements Conn, PacketConn {
  readonly datagram = true;

  constructor(
    private readonly socket: Conn,
    private readonly control: Conn,
    private readonly target: string | undefined,
    private readonly bufferSize: number,
  ) {}

  get localAddr(): string {
    return this.socket.localAddr;
  }

  get remoteAddr(): string {
    return this.target ?? this.socket.remoteAddr;
  }

  async readFrom(size: number): Promise<Datagram | null> {
    for (;;) {
      const packet = await this.socket.read(this.bufferSize);
      if (packet === null) return null;
      try {
        const d = decodeUdpDatagram(packet);
        const data = d.data.length > size ? d.data.slice(0, size) : d.data;
        return { data, addr: socksAddrString(d.addr) };
      } catch {
        // Malformed datagrams are dropped.
      }
    }
  }

  async read(max?: number): Promise<Uint8Array | null> {
    return (await this.readFrom(max ?? this.bufferSize))?.data ?? null;
  }

  writeTo(data: Uint8Array, addr: string): Promise<void> {
    return this.socket.write(concatBytes([encodeUdpHeader(0, 0, parseSocksAddr(addr)), data]));
  }

  write(data: Uint8Array): Promise<void> {
    return this.writeTo(data, this.target ?? '');
  }

  async closeWrite(): Promise<void> {}

  close(): void {
    this.socket.close();
    this.control.close();
  }
}
