/**
 * The simulated network: hosts with addresses on networks, names, TCP connections and UDP sockets,
 * and the faults that break them.
 *
 * Reachability is the topology's (compiler/model/reachability.ts): public networks reach each other,
 * a private network reaches out through its `nat`, nothing dials in. The model, in short:
 * - Names: a host's name and its `names:` resolve, for every host, to the host's address on a
 *   network the asking host can reach (else its first address); `localhost` and loopback addresses
 *   are the asking host itself. Anything else is "no such host".
 * - A dial to an address no host owns, to a private network the dialler cannot reach, or to a host
 *   that is down fails at once with "no route to host" (unreachable). A dial across a cut link gets
 *   no answer and times out after `synTimeoutMs` (Linux gives up on a SYN after about 127 s).
 * - Nothing listening: "connection refused". UDP to a closed port is dropped; a connected socket
 *   then reads "connection refused" (ICMP port unreachable), as on Linux.
 * - The source address a peer sees is the dialler's address on the network it leaves through (its
 *   address on the destination network, else the one whose NAT path reaches it). UDP replies pass a
 *   NAT only to a socket that sent to that peer first.
 * - Host down: every connection touching it is reset, its sockets close. Link cut: bytes on existing
 *   connections between the two hosts wait (nothing is lost) until the link is restored; new dials
 *   time out; datagrams are dropped.
 */

import { formatIP, joinHostPort, parseIP, splitHostPort } from '../runtime/addr.js';
import { GostError } from '../runtime/errors.js';
import type { Clock } from '../runtime/types.js';
import type { HostPlan, NetworkPlan } from '../compiler/lower/plan.js';
import { Reachability } from '../compiler/model/reachability.js';
import { SimPacketConn } from './datagram.js';
import type { NetResult, Recorder } from './events.js';
import { createStreamPair, defaultWindowBytes, type SimStreamConn } from './stream.js';

export const defaultSynTimeoutMs = 127_000;
const firstEphemeralPort = 40_000;

export interface FabricOptions {
  networks: readonly NetworkPlan[];
  hosts: readonly HostPlan[];
  clock: Clock;
  recorder: Recorder;
  owner(): string;
  touch(): void;
  synTimeoutMs?: number;
  windowBytes?: number;
  /**
   * Open connections one owner may hold to one host:port before further dials are taken for a
   * forwarding loop and refused (a real loop ends when ports or file descriptors run out).
   */
  loopLimit?: number;
}

export interface Binding {
  /** '' = every address; '0.0.0.0' = every IPv4 address; otherwise one address. */
  ip: string;
  port: number;
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.');
}

/** Answers of `isIPv4`: every dial asks about the same few addresses several times. */
const families = new Map<string, boolean>();
const familiesKept = 4096;

function isIPv4(ip: string): boolean {
  let v4 = families.get(ip);
  if (v4 === undefined) {
    v4 = parseIP(ip)?.length === 4;
    if (families.size >= familiesKept) families.clear();
    families.set(ip, v4);
  }
  return v4;
}

export function covers(binding: Binding, ip: string): boolean {
  if (binding.ip === '') return true;
  if (binding.ip === '0.0.0.0') return isIPv4(ip);
  return binding.ip === ip;
}

function overlaps(a: Binding, b: Binding): boolean {
  if (a.port !== b.port) return false;
  if (a.ip === '' || b.ip === '') return true;
  if (a.ip === '0.0.0.0') return isIPv4(b.ip);
  if (b.ip === '0.0.0.0') return isIPv4(a.ip);
  return a.ip === b.ip;
}

export function bindingAddr(binding: Binding): string {
  if (binding.ip === '') return `[::]:${binding.port}`;
  return joinHostPort(binding.ip, binding.port);
}

/** A listening TCP socket. */
export class SimListener {
  private readonly backlog: SimStreamConn[] = [];
  private readonly waiters: { resolve: (c: SimStreamConn) => void; reject: (e: unknown) => void }[] = [];
  private closed = false;

