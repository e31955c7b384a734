/**
 * The `forward` and `tcp` connectors (x/connector/forward, x/connector/tcp): a pass-through. The
 * requested address is discarded; whatever the client sends goes to the server as is, and the
 * server's forwarder decides the target. UDP datagrams written to it become a byte stream.
 */

import type { Connector, ConnectorModule } from '../../protocol.js';
import type { Conn } from '../../types.js';

class ForwardConnector implements Connector {
  async connect(conn: Conn): Promise<Conn> {
    return conn;
  }
}

export const forwardConnector: ConnectorModule = {
  types: ['forward', 'tcp'],
  create: () => new ForwardConnector(),
};
