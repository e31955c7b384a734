/**
 * Every socket bound in a `topo up` session, in two coordinates: the topology's (host, address as
 * the config wrote it, port) and the machine's (the host's loopback address, real port). A dial is
 * answered only by a binding that covers the address dialled, exactly as in the simulator — a
 * service on `127.0.0.1:p` answers its own host only, one on `10.0.0.1:p` only that address — and
 * never by whatever else happens to listen on this machine.
 */

import { bindingAddr, covers } from '../../sim/fabric.js';

export interface Binding {
  host: string;
  network: 'tcp' | 'udp';
  /** The topology address: '' = every address, '0.0.0.0' = every IPv4 address, else one address. */
  ip: string;
  /** The topology port. */
  port: number;
  /** The port on this machine (the topology port plus the session's offset, or the one the OS chose). */
  realPort: number;
  /** Who listens: `gost`, `app:<name>`, `client`. */
  label: string;
}

function overlaps(a: Pick<Binding, 'ip' | 'port'>, b: Pick<Binding, 'ip' | 'port'>): boolean {
  if (a.port !== b.port) return false;
  if (a.ip === '' || b.ip === '') return true;
  if (a.ip === '0.0.0.0') return !b.ip.includes(':');
  if (b.ip === '0.0.0.0') return !a.ip.includes(':');
  return a.ip === b.ip;
}

export function topologyAddr(binding: Pick<Binding, 'ip' | 'port'>): string {
  return bindingAddr(binding);
}

export class BindingRegistry<Socket = unknown> {
  private readonly entries = new Map<Binding, Socket | undefined>();

  /** The binding of `host` this one collides with in the topology (gost's "address already in use"). */
  conflict(host: string, network: 'tcp' | 'udp', ip: string, port: number): Binding | undefined {
    if (port === 0) return undefined;
    for (const b of this.entries.keys()) {
      if (b.host === host && b.network === network && overlaps(b, { ip, port })) return b;
    }
    return undefined;
  }

  /** A binding of `host` on the same real port (one loopback address stands for all of a host's addresses). */
  sameRealPort(host: string, network: 'tcp' | 'udp', realPort: number): Binding | undefined {
    for (const b of this.entries.keys()) {
      if (b.host === host && b.network === network && b.realPort === realPort) return b;
    }
    return undefined;
  }

  add(binding: Binding, socket?: Socket): void {
    this.entries.set(binding, socket);
  }

  remove(binding: Binding): void {
    this.entries.delete(binding);
  }

  /** The binding that answers a dial of `host` at `ip:port` (ip as the dialler resolved it). */
  find(host: string, network: 'tcp' | 'udp', ip: string, port: number): Binding | undefined {
    if (port === 0) return undefined;
    for (const b of this.entries.keys()) {
      if (b.host === host && b.network === network && b.port === port && covers(b, ip)) return b;
    }
    return undefined;
  }

  socketOf(binding: Binding): Socket | undefined {
    return this.entries.get(binding);
  }

  ofHost(host: string): Binding[] {
    return [...this.entries.keys()].filter((b) => b.host === host);
  }

  all(): Binding[] {
    return [...this.entries.keys()];
  }
}
