/**
 * The relay connector (x/connector/relay/connector.go, bind.go, listener.go).
 *
 * CONNECT features: [Network (udp only)] [UserAuth] [Addr (non-empty target)]. TCP with `nodelay`
 * off holds the header back for the first payload; UDP always reads the response lazily, even with
 * `nodelay` on (so nodelay + UDP reads a second response and fails, as gost does). An empty UDP
 * target is a UDP association: BIND|FUDP, then UDP-TUN frames.
 *
 * BIND: [UserAuth] [Network] [Addr]; a non-OK status is "bind on <addr>/<network> failed". TCP binds
 * turn the conn into an smux session where the SERVER opens streams; each stream starts with a
 * response carrying the peer address (a second Addr is a target host).
 */

import { withAddrs } from '../../io/conn-view.js';
import { withDeadline } from '../../io/deadline.js';
import { BufferedReader } from '../../io/reader.js';
import { GostError } from '../../errors.js';
import { MuxSession } from '../../mux/smux.js';
import type {
  AcceptedConn,
  BindListener,
  BindOptions,
  Connector,
  ConnectorModule,
  ConnectorOptions,
} from '../../protocol.js';
import type { Conn } from '../../types.js';
import { UdpSessionListener } from '../../udp/session-listener.js';
import { UdpTunConn } from '../../udp/tun.js';
import { parseRelayConnectorMetadata, type RelayConnectorSettings } from './metadata.js';
import { RelayDatagramConn, RelayStreamConn, readResponse } from './conn.js';
import {
  addrFeature,
  Cmd,
  encodeMessage,
  type Feature,
  featureAddress,
  NetworkId,
  readMessage,
  Status,
  version1,
} from './wire.js';

class RelayConnector implements Connector {
  private readonly settings: RelayConnectorSettings;

  constructor(private readonly options: ConnectorOptions) {
    this.settings = parseRelayConnectorMetadata(options.metadata);
  }

  private authFeature(): Feature[] {
    const auth = this.options.auth;
    return auth ? [{ type: 'userAuth', username: auth.username, password: auth.password ?? '' }] : [];
  }

  async connect(conn: Conn, network: 'tcp' | 'udp', address: string): Promise<Conn> {
    if (network === 'udp' && address === '') {
      await this.bindRequest(conn, Cmd.bind | Cmd.udpFlag, 'udp', address);
      return new UdpTunConn(conn);
    }
    const features: Feature[] = [];
    if (network === 'udp') features.push({ type: 'network', network: NetworkId.udp });
    features.push(...this.authFeature());
    if (address !== '') features.push(addrFeature(address));
    const cmd = network === 'udp' ? Cmd.connect | Cmd.udpFlag : Cmd.connect;
    const request = encodeMessage({ version: version1, code: cmd, features });

    if (this.settings.noDelay) {
      const reader = new BufferedReader(conn);
      await conn.write(request);
      await this.limited(readResponse(reader));
      return network === 'udp'
        ? new RelayDatagramConn(conn, { expectResponse: true, reader })
        : new RelayStreamConn(conn, { expectResponse: false, reader });
    }
    return network === 'udp'
      ? new RelayDatagramConn(conn, { pendingHeader: request, expectResponse: true })
      : new RelayStreamConn(conn, { pendingHeader: request, expectResponse: true });
  }

  async bind(
    conn: Conn,
    network: 'tcp' | 'udp',
    address: string,
    options: BindOptions,
  ): Promise<BindListener> {
    const cmd = network === 'udp' ? Cmd.bind | Cmd.udpFlag : Cmd.bind;
    const { bound, reader } = await this.bindRequest(conn, cmd, network, address);
    if (network === 'tcp') {
      const session = MuxSession.server(reader.toConn(), this.settings.mux, this.options.env.clock);
      return new RelayMuxListener(bound, session);
    }
    return new UdpSessionListener(new UdpTunConn(reader.toConn()), this.options.env.clock, {
      addr: bound,
      backlog: options.backlog ?? 128,
      readQueueSize: options.udpReadQueueSize ?? 1024,
      readBufferSize: options.udpReadBufferSize ?? 8192,
      ttlMs: options.udpTtlMs ?? 5000,
      keepalive: true,
    });
  }

  private async bindRequest(
    conn: Conn,
    cmd: number,
    network: 'tcp' | 'udp',
    address: string,
  ): Promise<{ bound: string; reader: BufferedReader }> {
    const features: Feature[] = [
      ...this.authFeature(),
      { type: 'network', network: network === 'udp' ? NetworkId.udp : NetworkId.tcp },
      addrFeature(address),
    ];
    const reader = new BufferedReader(conn);
    await conn.write(encodeMessage({ version: version1, code: cmd, features }));
    const resp = await this.limited(readMessage(reader, 'relay response'));
    if (resp.code !== Status.ok) {
      throw new GostError('relay-status', `bind on ${address}/${network} failed`, { status: resp.code });
    }
    const addr = resp.features.find((f) => f.type === 'addr');
    return { bound: addr ? featureAddress(addr) : '', reader };
  }

  private limited<T>(operation: Promise<T>): Promise<T> {
    return withDeadline(this.options.env.clock, this.settings.connectTimeoutMs, operation, 'relay connect');
  }
}

/** Inbound connections of a relay TCP bind, one smux stream each. */
class RelayMuxListener implements BindListener {
  constructor(
    readonly addr: string,
    private readonly session: MuxSession,
  ) {}

  async accept(): Promise<AcceptedConn> {
    const stream = await this.session.accept();
    const reader = new BufferedReader(stream);
    try {
      const resp = await readMessage(reader, 'relay peer');
      if (resp.code !== Status.ok)
        throw new GostError('relay-status', 'peer connect failed', { status: resp.code });
      const addrs = resp.features.filter((f) => f.type === 'addr').map(featureAddress);
      const conn = withAddrs(reader.toConn(), this.addr, addrs[0] ?? stream.remoteAddr);
      return { conn, ...(addrs[1] ? { metadata: { host: addrs[1] } } : {}) };
    } catch (error) {
      stream.close();
      throw new GostError('protocol', `get peer failed: ${(error as Error).message}`);
    }
  }

  close(): void {
    this.session.close();
  }
}

export const relayConnector: ConnectorModule = {
  types: ['relay'],
  create: (options) => new RelayConnector(options),
};
