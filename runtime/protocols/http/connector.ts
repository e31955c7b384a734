/**
 * The http connector (x/connector/http/connector.go): `CONNECT host:port HTTP/1.1` with
 * `Proxy-Connection: keep-alive`, Basic `Proxy-Authorization` when configured and
 * `X-Gost-Protocol: udp` for UDP (then UDP-TUN frames). Any status but 200 fails with the status
 * line text, e.g. "407 Proxy Authentication Required". It cannot bind.
 */

import { GostError } from '../../errors.js';
import { withDeadline } from '../../io/deadline.js';
import { BufferedReader } from '../../io/reader.js';
import type { Connector, ConnectorModule, ConnectorOptions } from '../../protocol.js';
import type { Conn } from '../../types.js';
import { UdpTunConn } from '../../udp/tun.js';
import { type HttpConnectorSettings, parseHttpConnectorMetadata } from './metadata.js';
import { encodeRequestHead, Headers, readResponseHead } from './wire.js';

class HttpConnector implements Connector {
  private readonly settings: HttpConnectorSettings;

  constructor(private readonly options: ConnectorOptions) {
    this.settings = parseHttpConnectorMetadata(options.metadata);
  }

  async connect(conn: Conn, network: 'tcp' | 'udp', address: string): Promise<Conn> {
    const headers = new Headers();
    for (const [k, v] of Object.entries(this.settings.header)) headers.add(k, v);
    headers.set('Proxy-Connection', 'keep-alive');
    const auth = this.options.auth;
    if (auth) {
      const token = Buffer.from(`${auth.username}:${auth.password ?? ''}`, 'latin1').toString('base64');
      headers.set('Proxy-Authorization', `Basic ${token}`);
    }
    if (network === 'udp') headers.set('X-Gost-Protocol', 'udp');

    const reader = new BufferedReader(conn);
    const exchange = async () => {
      await conn.write(encodeRequestHead('CONNECT', address, address, headers));
      return readResponseHead(reader);
    };
    const resp = await withDeadline(
      this.options.env.clock,
      this.settings.connectTimeoutMs,
      exchange(),
      'http connect',
    );
    if (resp.statusCode !== 200) throw new GostError('http-status', resp.status, { status: resp.statusCode });
    const stream = reader.toConn();
    return network === 'udp' ? new UdpTunConn(stream, address || undefined) : stream;
  }
}

export const httpConnector: ConnectorModule = {
  types: ['http'],
  create: (options) => new HttpConnector(options),
};