  constructor(
    readonly host: string,
    readonly binding: Binding,
    readonly addr: string,
    /** Who listens: `gost`, `app:<name>` or `client`. */
    readonly label: string,
    private readonly release: (l: SimListener) => void,
    private readonly touch: () => void,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  deliver(conn: SimStreamConn): void {
    this.touch();
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(conn);
    else this.backlog.push(conn);
  }

  accept(): Promise<SimStreamConn> {
    this.touch();
    const next = this.backlog.shift();
    if (next) return Promise.resolve(next);
    if (this.closed) return Promise.reject(this.closedError());
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.touch();
    this.release(this);
    for (const c of this.backlog.splice(0)) c.close();
    const error = this.closedError();
    for (const w of this.waiters.splice(0)) w.reject(error);
  }

  private closedError(): GostError {
    return new GostError('closed', `accept tcp ${this.addr}: use of closed network connection`);
  }
}

interface HostState {
  plan: HostPlan;
  ips: string[];
  down: boolean;
  nextPort: number;
  listeners: SimListener[];
  sockets: SimPacketConn[];
}

interface ConnRecord {
  client: SimStreamConn;
  server: SimStreamConn;
  /** The owner whose bytes it carried last (a new owner is recorded as `net.carry`). */
  lastOwner: string;
  /** The owner that opened it, for the loop guard. */
  openedBy: string;
  key: string;
}

export class Fabric {
  private readonly hosts = new Map<string, HostState>();
  private readonly ipOwners = new Map<string, string>();
  private readonly networkOf = new Map<string, string>();
  private readonly names = new Map<string, string>();
  private readonly reachability: Reachability;
  private readonly networks: Map<string, NetworkPlan>;
  private readonly cutLinks = new Set<string>();
  private readonly conns = new Map<number, ConnRecord>();
  private readonly openPerKey = new Map<string, number>();
  private readonly resolved = new Map<string, string | undefined>();
  private nextConnId = 1;
  private readonly synTimeoutMs: number;
  private readonly windowBytes: number;
  private readonly loopLimit: number;

  constructor(private readonly options: FabricOptions) {
    this.synTimeoutMs = options.synTimeoutMs ?? defaultSynTimeoutMs;
    this.windowBytes = options.windowBytes ?? defaultWindowBytes;
    this.loopLimit = options.loopLimit ?? 64;
    const networks = new Map(options.networks.map((n) => [n.name, n]));
    this.networks = networks;
    const hostPlans = new Map(options.hosts.map((h) => [h.name, h]));
    this.reachability = new Reachability(networks, hostPlans);
    for (const plan of options.hosts) {
      const ips: string[] = [];
      for (const a of plan.addresses) {
        const bytes = parseIP(a.ip);
        if (!bytes) throw new Error(`host ${plan.name}: not an IP address: ${a.ip}`);
        const ip = formatIP(bytes);
        ips.push(ip);
        this.ipOwners.set(ip, plan.name);
        this.networkOf.set(ip, a.network);
      }
      this.hosts.set(plan.name, {
        plan,
        ips,
        down: false,
        nextPort: firstEphemeralPort,
        listeners: [],
        sockets: [],
      });
    }
    for (const plan of options.hosts) {
      this.names.set(plan.name.toLowerCase(), plan.name);
      for (const n of plan.names) this.names.set(n.toLowerCase(), plan.name);
    }
  }

  get hostNames(): string[] {
    return [...this.hosts.keys()];
  }

  isDown(host: string): boolean {
    return this.state(host).down;
  }

  private state(host: string): HostState {
    const s = this.hosts.get(host);
    if (!s) throw new Error(`no host ${host} in the simulation`);
    return s;
  }

  // -----------------------------------------------------------------------------------------
  // Names and routes
  // -----------------------------------------------------------------------------------------

