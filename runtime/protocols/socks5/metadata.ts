/** Metadata of the socks5 handler and connector (x/handler/socks/v5/metadata.go, x/connector/socks/v5/metadata.go). */

import type { Metadata } from '../../metadata.js';
import { type MuxConfig, parseMuxConfig } from '../../mux/smux.js';

export interface Socks5HandlerSettings {
  /** `readTimeout` (default 15s): deadline for method negotiation and the request. */
  readTimeoutMs: number;
  /** `notls` (default false): never pick the TLS methods 0x80/0x82. */
  noTLS: boolean;
  /** `bind` (default false): allow BIND, MBIND (0xF2) and UDP-TUN bind mode. */
  enableBind: boolean;
  /** `udp` (default false): allow UDP ASSOCIATE and UDP-TUN relay mode. */
  enableUdp: boolean;
  /** `udpBufferSize` (default 4096, clamped to 512..65536): UDP datagram buffer. */
  udpBufferSize: number;
  /** `comp` (default false): gost v2 compatibility, MBIND streams start without a reply. */
  compatibilityMode: boolean;
  /** `hash`: "host" makes the hash strategy use the requested target. */
  hash: string;
  /** `publicAddr` / `socks.publicAddr`: host advertised in BIND/UDP replies instead of the local IP. */
  publicAddr: string;
  /** `mux.*`: smux settings of MBIND sessions. */
  mux: MuxConfig;
}

export function parseSocks5HandlerMetadata(md: Metadata): Socks5HandlerSettings {
  const readTimeoutMs = md.durationMs('readTimeout');
  const bs = md.int('udpBufferSize');
  return {
    readTimeoutMs: readTimeoutMs > 0 ? readTimeoutMs : 15_000,
    noTLS: md.bool('notls'),
    enableBind: md.bool('bind'),
    enableUdp: md.bool('udp'),
    udpBufferSize: bs > 0 ? Math.min(Math.max(bs, 512), 64 * 1024) : 4096,
    compatibilityMode: md.bool('comp'),
    hash: md.string('hash'),
    publicAddr: md.string('publicAddr', 'socks.publicAddr'),
    mux: parseMuxConfig(md),
  };
}

export interface Socks5ConnectorSettings {
  /** `notls` (default false): do not offer 0x80/0x82. */
  noTLS: boolean;
  /** `relay`: "udp" uses standard UDP ASSOCIATE instead of UDP-TUN (0xF3). */
  relay: string;
  /** `udpBufferSize` (default 4096): datagram buffer of the standard UDP relay. */
  udpBufferSize: number;
  /** `connectTimeout` (default none): deadline for negotiation and requests. */
  connectTimeoutMs: number;
}

export function parseSocks5ConnectorMetadata(md: Metadata): Socks5ConnectorSettings {
  const bs = md.int('udpBufferSize');
  return {
    noTLS: md.bool('notls'),
    relay: md.string('relay'),
    udpBufferSize: bs > 0 ? bs : 4096,
    connectTimeoutMs: md.durationMs('connectTimeout'),
  };
}
