/**
 * An in-memory network of hosts for tests. Each host has addresses (plus loopback, private to it)
 * and TCP/UDP port spaces with the bind rules the runtime relies on: `:p` and `[::]:p` listen on
 * every address, `0.0.0.0:p` on every IPv4 one, overlapping binds fail "address already in use".
 * Dials fail "connection refused" without a listener, "no route to host" for addresses nobody owns
 * or across a blocked link, and "no such host" for unknown names. Delivery is immediate (promise
 * continuations only); latency, NAT and faults belong to the simulator's own network.
 */

import { formatIP, joinHostPort, parseIP, splitHostPort } from '../addr.js';
import { GostError } from '../errors.js';
import { createPipe } from '../io/pipe.js';
import type { Conn, Datagram, Listener, Network, PacketConn } from '../types.js';
import { type Binding, ConnectedUdp, MemoryListener, MemoryPacketConn } from './memory-sockets.js';

type Family = 4 | 6;

function familyOf(ip: string): Family {
  return parseIP(ip)?.length === 4 ? 4 : 6;
}

function isLoopback(ip: string): boolean {
  return ip === '127.0.0.1' || ip === '::1' || ip.startsWith('127.');
}

function covers(binding: Binding, ip: string): boolean {
  if (binding.ip === '') return true;
  if (binding.ip === '0.0.0.0') return familyOf(ip) === 4;
  return binding.ip === ip;
}

function overlaps(a: Binding, b: Binding): boolean {
  if (a.port !== b.port) return false;
  if (a.ip === '' || b.ip === '') return true;
  if (a.ip === '0.0.0.0') return familyOf(b.ip) === 4;
  if (b.ip === '0.0.0.0') return familyOf(a.ip) === 4;
  return a.ip === b.ip;
}

function bindingAddr(binding: Binding): string {
  if (binding.ip === '') return `[::]:${binding.port}`;
  return joinHostPort(binding.ip, binding.port);
}

export class MemoryWorld {
  private readonly hosts = new Map<string, MemoryHost>();
  private readonly names = new Map<string, string>();
  private readonly blocked = new Set<string>();

  addHost(name: string, addresses: readonly string[]): MemoryHost {
    const normalized = addresses.map((a) => {
      const ip = parseIP(a);
      if (!ip) throw new Error(`not an IP address: ${a}`);
      return formatIP(ip);
    });
    const host = new MemoryHost(this, name, normalized);
    this.hosts.set(name, host);
    return host;
  }

  host(name: string): MemoryHost {
    const h = this.hosts.get(name);
    if (!h) throw new Error(`no host ${name}`);
    return h;
  }

  /** A DNS name every host resolves to `ip`. */
  addName(name: string, ip: string): void {
    this.names.set(name, ip);
  }

  /** Cuts (or restores) reachability between two hosts, both directions. */
  setBlocked(a: string, b: string, blocked: boolean): void {
    for (const key of [`${a}|${b}`, `${b}|${a}`]) {
      if (blocked) this.blocked.add(key);
      else this.blocked.delete(key);
    }
  }

  resolve(name: string): string | undefined {
    if (name === 'localhost') return '127.0.0.1';
    const ip = parseIP(name);
    if (ip) return formatIP(ip);
    return this.names.get(name);
  }

  /** The host that receives traffic for `ip` sent by `from`. */
  route(from: MemoryHost, ip: string): MemoryHost | undefined {
    if (isLoopback(ip) || from.owns(ip)) return from;
    for (const h of this.hosts.values()) {
      if (h.owns(ip)) return this.blocked.has(`${from.name}|${h.name}`) ? undefined : h;
    }
    return undefined;
  }
}

export class MemoryHost {
  readonly network: Network;
  private readonly tcp: { binding: Binding; listener: MemoryListener }[] = [];
  private readonly udp: { binding: Binding; socket: MemoryPacketConn }[] = [];
  /** Stream ends open on this host, so a crash can reset them. */
  readonly conns = new Set<Conn>();
  private nextPort = 40_000;

  constructor(
    private readonly world: MemoryWorld,
    readonly name: string,
    readonly addresses: readonly string[],
  ) {
    const listen = (network: 'tcp' | 'udp', address: string) =>
      network === 'tcp' ? this.listenTcp(address) : this.listenUdp(address);
    this.network = {
      listen: listen as Network['listen'],
      dial: (network, address) => (network === 'tcp' ? this.dialTcp(address) : this.dialUdp(address)),
    };
  }

  owns(ip: string): boolean {
    return this.addresses.includes(ip);
  }

  /** The source address this host uses towards `ip`. */
  sourceFor(ip: string): string | undefined {
    if (isLoopback(ip)) return familyOf(ip) === 4 ? '127.0.0.1' : '::1';
    if (this.owns(ip)) return ip;
    return this.addresses.find((a) => familyOf(a) === familyOf(ip));
  }

