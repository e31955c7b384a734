/** Metadata of the relay handler and connector (x/handler/relay/metadata.go, x/connector/relay/metadata.go). */

import type { Metadata } from '../../metadata.js';
import { type MuxConfig, parseMuxConfig } from '../../mux/smux.js';

export interface RelayHandlerSettings {
  /** `readTimeout` (default 15s): deadline for reading the request header. */
  readTimeoutMs: number;
  /** `bind` (default false): allow BIND (rtcp/rudp, UDP associations). */
  enableBind: boolean;
  /** `nodelay` (default false): send the CONNECT response at once instead of with the first reply bytes. */
  noDelay: boolean;
  /** `udpBufferSize` / `udp.bufferSize` (default 4096): datagram size limit of UDP relays. */
  udpBufferSize: number;
  /** `hash`: "host" makes the hash strategy use the requested target. */
  hash: string;
  /** `mux.*`: smux settings of the BIND session (must match the client's). */
  mux: MuxConfig;
}

export function parseRelayHandlerMetadata(md: Metadata): RelayHandlerSettings {
  const readTimeoutMs = md.durationMs('readTimeout');
  const udpBufferSize = md.int('udpBufferSize', 'udp.bufferSize');
  return {
    readTimeoutMs: readTimeoutMs > 0 ? readTimeoutMs : 15_000,
    enableBind: md.bool('bind'),
    noDelay: md.bool('nodelay'),
    udpBufferSize: udpBufferSize > 0 ? udpBufferSize : 4096,
    hash: md.string('hash'),
    mux: parseMuxConfig(md),
  };
}

export interface RelayConnectorSettings {
  /** `nodelay` (default false): send the request at once and wait for the response in Connect. */
  noDelay: boolean;
  /** `connectTimeout` (default none): deadline for the request/response exchange. */
  connectTimeoutMs: number;
  /** `mux.*`: smux settings of BIND sessions. */
  mux: MuxConfig;
}

export function parseRelayConnectorMetadata(md: Metadata): RelayConnectorSettings {
  return {
    noDelay: md.bool('nodelay'),
    connectTimeoutMs: md.durationMs('connectTimeout'),
    mux: parseMuxConfig(md),
  };
}
