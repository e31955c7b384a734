/**
 * A real-socket Network on loopback for `topo up`: each host gets one 127.0.0.x address. Listening on
 * a wildcard (`:p`, `0.0.0.0:p`, `[::]:p`) binds that address; dialing resolves topology names through
 * the given table (or `localhost`) and refuses anything that is not a loopback address, so a
 * deployment under test can never reach the outside world. `reachable` lets the caller enforce the
 * topology's reachability rules at dial time ("no route to host").
 */

import { createSocket } from 'node:dgram';
import { connect, createServer, type Socket } from 'node:net';
import { joinHostPort, parseIP, splitHostPort } from '../addr.js';
import { GostError } from '../errors.js';
import type { Conn, Listener, Network, PacketConn } from '../types.js';
import { DgramConn, DgramPacketConn, fromNodeError, ServerListener, SocketConn } from './socket-conn.js';

export interface LoopbackNetworkOptions {
  /** This host's loopback address, e.g. 127.0.0.2. */
  address: string;
  /** Host names other hosts' configs may use, to loopback addresses. */
  names?: ReadonlyMap<string, string>;
  /** Whether this host may reach `address` (defaults to always). */
  reachable?: (address: string) => boolean;
}

function isLoopback(ip: string): boolean {
  const bytes = parseIP(ip);
  if (!bytes) return false;
  return bytes.length === 4 ? bytes[0] === 127 : bytes.every((b, i) => (i === 15 ? b === 1 : b === 0));
}

export class LoopbackNetwork implements Network {
  constructor(private readonly options: LoopbackNetworkOptions) {
    if (!isLoopback(options.address))
      throw new GostError('config', `not a loopback address: ${options.address}`);
  }

  private resolve(network: string, host: string): string {
    if (host === '' || host === 'localhost') return this.options.address;
    const ip = parseIP(host) ? host : this.options.names?.get(host);
    if (!ip) throw new GostError('name-not-resolved', `dial ${network}: lookup ${host}: no such host`);
    if (!isLoopback(ip))
      throw new GostError('unreachable', `dial ${network} ${host}: only loopback addresses are allowed`);
    if (this.options.reachable && !this.options.reachable(ip)) {
      throw new GostError('unreachable', `dial ${network} ${host}: connect: no route to host`);
    }
    return ip;
  }

  private bindHost(network: string, address: string): { host: string; port: number } {
    const { host, port } = splitHostPort(address);
    const wildcard = host === '' || host === '0.0.0.0' || host === '::';
    const ip = wildcard ? this.options.address : host;
    if (!isLoopback(ip)) {
      throw new GostError(
        'address-unavailable',
        `listen ${network} ${address}: bind: cannot assign requested address`,
      );
    }
    return { host: ip, port: port === '' ? 0 : Number(port) };
  }

  listen(network: 'tcp', address: string): Promise<Listener>;
  listen(network: 'udp', address: string): Promise<PacketConn>;
  listen(network: 'tcp' | 'udp', address: string): Promise<Listener | PacketConn> {
    const { host, port } = this.bindHost(network, address);
    if (network === 'udp') {
      return new Promise((resolve, reject) => {
        const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
        socket.once('error', (error) => reject(fromNodeError(error, `listen udp ${address}`)));
        socket.bind(port, host, () => resolve(new DgramPacketConn(socket, (h) => this.resolve('udp', h))));
      });
    }
    return new Promise((resolve, reject) => {
      const server = createServer({ allowHalfOpen: true });
      server.once('error', (error) => reject(fromNodeError(error, `listen tcp ${address}`)));
      server.listen(port, host, () => {
        const a = server.address();
        const bound = typeof a === 'object' && a ? joinHostPort(a.address, a.port) : address;
        resolve(new ServerListener(server, bound));
      });
    });
  }

  async dial(network: 'tcp' | 'udp', address: string): Promise<Conn> {
    const { host, port } = splitHostPort(address);
    const ip = this.resolve(network, host);
    if (network === 'udp') {
      const socket = await this.listen('udp', joinHostPort(this.options.address, 0));
      return new DgramConn(socket as DgramPacketConn, joinHostPort(ip, port));
    }
    return new Promise((resolve, reject) => {
      const socket: Socket = connect({
        host: ip,
        port: Number(port),
        localAddress: this.options.address,
        allowHalfOpen: true,
      });
      socket.once('error', (error) => reject(fromNodeError(error, `dial tcp ${joinHostPort(ip, port)}`)));
      socket.once('connect', () => resolve(new SocketConn(socket)));
    });
  }
}