  /**
   * The IP `name` stands for as seen from `from`, or undefined when it does not resolve. Names and
   * reachability do not change while the simulation runs, so each answer is kept.
   */
  resolve(from: string, name: string): string | undefined {
    const key = `${from}\0${name}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const ip = this.lookup(from, name);
    this.resolved.set(key, ip);
    return ip;
  }

  private lookup(from: string, name: string): string | undefined {
    if (name === '') return '127.0.0.1';
    const literal = parseIP(name.replace(/^\[(.*)\]$/, '$1'));
    if (literal) return formatIP(literal);
    const lower = name.toLowerCase().replace(/\.$/, '');
    if (lower === 'localhost') return '127.0.0.1';
    const host = this.names.get(lower);
    if (!host) return undefined;
    const target = this.state(host);
    if (host === from) return target.ips[0] ?? '127.0.0.1';
    const reachable = this.reachability.reachableNetworks(from);
    return target.ips.find((ip) => reachable.has(this.networkOf.get(ip) ?? '')) ?? target.ips[0];
  }

  /** The host that owns `ip` (loopback is the asking host itself). */
  hostOfIp(from: string, ip: string): string | undefined {
    if (isLoopback(ip)) return from;
    return this.ipOwners.get(ip);
  }

  /** The address `from` uses as source towards `ip`. */
  sourceIp(from: string, ip: string): string {
    if (isLoopback(ip)) return isIPv4(ip) ? '127.0.0.1' : '::1';
    const state = this.state(from);
    if (state.ips.includes(ip)) return ip;
    const network = this.networkOf.get(ip);
    const family = isIPv4(ip);
    const sameFamily = state.ips.filter((own) => isIPv4(own) === family);
    const candidates = sameFamily.length > 0 ? sameFamily : state.ips;
    const direct = candidates.find((own) => this.networkOf.get(own) === network);
    if (direct) return direct;
    const outward =
      network && candidates.find((own) => this.networkReaches(this.networkOf.get(own) ?? '', network));
    return outward || candidates[0] || '127.0.0.1';
  }

  /** Whether hosts on `start` reach `target`: along the NAT path, and public networks reach each other. */
  private networkReaches(start: string, target: string): boolean {
    const seen = new Set<string>();
    let reachesPublic = false;
    for (let current: string | undefined = start; current && !seen.has(current); ) {
      seen.add(current);
      if (current === target) return true;
      const nat: string | undefined = this.networks.get(current)?.nat;
      if (nat === undefined) reachesPublic = true;
      current = nat;
    }
    return reachesPublic && this.networks.has(target) && this.networks.get(target)?.nat === undefined;
  }

  /**
   * Where a packet from `from` to `ip` ends up: the receiving host, or why it never arrives.
   */
  route(from: string, ip: string): { host: string } | { fail: 'unreachable' | 'no-answer'; reason: string } {
    const owner = this.hostOfIp(from, ip);
    if (!owner) return { fail: 'unreachable', reason: `no host has the address ${ip}` };
    if (owner === from) return { host: owner };
    if (this.state(owner).down) return { fail: 'unreachable', reason: `${owner} is down` };
    const network = this.networkOf.get(ip) ?? '';
    const check = this.reachability.check(from, owner, network);
    if (!check.ok) return { fail: 'unreachable', reason: check.reason };
    if (this.isCut(from, owner)) return { fail: 'no-answer', reason: `the link ${from}-${owner} is cut` };
    return { host: owner };
  }

  private isCut(a: string, b: string): boolean {
    return this.cutLinks.has(linkKey(a, b));
  }

  // -----------------------------------------------------------------------------------------
  // Binding
  // -----------------------------------------------------------------------------------------

  parseBind(host: string, network: 'tcp' | 'udp', address: string): Binding {
    let parts: { host: string; port: string };
    try {
      parts = splitHostPort(address);
    } catch (error) {
      throw new GostError('config', `listen ${network} ${address}: ${(error as Error).message}`);
    }
    const port = parts.port === '' ? 0 : Number(parts.port);
    if (!/^\d*$/.test(parts.port) || !Number.isInteger(port) || port < 0 || port > 65535) {
      throw new GostError('config', `listen ${network} ${address}: invalid port`);
    }
    if (parts.host === '' || parts.host === '::') return { ip: '', port };
    if (parts.host === '0.0.0.0') return { ip: '0.0.0.0', port };
    const ip = this.resolve(host, parts.host);
    if (!ip || !(isLoopback(ip) || this.state(host).ips.includes(ip))) {
      throw new GostError(
        'address-unavailable',
        `listen ${network} ${address}: bind: cannot assign requested address`,
      );
    }
    return { ip, port };
  }

  private allocate(state: HostState, taken: readonly Binding[], binding: Binding): Binding {
    if (binding.port !== 0) return binding;
    for (;;) {
      const candidate = { ip: binding.ip, port: state.nextPort++ };
      if (!taken.some((t) => overlaps(t, candidate))) return candidate;
    }
  }

  private ephemeralPort(state: HostState): number {
    return state.nextPort++;
  }

  listenTcp(host: string, address: string, label: string): SimListener {
    const state = this.state(host);
    const requested = this.parseBind(host, 'tcp', address);
    const taken = state.listeners.map((l) => l.binding);
    const binding = this.allocate(state, taken, requested);
    if (taken.some((t) => overlaps(t, binding))) {
      throw new GostError('address-in-use', `listen tcp ${address}: bind: address already in use`);
    }
    const listener = new SimListener(
      host,
      binding,
      bindingAddr(binding),
      label,
      (l) => {
        const i = state.listeners.indexOf(l);
        if (i >= 0) state.listeners.splice(i, 1);
      },
      this.options.touch,
    );
    state.listeners.push(listener);
    this.options.touch();
    return listener;
  }

  listenUdp(host: string, address: string): SimPacketConn {
    const state = this.state(host);
    const requested = this.parseBind(host, 'udp', address);
    const taken = state.sockets.map((s) => ({ ip: s.bindIp, port: s.port }));
    const binding = this.allocate(state, taken, requested);
    if (taken.some((t) => overlaps(t, binding))) {
      throw new GostError('address-in-use', `listen udp ${address}: bind: address already in use`);
    }
    const socket = new SimPacketConn(host, binding.ip, binding.port, bindingAddr(binding), {
      send: (s, data, addr) => this.sendDatagram(s, data, addr),
      release: (s) => {
        const i = state.sockets.indexOf(s);
        if (i >= 0) state.sockets.splice(i, 1);
      },
      touch: this.options.touch,
    });
    state.sockets.push(socket);
    this.options.touch();
    return socket;
  }

  // -----------------------------------------------------------------------------------------
  // TCP
  // -----------------------------------------------------------------------------------------

  private recordConnect(
    network: 'tcp' | 'udp',
    from: string,
    src: string,
    dst: string,
    result: NetResult,
    extra: { to?: string; conn?: number; listener?: string; reason?: string } = {},
  ): void {
    this.options.recorder.record({ type: 'net.connect', network, from, src, ...extra, dst, result });
  }

  async dialTcp(from: string, address: string): Promise<SimStreamConn> {
    const state = this.state(from);
    if (state.down) throw new GostError('unreachable', `dial tcp ${address}: network is down`);
    const { host: name, port: portText } = splitHostPort(address);
    const ip = this.resolve(from, name);
    if (!ip) {
      this.recordConnect('tcp', from, '', address, 'name-not-resolved');
      throw new GostError('name-not-resolved', `dial tcp ${address}: lookup ${name}: no such host`);
    }
    const port = Number(portText);
    const remote = joinHostPort(ip, portText);
    const src = this.sourceIp(from, ip);
    const route = this.route(from, ip);
    if ('fail' in route) {
      const to = this.hostOfIp(from, ip);
      this.recordConnect('tcp', from, src, remote, route.fail, {
        ...(to ? { to } : {}),
        reason: route.reason,
      });
      if (route.fail === 'unreachable') {
        throw new GostError('unreachable', `dial tcp ${remote}: connect: no route to host`);
      }
      await this.options.clock.sleep(this.synTimeoutMs);
      throw new GostError('timeout', `dial tcp ${remote}: connect: connection timed out`);
    }
    const target = this.state(route.host);
    const listener = target.listeners.find((l) => l.binding.port === port && covers(l.binding, ip));
    if (!listener || port === 0 || !Number.isInteger(port)) {
      this.recordConnect('tcp', from, src, remote, 'refused', { to: route.host });
      throw new GostError('refused', `dial tcp ${remote}: connect: connection refused`);
    }
    const owner = this.options.owner();
    const key = `${owner}|${route.host}|${port}`;
    const open = this.openPerKey.get(key) ?? 0;
    if (open >= this.loopLimit) {
      this.recordConnect('tcp', from, src, remote, 'loop', {
        to: route.host,
        reason: `${open} connections of one flow to ${route.host}:${port} are open at once`,
      });
      throw new GostError('refused', `dial tcp ${remote}: connect: connection refused (forwarding loop)`);
    }
    const local = joinHostPort(src, this.ephemeralPort(state));
    const id = this.nextConnId++;
    const [client, server] = createStreamPair(
      { addr: local, host: from },
      { addr: remote, host: route.host },
      {
        touch: this.options.touch,
        onWrite: (conn, bytes) => this.onWrite(conn, bytes),
        onClose: (conn) => this.onClose(conn),
      },
      id,
      this.windowBytes,
    );
    this.conns.set(id, { client, server, lastOwner: owner, openedBy: owner, key });
    this.openPerKey.set(key, open + 1);
    this.recordConnect('tcp', from, local, remote, 'accepted', {
      to: route.host,
      conn: id,
      listener: listener.label,
    });
    listener.deliver(server);
    return client;
  }

  private onWrite(conn: SimStreamConn, bytes: number): void {
    const record = this.conns.get(conn.id);
    if (!record) return;
    const owner = this.options.owner();
    if (owner === record.lastOwner) return;
    record.lastOwner = owner;
    this.options.recorder.record({
      type: 'net.carry',
      conn: conn.id,
      from: conn.localHost,
      to: conn.remoteHost,
      bytes,
    });
  }

  private onClose(conn: SimStreamConn): void {
    const record = this.conns.get(conn.id);
    if (!record?.client.isClosed || !record.server.isClosed) return;
    this.conns.delete(conn.id);
    const open = (this.openPerKey.get(record.key) ?? 1) - 1;
    if (open <= 0) this.openPerKey.delete(record.key);
    else this.openPerKey.set(record.key, open);
  }

  // -----------------------------------------------------------------------------------------
  // UDP
  // -----------------------------------------------------------------------------------------

  private sendDatagram(socket: SimPacketConn, data: Uint8Array, address: string): void {
    const from = socket.host;
    if (this.state(from).down) return;
    let parts: { host: string; port: string };
    try {
      parts = splitHostPort(address);
    } catch (error) {
      throw new GostError('config', `write udp ${address}: ${(error as Error).message}`);
    }
    const ip = this.resolve(from, parts.host);
    if (!ip) throw new GostError('name-not-resolved', `write udp: lookup ${parts.host}: no such host`);
    const port = Number(parts.port);
    const dst = joinHostPort(ip, parts.port);
    const srcIp =
      socket.bindIp !== '' && socket.bindIp !== '0.0.0.0' ? socket.bindIp : this.sourceIp(from, ip);
    const src = joinHostPort(srcIp, socket.port);
    socket.contacted.add(dst);
    const record = (result: 'delivered' | 'dropped' | 'refused', to?: string, reason?: string) =>
      this.options.recorder.record({
        type: 'net.datagram',
        from,
        src,
        ...(to ? { to } : {}),
        dst,
        bytes: data.length,
        result,
        ...(reason ? { reason } : {}),
      });
    const owner = this.hostOfIp(from, ip);
    let route = this.route(from, ip);
    if ('fail' in route && owner && route.fail === 'unreachable' && !this.state(owner).down) {
      // A reply to a peer behind NAT passes when that peer's socket sent to us first.
      const target = this.findSocket(owner, ip, port);
      if (target?.contacted.has(src) && !this.isCut(from, owner)) route = { host: owner };
    }
    if ('fail' in route) {
      record('dropped', owner, route.reason);
      return;
    }
    const target = this.findSocket(route.host, ip, port);
    if (!target) {
      record('refused', route.host, `nothing listens on udp ${dst}`);
      socket.fail(new GostError('refused', `read udp ${socket.localAddr}->${dst}: connection refused`));
      return;
    }
    if (!target.deliver({ data, addr: src })) {
      record('dropped', route.host, 'receive queue full');
      return;
    }
    record('delivered', route.host);
  }

  private findSocket(host: string, ip: string, port: number): SimPacketConn | undefined {
    return this.state(host).sockets.find(
      (s) => s.port === port && covers({ ip: s.bindIp, port: s.port }, ip),
    );
  }

  /** A connected UDP socket of `from` towards `address` (what a UDP dial returns). */
  dialUdp(from: string, address: string): { socket: SimPacketConn; local: string; remote: string } {
    if (this.state(from).down) throw new GostError('unreachable', `dial udp ${address}: network is down`);
    const { host: name, port } = splitHostPort(address);
    const ip = this.resolve(from, name);
    if (!ip) {
      this.recordConnect('udp', from, '', address, 'name-not-resolved');
      throw new GostError('name-not-resolved', `dial udp ${address}: lookup ${name}: no such host`);
    }
    const remote = joinHostPort(ip, port);
    const route = this.route(from, ip);
    if ('fail' in route && route.fail === 'unreachable') {
      const to = this.hostOfIp(from, ip);
      this.recordConnect('udp', from, this.sourceIp(from, ip), remote, 'unreachable', {
        ...(to ? { to } : {}),
        reason: route.reason,
      });
      throw new GostError('unreachable', `dial udp ${remote}: connect: no route to host`);
    }
    const socket = this.listenUdp(from, ':0');
    const local = joinHostPort(this.sourceIp(from, ip), socket.port);
    return { socket, local, remote };
  }

  // -----------------------------------------------------------------------------------------
  // Faults
  // -----------------------------------------------------------------------------------------

  /** Takes a host off the network: its connections reset, its sockets close. */
  setDown(host: string, down: boolean): void {
    const state = this.state(host);
    state.down = down;
    this.options.touch();
    if (!down) return;
    let count = 0;
    for (const record of [...this.conns.values()]) {
      if (record.client.localHost !== host && record.server.localHost !== host) continue;
      count++;
      const error = new GostError(
        'reset',
        `read tcp ${record.client.localAddr}->${record.client.remoteAddr}: connection reset by peer`,
      );
      record.client.reset(error);
      record.server.reset(error);
      this.conns.delete(record.client.id);
      const open = (this.openPerKey.get(record.key) ?? 1) - 1;
      if (open <= 0) this.openPerKey.delete(record.key);
      else this.openPerKey.set(record.key, open);
    }
    for (const l of [...state.listeners]) l.close();
    for (const s of [...state.sockets]) s.close();
    this.options.recorder.record({ type: 'net.reset', host, conns: count, reason: `${host} went down` });
  }

  /** Cuts or restores the link between two hosts. */
  setCut(a: string, b: string, cut: boolean): void {
    this.state(a);
    this.state(b);
    if (cut) this.cutLinks.add(linkKey(a, b));
    else this.cutLinks.delete(linkKey(a, b));
    for (const record of this.conns.values()) {
      const ends = [record.client.localHost, record.server.localHost];
      if (!(ends.includes(a) && ends.includes(b)) || a === b) continue;
      record.client.holdInbound(cut);
      record.server.holdInbound(cut);
    }
    this.options.touch();
  }
}

function linkKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
