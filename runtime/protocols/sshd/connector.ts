/**
 * The sshd connector (x/connector/sshd): needs the sshd dialer's session ("ssh: invalid connection"
 * otherwise). Connect opens a direct-tcpip channel; Bind sends tcpip-forward (an empty host becomes
 * 0.0.0.0) and receives forwarded-tcpip channels. UDP is impossible: "ssh: unsupported protocol".
 */

import { hostOf, joinHostPort, portOf } from '../../addr.js';
import { GostError } from '../../errors.js';
import { withAddrs } from '../../io/conn-view.js';
import { BufferedReader } from '../../io/reader.js';
import type { AcceptedConn, BindListener, Connector, ConnectorModule } from '../../protocol.js';
import type { Conn } from '../../types.js';
import { type ForwardQueue, line, readAnswer, SshClientConn } from './channel.js';

function session(conn: Conn): SshClientConn {
  if (!(conn instanceof SshClientConn)) throw new GostError('protocol', 'ssh: invalid connection');
  return conn;
}

class SshdConnector implements Connector {
  async connect(conn: Conn, network: 'tcp' | 'udp', address: string): Promise<Conn> {
    const client = session(conn);
    if (network !== 'tcp') throw new GostError('network-unsupported', 'ssh: unsupported protocol');
    const stream = await client.session.open();
    await stream.write(line('direct-tcpip', address));
    const reader = new BufferedReader(stream);
    try {
      await readAnswer(reader, 'ssh direct-tcpip');
    } catch (error) {
      stream.close();
      throw error;
    }
    return reader.toConn();
  }

  async bind(conn: Conn, network: 'tcp' | 'udp', address: string): Promise<BindListener> {
    const client = session(conn);
    if (network !== 'tcp') throw new GostError('network-unsupported', 'ssh: unsupported protocol');
    const target = hostOf(address) === '' ? joinHostPort('0.0.0.0', portOf(address)) : address;
    const request = await client.session.open();
    await request.write(line('tcpip-forward', target));
    const bound = await readAnswer(new BufferedReader(request), 'ssh tcpip-forward').catch(
      (error: unknown) => {
        request.close();
        throw error;
      },
    );
    return new SshForwardListener(bound, client.forwarded(bound), request);
  }
}

class SshForwardListener implements BindListener {
  constructor(
    readonly addr: string,
    private readonly queue: ForwardQueue,
    private readonly request: Conn,
  ) {}

  async accept(): Promise<AcceptedConn> {
    const { conn, peer } = await this.queue.next();
    return { conn: withAddrs(conn, this.addr, peer) };
  }

  close(): void {
    this.request.close();
  }
}

export const sshdConnector: ConnectorModule = {
  types: ['sshd'],
  create: () => new SshdConnector(),
};
