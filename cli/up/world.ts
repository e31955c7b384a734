/**
 * The real-socket world of a `topo up` session: every host of the topology on its own loopback
 * address, with the topology's names and reachability enforced when a host dials, listens or sends.
 *
 * - A dial resolves names as the simulator does (sim/fabric.ts is the address book: a host's name
 *   is its address on a network the dialler can reach; loopback is the dialler itself), then checks
 *   the route: into a private network from outside, to a host that is down, to an address no host
 *   has, it fails at once with "no route to host"; across a cut link it gets no answer. A dial the
 *   route allows reaches only a socket the session bound for exactly that address (a service on the
 *   host's `127.0.0.1` answers the host itself only); anything else is "connection refused" — the
 *   other processes of this machine are never dialled, except the ones `--allow-external` names.
 * - Real ports are the topology's plus the session's offset; ports the OS chooses (`:0`) are kept.
 * - Every address the runtime sees is the topology's (sockets.ts translates), so the runtime cannot
 *   tell this world from the simulator's, and the simulator's flow analysis reads its events.
 * - It records what the simulator's fabric records (`net.connect`, `net.datagram`, `net.carry`,
 *   `net.reset`), owned by the flow running at the time.
 */

import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { TopologyPlan } from '../../compiler/lower/plan.js';
import { formatIP, hostOf, joinHostPort, parseIP, splitHostPort } from '../../runtime/addr.js';
import { GostError } from '../../runtime/errors.js';
import {
  DgramPacketConn,
  fromNodeError,
  ServerListener,
  SocketConn,
} from '../../runtime/net-node/socket-conn.js';
import type { Conn, Listener, Network, PacketConn } from '../../runtime/types.js';
import type { NetResult } from '../../sim/events.js';
import { Fabric } from '../../sim/fabric.js';
import type { ExternalAddress } from './addresses.js';
import { type Binding, BindingRegistry, topologyAddr } from './bindings.js';
import type { SessionClock } from './clock.js';
import type { FlowOwner, SessionRecorder } from './recorder.js';
import {
  type AcceptTranslator,
  type ConnObserver,
  type DatagramRouter,
  Link,
  TopoConn,
  TopoListener,
  TopoPacketConn,
  TopoUdpConn,
} from './sockets.js';

/** Concurrent connections one flow may hold to one host:port before a forwarding loop is assumed. */
export const defaultLoopLimit = 256;
/** How long Linux keeps retrying a SYN that gets no answer (a dial across a cut link). */
export const defaultSynTimeoutMs = 127_000;
/** How long an accepted connection from a session host waits to learn who dialled it. */
const dialerLookupMs = 2000;

export interface WorldOptions {
  plan: TopologyPlan;
  /** The loopback address of every host of the topology. */
  addresses: ReadonlyMap<string, string>;
  portOffset: number;
  externals: readonly ExternalAddress[];
  clock: SessionClock;
  recorder: SessionRecorder;
  owner: FlowOwner;
  loopLimit?: number;
  synTimeoutMs?: number;
}

/** What the dialling end knows and the accepting end needs: the connection in topology terms. */
interface DialIntent {
  /** The dialler's topology address (source). */
  local: string;
  /** The topology address it dialled. */
  remote: string;
  link: Link;
}

/** Dial intents by the dialler's real address, and acceptors waiting for theirs. */
class Intents {
  private readonly offered = new Map<string, DialIntent>();
  private readonly waiting = new Map<string, (intent: DialIntent | undefined) => void>();

  offer(realLocal: string, intent: DialIntent): void {
    const waiter = this.waiting.get(realLocal);
    if (waiter) {
      this.waiting.delete(realLocal);
      waiter(intent);
    } else {
      this.offered.set(realLocal, intent);
    }
  }

  take(realRemote: string, clock: SessionClock, timeoutMs: number): Promise<DialIntent | undefined> {
    const ready = this.offered.get(realRemote);
    if (ready) {
      this.offered.delete(realRemote);
      return Promise.resolve(ready);
    }
    return new Promise((resolve) => {
      this.waiting.set(realRemote, resolve);
      void clock.sleep(timeoutMs).then(() => {
        if (this.waiting.get(realRemote) !== resolve) return;
        this.waiting.delete(realRemote);
        resolve(undefined);
      });
    });
  }

  forget(realLocal: string): void {
    this.offered.delete(realLocal);
  }
}

type BoundSocket = TopoListener | TopoPacketConn;

