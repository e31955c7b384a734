/** Metadata of the tcp/udp/forward and rtcp/rudp handlers (x/handler/forward/{local,remote}/metadata.go). */

import type { Metadata } from '../../metadata.js';

export interface ForwardHandlerSettings {
  /** `idleTimeout` (default 0 = none): the pipe ends after this long without a read. */
  idleTimeoutMs: number;
}

export function parseForwardHandlerMetadata(md: Metadata): ForwardHandlerSettings {
  return { idleTimeoutMs: Math.max(0, md.durationMs('idleTimeout')) };
}
