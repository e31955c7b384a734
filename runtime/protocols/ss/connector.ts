/**
 * The ss connector (x/connector/ss): auth is mandatory (method and password); TCP only ("network
 * udp is unsupported"); the target address rides in the first encrypted chunk, written with the
 * first payload (or before the first read). It cannot bind.
 */

import { GostError } from '../../errors.js';
import type { Connector, ConnectorModule, ConnectorOptions } from '../../protocol.js';
import type { Conn } from '../../types.js';
import { encodeSocksAddr, parseSocksAddr } from '../socks5/wire.js';
import { type CipherSpec, masterKey, pickCipher, ShadowConn } from './wire.js';

class SsConnector implements Connector {
  private readonly spec: CipherSpec;
  private readonly key: Uint8Array;

  constructor(private readonly options: ConnectorOptions) {
    const auth = options.auth;
    if (!auth) throw new GostError('config', 'ss: auth is required');
    this.spec = pickCipher(auth.username);
    this.key = masterKey(auth.password ?? '', this.spec.keySize);
  }

  async connect(conn: Conn, network: 'tcp' | 'udp', address: string): Promise<Conn> {
    if (network !== 'tcp') throw new GostError('network-unsupported', `network ${network} is unsupported`);
    const target = encodeSocksAddr(parseSocksAddr(address));
    return new ShadowConn(conn, this.spec, this.key, this.options.env.rng, target);
  }
}

export const ssConnector: ConnectorModule = {
  types: ['ss'],
  create: (options) => new SsConnector(options),
};
