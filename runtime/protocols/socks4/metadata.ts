/** Metadata of the socks4 handler and connector (x/handler/socks/v4, x/connector/socks/v4). */

import type { Metadata } from '../../metadata.js';

export interface Socks4HandlerSettings {
  /** `readTimeout` (default 15s): deadline for reading the request. */
  readTimeoutMs: number;
}

export function parseSocks4HandlerMetadata(md: Metadata): Socks4HandlerSettings {
  const ms = md.durationMs('readTimeout');
  return { readTimeoutMs: ms > 0 ? ms : 15_000 };
}

export interface Socks4ConnectorSettings {
  /** `disable4a` (default false): send IPv4 addresses (resolved here) instead of SOCKS4a host names. */
  disable4a: boolean;
  /** `connectTimeout` (default none). */
  connectTimeoutMs: number;
}

export function parseSocks4ConnectorMetadata(md: Metadata): Socks4ConnectorSettings {
  return { disable4a: md.bool('disable4a'), connectTimeoutMs: md.durationMs('connectTimeout') };
}
