/** Metadata of the http handler and connector (x/handler/http/metadata.go, x/connector/http/metadata.go). */

import type { Metadata } from '../../metadata.js';

export interface HttpHandlerSettings {
  /** `udp` (default false): accept `X-Gost-Protocol: udp` tunnels (else 403 Forbidden). */
  enableUdp: boolean;
  /** `authBasicRealm` (default "gost"): realm of the 407 challenge. */
  realm: string;
  /** `http.proxyAgent` / `proxyAgent` (default "gost/3.0"): Proxy-Agent header of responses. */
  proxyAgent: string;
  /** `http.header` / `header`: extra response headers. */
  header: Record<string, string>;
  /** `hash`: "host" makes the hash strategy use the requested target. */
  hash: string;
  /** `udpBufferSize` (default 4096): datagram size limit of the UDP relay. */
  udpBufferSize: number;
}

function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

export function parseHttpHandlerMetadata(md: Metadata): HttpHandlerSettings {
  const udpBufferSize = md.int('udpBufferSize');
  return {
    enableUdp: md.bool('udp'),
    realm: md.string('authBasicRealm') || 'gost',
    proxyAgent: md.string('http.proxyAgent', 'proxyAgent') || 'gost/3.0',
    header: stringMap(md.get('http.header', 'header')),
    hash: md.string('hash'),
    udpBufferSize: udpBufferSize > 0 ? udpBufferSize : 4096,
  };
}

export interface HttpConnectorSettings {
  /** `header`: extra request headers of the CONNECT. */
  header: Record<string, string>;
  /** `connectTimeout` (default none): deadline for the CONNECT exchange. */
  connectTimeoutMs: number;
}

export function parseHttpConnectorMetadata(md: Metadata): HttpConnectorSettings {
  return { header: stringMap(md.get('header')), connectTimeoutMs: md.durationMs('connectTimeout') };
}