  private parseBind(network: string, address: string): Binding {
    const { host, port } = splitHostPort(address);
    const portNumber = port === '' ? 0 : Number(port);
    if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) {
      throw new GostError('config', `listen ${network} ${address}: invalid port`);
    }
    let ip = host;
    if (host === '::') ip = '';
    else if (host !== '' && host !== '0.0.0.0') {
      const resolved = this.world.resolve(host);
      if (!resolved || !(this.owns(resolved) || isLoopback(resolved))) {
        throw new GostError(
          'address-unavailable',
          `listen ${network} ${address}: bind: cannot assign requested address`,
        );
      }
      ip = resolved;
    }
    return { ip, port: portNumber };
  }

  private allocate(taken: readonly { binding: Binding }[], binding: Binding): Binding {
    if (binding.port !== 0) return binding;
    for (;;) {
      const candidate = { ip: binding.ip, port: this.nextPort++ };
      if (!taken.some((t) => overlaps(t.binding, candidate))) return candidate;
    }
  }

  private async listenTcp(address: string): Promise<Listener> {
    const binding = this.allocate(this.tcp, this.parseBind('tcp', address));
    if (this.tcp.some((t) => overlaps(t.binding, binding))) {
      throw new GostError('address-in-use', `listen tcp ${address}: bind: address already in use`);
    }
    const listener = new MemoryListener(bindingAddr(binding), () => {
      const i = this.tcp.findIndex((t) => t.listener === listener);
      if (i >= 0) this.tcp.splice(i, 1);
    });
    this.tcp.push({ binding, listener });
    return listener;
  }

  private async listenUdp(address: string): Promise<PacketConn> {
    const binding = this.allocate(this.udp, this.parseBind('udp', address));
    if (this.udp.some((u) => overlaps(u.binding, binding))) {
      throw new GostError('address-in-use', `listen udp ${address}: bind: address already in use`);
    }
    const socket = new MemoryPacketConn(this, binding, bindingAddr(binding), () => {
      const i = this.udp.findIndex((u) => u.socket === socket);
      if (i >= 0) this.udp.splice(i, 1);
    });
    this.udp.push({ binding, socket });
    return socket;
  }

  private target(network: string, address: string): { host: MemoryHost; ip: string; port: number } {
    const { host, port } = splitHostPort(address);
    const ip = host === '' ? '127.0.0.1' : this.world.resolve(host);
    if (!ip) throw new GostError('name-not-resolved', `dial ${network}: lookup ${host}: no such host`);
    const target = this.world.route(this, ip);
    if (!target || !this.sourceFor(ip)) {
      throw new GostError(
        'unreachable',
        `dial ${network} ${joinHostPort(ip, port)}: connect: no route to host`,
      );
    }
    return { host: target, ip, port: Number(port) };
  }

  private async dialTcp(address: string): Promise<Conn> {
    const t = this.target('tcp', address);
    const remote = joinHostPort(t.ip, t.port);
    const listener = t.host.tcp.find((l) => l.binding.port === t.port && covers(l.binding, t.ip))?.listener;
    if (!listener || t.port === 0) {
      throw new GostError('refused', `dial tcp ${remote}: connect: connection refused`);
    }
    const local = joinHostPort(this.sourceFor(t.ip)!, this.nextPort++);
    const [client, server] = createPipe(local, remote);
    this.track(client);
    t.host.track(server);
    listener.deliver(server);
    return client;
  }

  private async dialUdp(address: string): Promise<Conn> {
    const t = this.target('udp', address);
    const socket = (await this.listenUdp(':0')) as MemoryPacketConn;
    return new ConnectedUdp(socket, joinHostPort(t.ip, t.port), this.sourceFor(t.ip)!);
  }

  private track(conn: Conn & { onClose?: () => void }): void {
    this.conns.add(conn);
    conn.onClose = () => this.conns.delete(conn);
  }

  /**
   * The host goes down: every listener and socket closes and every connection it holds is reset
   * (the peers see their streams end).
   */
  crash(): void {
    for (const t of [...this.tcp]) t.listener.close();
    for (const u of [...this.udp]) u.socket.close();
    for (const c of [...this.conns]) c.close();
  }

  /** Hands a datagram to the socket bound at ip:port on this host, if any. */
  receive(ip: string, port: number, datagram: Datagram): void {
    this.udp.find((u) => u.binding.port === port && covers(u.binding, ip))?.socket.enqueue(datagram);
  }

  send(from: Binding, data: Uint8Array, address: string): void {
    const { host, port } = splitHostPort(address);
    const ip = host === '' ? '127.0.0.1' : this.world.resolve(host);
    if (!ip) throw new GostError('name-not-resolved', `write udp: lookup ${host}: no such host`);
    const target = this.world.route(this, ip);
    const source = from.ip !== '' && from.ip !== '0.0.0.0' ? from.ip : this.sourceFor(ip);
    if (!target || !source) return;
    target.receive(ip, Number(port), { data: data.slice(), addr: joinHostPort(source, from.port) });
  }
}
