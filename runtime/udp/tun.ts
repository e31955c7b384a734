/**
 * UDP over a stream, gost's UDP-TUN framing (x/internal/util/socks/conn.go, gosocks5 UDPDatagram),
 * shared by socks5 0xF3, relay UDP association/BIND and http `X-Gost-Protocol: udp`:
 *
 *   RSV(2) = payload length | FRAG(1) = 0xFF | ATYP | ADDR | PORT | DATA(RSV bytes)
 *
 * Client->server frames carry the destination, server->client frames the source. A reader treats
 * RSV = 0 as a standard SOCKS5 datagram whose data is "the rest of the packet" (one read).
 */

import { GostError } from '../errors.js';
import { concatBytes } from '../io/bytes.js';
import { BufferedReader } from '../io/reader.js';
import { encodeUdpHeader, parseSocksAddr, readSocksAddr, socksAddrString } from '../protocols/socks5/wire.js';
import type { Conn, Datagram, PacketConn } from '../types.js';

const standardDatagramRead = 4096;

export function encodeTunFrame(data: Uint8Array, addr: string): Uint8Array {
  return concatBytes([encodeUdpHeader(data.length, 0xff, parseSocksAddr(addr)), data]);
}

/** The next frame, or null when the stream ends cleanly between frames. */
export async function readTunFrame(reader: BufferedReader): Promise<Datagram | null> {
  if (await reader.atEnd()) return null;
  const head = await reader.readExact(3, 'udp-tun frame');
  const rsv = (head[0]! << 8) | head[1]!;
  const addr = socksAddrString(await readSocksAddr(reader, 'udp-tun frame'));
  const data =
    rsv === 0
      ? ((await reader.readSome(standardDatagramRead)) ?? new Uint8Array(0))
      : await reader.readExact(rsv, 'udp-tun frame');
  return { data: data.slice(), addr };
}

/**
 * Both ends of a UDP-TUN stream. As a Conn (client side of a UDP CONNECT) writes go to `target`; as a
 * PacketConn (associations, server side) every write names its peer.
 */
export class UdpTunConn implements Conn, PacketConn {
  readonly datagram = true;
  private readonly reader: BufferedReader;

  constructor(
    private readonly stream: Conn,
    private readonly target?: string,
  ) {
    this.reader = new BufferedReader(stream);
  }

  get localAddr(): string {
    return this.stream.localAddr;
  }

  get remoteAddr(): string {
    return this.target ?? this.stream.remoteAddr;
  }

  async readFrom(bufferSize: number): Promise<Datagram | null> {
    const frame = await this.readFrame();
    if (!frame) return null;
    return frame.data.length > bufferSize
      ? { data: frame.data.slice(0, bufferSize), addr: frame.addr }
      : frame;
  }

  async read(max?: number): Promise<Uint8Array | null> {
    const frame = await this.readFrame();
    if (!frame) return null;
    return max !== undefined && frame.data.length > max ? frame.data.slice(0, max) : frame.data;
  }

  writeTo(data: Uint8Array, addr: string): Promise<void> {
    return this.stream.write(encodeTunFrame(data, addr));
  }

  write(data: Uint8Array): Promise<void> {
    if (!this.target) throw new GostError('protocol', 'udp-tun: write without a target address');
    return this.writeTo(data, this.target);
  }

  closeWrite(): Promise<void> {
    return this.stream.closeWrite();
  }

  close(): void {
    this.stream.close();
  }

  private async readFrame(): Promise<Datagram | null> {
    try {
      return await readTunFrame(this.reader);
    } catch (error) {
      if (error instanceof GostError && error.kind === 'eof') return null;
      throw error;
    }
  }
}

/**
 * gost's udp.Relay: datagrams from the tunnel go out of `socket` to the address each frame names;
 * datagrams arriving on `socket` go back into the tunnel tagged with their source. Each direction
 * reads into a `bufferSize` buffer (truncating longer datagrams). Ends when either side ends.
 */
export async function relayDatagrams(
  tunnel: PacketConn,
  socket: PacketConn,
  bufferSize: number,
  allow: (addr: string) => boolean = () => true,
): Promise<void> {
  const pump = async (from: PacketConn, to: PacketConn, outbound: boolean): Promise<void> => {
    try {
      for (;;) {
        const d = await from.readFrom(bufferSize);
        if (d === null) return;
        if (outbound && !allow(d.addr)) continue;
        try {
          await to.writeTo(d.data, d.addr);
        } catch (error) {
          if (!outbound) throw error;
        }
      }
    } catch {
      // Either side failing ends the relay, as in gost.
    }
  };
  await Promise.race([pump(tunnel, socket, true), pump(socket, tunnel, false)]);
  tunnel.close();
  socket.close();
}
