/**
 * The runtime's `Network` for one simulated host. Every gost instance, app and client on the host
 * gets one; the `label` says who listens through it (`gost`, `app:<name>`, `client`), so a trace can
 * tell what answered a connection.
 */

import { GostError } from '../runtime/errors.js';
import type { Conn, Listener, Network, PacketConn } from '../runtime/types.js';
import { SimUdpConn } from './datagram.js';
import type { Fabric } from './fabric.js';

export class SimHostNetwork implements Network {
  constructor(
    private readonly fabric: Fabric,
    readonly host: string,
    readonly label: string,
  ) {}

  listen(network: 'tcp', address: string): Promise<Listener>;
  listen(network: 'udp', address: string): Promise<PacketConn>;
  async listen(network: 'tcp' | 'udp', address: string): Promise<Listener | PacketConn> {
    this.checkUp(`listen ${network} ${address}`);
    if (network === 'tcp') return this.fabric.listenTcp(this.host, address, this.label);
    return this.fabric.listenUdp(this.host, address);
  }

  async dial(network: 'tcp' | 'udp', address: string): Promise<Conn> {
    if (network === 'tcp') return this.fabric.dialTcp(this.host, address);
    const { socket, local, remote } = this.fabric.dialUdp(this.host, address);
    return new SimUdpConn(socket, local, remote);
  }

  private checkUp(what: string): void {
    if (this.fabric.isDown(this.host))
      throw new GostError('address-unavailable', `${what}: ${this.host} is down`);
  }
}
