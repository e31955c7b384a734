/** Metadata of the rudp listener (x/listener/rudp/metadata.go); rtcp has none that matter here. */

import type { Metadata } from '../../metadata.js';

export interface RudpListenerSettings {
  /** `ttl` (default 5s): idle sweep period of the per-peer sessions. */
  ttlMs: number;
  /** `readBufferSize` (default 8192): datagram size limit. */
  readBufferSize: number;
  /** `readQueueSize` (default 1024): queued datagrams per peer. */
  readQueueSize: number;
  /** `backlog` (default 128): peers waiting to be accepted. */
  backlog: number;
}

export function parseRudpListenerMetadata(md: Metadata): RudpListenerSettings {
  const positive = (v: number, d: number) => (v > 0 ? v : d);
  return {
    ttlMs: positive(md.durationMs('ttl'), 5000),
    readBufferSize: positive(md.int('readBufferSize'), 8192),
    readQueueSize: positive(md.int('readQueueSize'), 1024),
    backlog: positive(md.int('backlog'), 128),
  };
}