export class UpWorld implements AcceptTranslator, ConnObserver, DatagramRouter {
  readonly fabric: Fabric;
  readonly registry = new BindingRegistry<BoundSocket>();
  /** Called for every socket bound (readiness watches chainless rtcp/rudp binds through it). */
  readonly onListen = new Set<(binding: Binding) => void>();
  private readonly hostOfReal = new Map<string, string>();
  private readonly primaryIps = new Map<string, string>();
  private readonly down = new Set<string>();
  private readonly conns = new Set<TopoConn>();
  private readonly loopKeys = new Map<TopoConn, string>();
  private readonly openPerKey = new Map<string, number>();
  private readonly intents = new Intents();
  /** realSource -> realDestination -> topology source, for datagrams between session hosts. */
  private readonly datagramSources = new Map<string, Map<string, string>>();
  private readonly stop = new AbortController();
  private nextConnId = 1;
  private readonly loopLimit: number;
  private readonly synTimeoutMs: number;
  private offset: number;

  constructor(private readonly options: WorldOptions) {
    this.offset = options.portOffset;
    const { plan, recorder, owner, clock } = options;
    this.loopLimit = options.loopLimit ?? defaultLoopLimit;
    this.synTimeoutMs = options.synTimeoutMs ?? defaultSynTimeoutMs;
    this.fabric = new Fabric({
      networks: plan.networks,
      hosts: plan.hosts,
      clock,
      recorder,
      owner: () => owner.current,
      touch: () => undefined,
    });
    for (const host of plan.hosts) {
      const real = options.addresses.get(host.name);
      if (!real) throw new Error(`no loopback address for host ${host.name}`);
      this.hostOfReal.set(real, host.name);
      const first = host.addresses[0]?.ip;
      const bytes = first ? parseIP(first) : undefined;
      this.primaryIps.set(host.name, bytes ? formatIP(bytes) : '127.0.0.1');
    }
  }

  get portOffset(): number {
    return this.offset;
  }

  /** Sets the port offset; only before anything is bound, so every port moves together. */
  applyPortOffset(offset: number): void {
    if (this.registry.all().length > 0)
      throw new Error('the port offset cannot change once sockets are bound');
    this.offset = offset;
  }

  /** The Network a process, app or client on `host` uses. */
  network(host: string, label: string): Network {
    return new UpHostNetwork(this, host, label);
  }

  realAddress(host: string): string {
    const real = this.options.addresses.get(host);
    if (!real) throw new Error(`no loopback address for host ${host}`);
    return real;
  }

  /** The port on this machine for a topology port. */
  realPort(port: number): number {
    return port === 0 ? 0 : port + this.offset;
  }

  /** The address on this machine of what `host` bound on a topology port, if it is bound. */
  realEndpoint(host: string, network: 'tcp' | 'udp', port: number): string | undefined {
    const binding = this.registry.ofHost(host).find((b) => b.network === network && b.port === port);
    return binding ? `${this.realAddress(host)}:${binding.realPort}` : undefined;
  }

  isDown(host: string): boolean {
    return this.down.has(host);
  }

  private record(event: Parameters<SessionRecorder['record']>[0]): void {
    this.options.recorder.record(event);
  }

  private recordConnect(
    network: 'tcp' | 'udp',
    from: string,
    src: string,
    dst: string,
    result: NetResult,
    extra: { to?: string; conn?: number; listener?: string; reason?: string } = {},
  ): void {
    this.record({ type: 'net.connect', network, from, src, ...extra, dst, result });
  }

