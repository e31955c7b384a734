/**
 * The rtcp/rudp handlers (x/handler/forward/remote): connections arriving on the remote port (or the
 * local one when the listener has no chain) are forwarded to the tunnel's `host` target or the
 * forwarder; without either every connection fails "node not available".
 */

import type { HandlerModule } from '../../protocol.js';
import { ForwardHandler } from '../forward/handler.js';

export const remoteForwardHandler: HandlerModule = {
  types: ['rtcp', 'rudp'],
  acceptsForwarder: true,
  create: (options) => new ForwardHandler(options, true),
};
