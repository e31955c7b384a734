/**
 * The socks4/socks4a connector (x/connector/socks/v4/connector.go): TCP only ("network udp is
 * unsupported"); SOCKS4a host names unless `disable4a`; the user id is the auth username; every
 * refusal is "host unreachable". It cannot bind.
 */

import { isIPv4, splitHostPort } from '../../addr.js';
import { GostError } from '../../errors.js';
import { withDeadline } from '../../io/deadline.js';
import { BufferedReader } from '../../io/reader.js';
import type { Connector, ConnectorModule, ConnectorOptions } from '../../protocol.js';
import type { Conn } from '../../types.js';
import { parseSocks4ConnectorMetadata, type Socks4ConnectorSettings } from './metadata.js';
import { Code, Command, encodeRequest, readReply } from './wire.js';

class Socks4Connector implements Connector {
  private readonly settings: Socks4ConnectorSettings;

  constructor(private readonly options: ConnectorOptions) {
    this.settings = parseSocks4ConnectorMetadata(options.metadata);
  }

  async connect(conn: Conn, network: 'tcp' | 'udp', address: string): Promise<Conn> {
    if (network !== 'tcp') throw new GostError('network-unsupported', `network ${network} is unsupported`);
    const { host, port } = splitHostPort(address);
    let target = host;
    if (this.settings.disable4a) {
      if (host !== '' && !isIPv4(host))
        throw new GostError('protocol', `resolve: address ${host}: not an IPv4 address`);
      target = host === '' ? '0.0.0.0' : host;
    }
    const request = encodeRequest({
      command: Command.connect,
      host: target,
      port: Number(port) || 0,
      domain: !this.settings.disable4a,
      userId: this.options.auth?.username ?? '',
    });
    const reader = new BufferedReader(conn);
    const code = await withDeadline(
      this.options.env.clock,
      this.settings.connectTimeoutMs,
      conn.write(request).then(() => readReply(reader)),
      'socks4 connect',
    );
    if (code !== Code.granted) throw new GostError('socks-reply', 'host unreachable', { status: code });
    return reader.toConn();
  }
}

export const socks4Connector: ConnectorModule = {
  types: ['socks4', 'socks4a'],
  create: (options) => new Socks4Connector(options),
};