  private external(host: string, port: number): { host: string; port: number } | undefined {
    const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    const bytes = parseIP(bare);
    const name = bytes ? formatIP(bytes) : bare;
    for (const e of this.options.externals) {
      const m = parseIP(e.match.host);
      if ((m ? formatIP(m) : e.match.host) === name && e.match.port === port) return e.real;
    }
    return undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Listening
  // ---------------------------------------------------------------------------------------------

  async listen(host: string, network: 'tcp' | 'udp', address: string, label: string): Promise<BoundSocket> {
    if (this.down.has(host))
      throw new GostError('address-unavailable', `listen ${network} ${address}: ${host} is down`);
    const wanted = this.fabric.parseBind(host, network, address);
    if (this.registry.conflict(host, network, wanted.ip, wanted.port)) {
      throw new GostError('address-in-use', `listen ${network} ${address}: bind: address already in use`);
    }
    const realPort = this.realPort(wanted.port);
    if (realPort > 65535) {
      throw new GostError(
        'address-unavailable',
        `listen ${network} ${address}: port ${wanted.port} with --port-offset ${this.portOffset} is beyond 65535`,
      );
    }
    const realIp = this.realAddress(host);
    const sharing = realPort === 0 ? undefined : this.registry.sameRealPort(host, network, realPort);
    if (sharing) {
      throw new GostError(
        'address-in-use',
        `listen ${network} ${address}: bind: address already in use (topo up gives ${host} the one address ${realIp}, where ${topologyAddr(sharing)} already holds port ${realPort})`,
      );
    }
    const failed = (error: unknown) => listenFailure(error, network, address, `${realIp}:${realPort}`);
    if (network === 'tcp') {
      let server: Server;
      try {
        server = await listenTcp(realIp, realPort);
      } catch (error) {
        throw failed(error);
      }
      const bound = (server.address() as { port: number }).port;
      const binding = this.bound(host, network, wanted.ip, wanted.port || bound, bound, label);
      const listener = new TopoListener(
        new ServerListener(server, `${realIp}:${bound}`),
        binding,
        topologyAddr(binding),
        this,
      );
      return this.register(binding, listener);
    }
    let socket: UdpSocket;
    try {
      socket = await listenUdp(realIp, realPort);
    } catch (error) {
      throw failed(error);
    }
    const bound = socket.address().port;
    const binding = this.bound(host, network, wanted.ip, wanted.port || bound, bound, label);
    const conn = new TopoPacketConn(
      new DgramPacketConn(socket, (h) => h),
      binding,
      topologyAddr(binding),
      this,
    );
    return this.register(binding, conn);
  }

  private bound(
    host: string,
    network: 'tcp' | 'udp',
    ip: string,
    port: number,
    realPort: number,
    label: string,
  ): Binding {
    return { host, network, ip, port, realPort, label };
  }

  private register<S extends BoundSocket>(binding: Binding, socket: S): S {
    this.registry.add(binding, socket);
    for (const listener of this.onListen) listener(binding);
    return socket;
  }

  released(item: Binding | TopoPacketConn): void {
    if (item instanceof TopoPacketConn) {
      this.registry.remove(item.binding);
      this.datagramSources.delete(item.realAddr);
      return;
    }
    this.registry.remove(item);
  }

  // ---------------------------------------------------------------------------------------------
  // TCP
  // ---------------------------------------------------------------------------------------------

  async dialTcp(from: string, address: string): Promise<Conn> {
    if (this.down.has(from)) throw new GostError('unreachable', `dial tcp ${address}: network is down`);
    const { host: name, port: portText } = splitHostPort(address);
    const port = Number(portText);
    const external = this.external(name, port);
    if (external) return this.dialExternal(from, address, external);
    const ip = this.fabric.resolve(from, name);
    if (!ip) {
      this.recordConnect('tcp', from, '', address, 'name-not-resolved');
      throw new GostError('name-not-resolved', `dial tcp ${address}: lookup ${name}: no such host`);
    }
    const remote = joinHostPort(ip, portText);
    const src = this.fabric.sourceIp(from, ip);
    const route = this.route(from, ip);
    if ('fail' in route) {
      this.recordConnect('tcp', from, src, remote, route.fail, {
        ...(route.to ? { to: route.to } : {}),
        reason: route.reason,
      });
      if (route.fail === 'unreachable') {
        throw new GostError('unreachable', `dial tcp ${remote}: connect: no route to host`);
      }
      await this.options.clock.sleep(this.synTimeoutMs, this.stop.signal);
      throw new GostError('timeout', `dial tcp ${remote}: connect: connection timed out`);
    }
    const to = route.host;
    const binding = Number.isInteger(port) ? this.registry.find(to, 'tcp', ip, port) : undefined;
    if (!binding) {
      this.recordConnect('tcp', from, src, remote, 'refused', { to });
      throw new GostError('refused', `dial tcp ${remote}: connect: connection refused`);
    }
    const owner = this.options.owner.current;
    const key = `${owner}|${to}|${port}`;
    const open = this.openPerKey.get(key) ?? 0;
    if (open >= this.loopLimit) {
      this.recordConnect('tcp', from, src, remote, 'loop', {
        to,
        reason: `${open} connections of one flow to ${to}:${port} are open at once`,
      });
      throw new GostError('refused', `dial tcp ${remote}: connect: connection refused (forwarding loop)`);
    }
    let conn: TopoConn;
    try {
      conn = await this.connectReal(
        this.realAddress(from),
        this.realAddress(to),
        binding.realPort,
        (socket) => {
          const inner = new SocketConn(socket);
          const link = new Link(this.nextConnId++, from, to, owner);
          const local = joinHostPort(src, socket.localPort ?? 0);
          this.recordConnect('tcp', from, local, remote, 'accepted', {
            to,
            conn: link.id,
            listener: binding.label,
          });
          this.intents.offer(inner.localAddr, { local, remote, link });
          return new TopoConn(inner, local, remote, link, from, this);
        },
      );
    } catch (error) {
      const e = fromNodeError(error as Error, `dial tcp ${remote}`);
      this.recordConnect('tcp', from, src, remote, e.kind === 'refused' ? 'refused' : 'unreachable', {
        to,
        reason: e.message,
      });
      throw new GostError(
        e.kind,
        `dial tcp ${remote}: connect: ${e.kind === 'refused' ? 'connection refused' : e.message}`,
      );
    }
    this.loopKeys.set(conn, key);
    this.openPerKey.set(key, (this.openPerKey.get(key) ?? 0) + 1);
    return this.track(conn);
  }

  private async dialExternal(
    from: string,
    address: string,
    real: { host: string; port: number },
  ): Promise<Conn> {
    const fromReal = this.realAddress(from);
    const sameFamily = !real.host.includes(':');
    try {
      return await this.connectReal(sameFamily ? fromReal : undefined, real.host, real.port, (socket) => {
        const inner = new SocketConn(socket);
        const link = new Link(this.nextConnId++, from, undefined, this.options.owner.current);
        const local = joinHostPort(this.primaryIps.get(from) ?? '127.0.0.1', socket.localPort ?? 0);
        this.recordConnect('tcp', from, local, address, 'accepted', {
          conn: link.id,
          reason: `allowed outside the topology: ${joinHostPort(real.host, real.port)} on this machine`,
        });
        return this.track(new TopoConn(inner, local, address, link, from, this));
      });
    } catch (error) {
      const e = fromNodeError(error as Error, `dial tcp ${address}`);
      this.recordConnect('tcp', from, '', address, e.kind === 'refused' ? 'refused' : 'unreachable', {
        reason: `${joinHostPort(real.host, real.port)} on this machine: ${e.message}`,
      });
      throw e;
    }
  }

  private connectReal<T>(
    localAddress: string | undefined,
    host: string,
    port: number,
    connected: (socket: Socket) => T,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const socket = connect({
        host,
        port,
        ...(localAddress ? { localAddress } : {}),
        allowHalfOpen: true,
      });
      const fail = (error: Error) => reject(error);
      socket.once('error', fail);
      socket.once('connect', () => {
        socket.off('error', fail);
        resolve(connected(socket));
      });
    });
  }

  /** Where a packet from `from` to `ip` goes, with the topology's reachability and the session's faults. */
  private route(
    from: string,
    ip: string,
  ): { host: string } | { fail: 'unreachable' | 'no-answer'; to?: string; reason: string } {
    const to = this.fabric.hostOfIp(from, ip);
    if (to === undefined) {
      return {
        fail: 'unreachable',
        reason: `${ip} belongs to no host of the topology, and topo up reaches nothing else (see --allow-external)`,
      };
    }
    if (to !== from && this.down.has(to)) return { fail: 'unreachable', to, reason: `${to} is down` };
    const route = this.fabric.route(from, ip);
    return 'fail' in route ? { ...route, to } : route;
  }

  async adopt(inner: SocketConn, binding: Binding): Promise<TopoConn> {
    const peer = this.hostOfReal.get(hostOf(inner.remoteAddr));
    if (peer !== undefined) {
      const intent = await this.intents.take(inner.remoteAddr, this.options.clock, dialerLookupMs);
      if (intent) {
        return this.track(new TopoConn(inner, intent.remote, intent.local, intent.link, binding.host, this));
      }
    }
    // A client on this machine outside the topology (curl, a test): it keeps its real address.
    const ip = binding.ip === '' || binding.ip === '0.0.0.0' ? this.primaryIps.get(binding.host) : binding.ip;
    const link = new Link(this.nextConnId++, undefined, binding.host, this.options.owner.current);
    const local = joinHostPort(ip ?? '127.0.0.1', binding.port);
    return this.track(new TopoConn(inner, local, inner.remoteAddr, link, binding.host, this));
  }

  private track(conn: TopoConn): TopoConn {
    this.conns.add(conn);
    return conn;
  }

  writing(link: Link, host: string | undefined, bytes: number): void {
    const owner = this.options.owner.current;
    if (link.lastOwner === owner) return;
    link.lastOwner = owner;
    const other = host === link.client ? link.server : link.client;
    if (host === undefined || other === undefined) return;
    this.record({ type: 'net.carry', conn: link.id, from: host, to: other, bytes });
  }

  closed(conn: TopoConn): void {
    this.conns.delete(conn);
    this.intents.forget(conn.inner.localAddr);
    const key = this.loopKeys.get(conn);
    if (key === undefined) return;
    this.loopKeys.delete(conn);
    const open = (this.openPerKey.get(key) ?? 1) - 1;
    if (open <= 0) this.openPerKey.delete(key);
    else this.openPerKey.set(key, open);
  }

  // ---------------------------------------------------------------------------------------------
  // UDP
  // ---------------------------------------------------------------------------------------------

  async dialUdp(from: string, address: string): Promise<Conn> {
    if (this.down.has(from)) throw new GostError('unreachable', `dial udp ${address}: network is down`);
    const { host: name, port } = splitHostPort(address);
    if (this.external(name, Number(port))) {
      const socket = (await this.listen(from, 'udp', ':0', 'client')) as TopoPacketConn;
      return new TopoUdpConn(
        socket,
        joinHostPort(this.primaryIps.get(from) ?? '', socket.binding.port),
        address,
      );
    }
    const ip = this.fabric.resolve(from, name);
    if (!ip) {
      this.recordConnect('udp', from, '', address, 'name-not-resolved');
      throw new GostError('name-not-resolved', `dial udp ${address}: lookup ${name}: no such host`);
    }
    const remote = joinHostPort(ip, port);
    const route = this.route(from, ip);
    if ('fail' in route && route.fail === 'unreachable') {
      this.recordConnect('udp', from, this.fabric.sourceIp(from, ip), remote, 'unreachable', {
        ...(route.to ? { to: route.to } : {}),
        reason: route.reason,
      });
      throw new GostError('unreachable', `dial udp ${remote}: connect: no route to host`);
    }
    const socket = (await this.listen(from, 'udp', ':0', 'client')) as TopoPacketConn;
    const local = joinHostPort(this.fabric.sourceIp(from, ip), socket.binding.port);
    return new TopoUdpConn(socket, local, remote);
  }

  sourceOf(socket: TopoPacketConn, realSource: string): string | undefined {
    return this.datagramSources.get(realSource)?.get(socket.realAddr);
  }

  async send(socket: TopoPacketConn, data: Uint8Array, addr: string): Promise<void> {
    const from = socket.binding.host;
    if (this.down.has(from)) return;
    if (socket.outsidePeers.has(addr)) {
      await socket.inner.writeTo(data, addr);
      return;
    }
    let parts: { host: string; port: string };
    try {
      parts = splitHostPort(addr);
    } catch (error) {
      throw new GostError('config', `write udp ${addr}: ${(error as Error).message}`);
    }
    const port = Number(parts.port);
    const external = this.external(parts.host, port);
    if (external) {
      await socket.inner.writeTo(data, joinHostPort(external.host, external.port));
      return;
    }
    const ip = this.fabric.resolve(from, parts.host);
    if (!ip) throw new GostError('name-not-resolved', `write udp: lookup ${parts.host}: no such host`);
    const dst = joinHostPort(ip, parts.port);
    const bindIp = socket.binding.ip;
    const srcIp = bindIp !== '' && bindIp !== '0.0.0.0' ? bindIp : this.fabric.sourceIp(from, ip);
    const src = joinHostPort(srcIp, socket.binding.port);
    socket.contacted.add(dst);
    const record = (result: 'delivered' | 'dropped' | 'refused', to?: string, reason?: string) =>
      this.record({
        type: 'net.datagram',
        from,
        src,
        ...(to ? { to } : {}),
        dst,
        bytes: data.length,
        result,
        ...(reason ? { reason } : {}),
      });
    let route = this.route(from, ip);
    if ('fail' in route && route.fail === 'unreachable' && route.to && !this.down.has(route.to)) {
      // A reply to a peer behind NAT passes when that peer's socket sent to us first.
      const target = this.udpSocket(route.to, ip, port);
      if (target?.contacted.has(src)) route = { host: route.to };
    }
    if ('fail' in route) {
      record('dropped', route.to, route.reason);
      return;
    }
    const target = this.udpSocket(route.host, ip, port);
    if (!target) {
      record('refused', route.host, `nothing listens on udp ${dst}`);
      socket.fail(new GostError('refused', `read udp ${socket.localAddr}->${dst}: connection refused`));
      return;
    }
    let sources = this.datagramSources.get(socket.realAddr);
    if (!sources) {
      sources = new Map();
      this.datagramSources.set(socket.realAddr, sources);
    }
    sources.set(target.realAddr, src);
    await socket.inner.writeTo(data, target.realAddr);
    record('delivered', route.host);
  }

  private udpSocket(host: string, ip: string, port: number): TopoPacketConn | undefined {
    const binding = Number.isInteger(port) ? this.registry.find(host, 'udp', ip, port) : undefined;
    const socket = binding ? this.registry.socketOf(binding) : undefined;
    return socket instanceof TopoPacketConn ? socket : undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Faults and the end
  // ---------------------------------------------------------------------------------------------

  /** Takes a host off the network: its connections are reset, its sockets close. */
  setDown(host: string, down: boolean): void {
    if (!down) {
      this.down.delete(host);
      return;
    }
    this.down.add(host);
    const links = new Set<Link>();
    // Only the host's own ends are reset; the kernel tells the other ends, as a real RST would.
    for (const conn of [...this.conns]) {
      if (conn.host !== host) continue;
      links.add(conn.link);
      conn.reset();
    }
    for (const binding of this.registry.ofHost(host)) this.registry.socketOf(binding)?.close();
    this.record({ type: 'net.reset', host, conns: links.size, reason: `${host} went down` });
  }

  /** Cuts or restores the link between two hosts: new dials get no answer, bytes in flight wait. */
  setCut(a: string, b: string, cut: boolean): void {
    this.fabric.setCut(a, b, cut);
    for (const conn of this.conns) {
      if (conn.link.touches(a) && conn.link.touches(b) && a !== b) conn.link.setHeld(cut);
    }
  }

  /** Every socket the session still has open: listeners, UDP sockets, connections. */
  openSockets(): { bindings: Binding[]; connections: number } {
    return { bindings: this.registry.all(), connections: this.conns.size };
  }

  /** Closes every listener, socket and connection. */
  close(): void {
    this.stop.abort();
    for (const binding of this.registry.all()) this.registry.socketOf(binding)?.close();
    for (const conn of [...this.conns]) conn.close();
    for (const conn of [...this.conns]) conn.link.setHeld(false);
  }
}

/** The Network of one host (and one kind of user of it: gost, an app, a client). */
export class UpHostNetwork implements Network {
  constructor(
    private readonly world: UpWorld,
    readonly host: string,
    readonly label: string,
  ) {}

  listen(network: 'tcp', address: string): Promise<Listener>;
  listen(network: 'udp', address: string): Promise<PacketConn>;
  async listen(network: 'tcp' | 'udp', address: string): Promise<Listener | PacketConn> {
    return this.world.listen(this.host, network, address, this.label);
  }

  dial(network: 'tcp' | 'udp', address: string): Promise<Conn> {
    return network === 'tcp'
      ? this.world.dialTcp(this.host, address)
      : this.world.dialUdp(this.host, address);
  }
}

function listenTcp(ip: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer({ allowHalfOpen: true });
    server.once('error', reject);
    server.listen({ host: ip, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function listenUdp(ip: string, port: number): Promise<UdpSocket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind({ address: ip, port, exclusive: true }, () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

/** A failed bind, worded as gost words it, with what it means on this machine. */
function listenFailure(error: unknown, network: string, address: string, real: string): GostError {
  const e = fromNodeError(error as Error, `listen ${network} ${address}`);
  const text: Partial<Record<string, string>> = {
    'address-in-use': `bind: address already in use (${real} is taken on this machine; --port-offset moves every port)`,
    'permission-denied': `bind: permission denied (${real}: ports below 1024 need root; --port-offset moves every port)`,
    'address-unavailable': `bind: cannot assign requested address (${real}: this machine does not route 127.0.0.0/8 to loopback)`,
  };
  const detail = text[e.kind];
  return detail ? new GostError(e.kind, `listen ${network} ${address}: ${detail}`, { cause: error }) : e;
}
