/**
 * A route: one selected node per hop (x/chain/route.go). The first node is dialled from this host
 * and handshaken; every later node is reached by asking the PREVIOUS node's connector to CONNECT
 * (network tcp) to its address, then running its own handshakes; the last connector finally
 * connects to the target. Failing to reach a node marks it; reaching it resets it. A failure of the
 * last CONNECT to the target marks nothing.
 */

import { asGostError, GostError } from '../errors.js';
import { emit, type BindListener, type BindOptions, type RuntimeEnv } from '../protocol.js';
import type { Conn, PacketConn } from '../types.js';
import { directAssociate, directBind, directDial } from './direct.js';
import type { ChainNode } from './node.js';
import type { FailMarker } from './selector.js';

export interface RouteHop {
  node: ChainNode;
  hop: string;
}

export interface RouteOwner {
  name: string;
  marker?: FailMarker;
}

export class Route {
  readonly nodes: RouteHop[] = [];

  constructor(
    private readonly env: RuntimeEnv,
    private readonly service: string | undefined,
    private readonly dialTimeoutMs: number,
    /** The chain whose marker records route failures (absent after a multiplexing split, as in gost). */
    private readonly owner?: RouteOwner,
  ) {}

  add(node: ChainNode, hop: string): void {
    this.nodes.push({ node, hop });
  }

  async dial(network: 'tcp' | 'udp', address: string): Promise<Conn> {
    if (this.nodes.length === 0)
      return directDial(this.env, this.service, network, address, this.dialTimeoutMs);
    const conn = await this.connect();
    const last = this.nodes[this.nodes.length - 1]!;
    try {
      const cc = await last.node.transport!.connect(conn, network, address);
      this.trace(last, address, 'connect', true);
      return cc;
    } catch (error) {
      conn.close();
      const e = this.locate(asGostError(error), last);
      this.trace(last, address, 'connect', false, e);
      throw e;
    }
  }

  /** A UDP association: datagrams to any destination through the route. */
  async associate(): Promise<PacketConn> {
    if (this.nodes.length === 0) return directAssociate(this.env);
    const conn = await this.dial('udp', '');
    if (!isPacketConn(conn)) {
      conn.close();
      throw new GostError('protocol', 'wrong connection type');
    }
    return conn;
  }

  async bind(network: 'tcp' | 'udp', address: string, options: BindOptions): Promise<BindListener> {
    if (this.nodes.length === 0) return directBind(this.env, network, address, options);
    const conn = await this.connect();
    const last = this.nodes[this.nodes.length - 1]!;
    try {
      const ln = await last.node.transport!.bind(conn, network, address, options);
      this.trace(last, address, 'bind', true);
      return ln;
    } catch (error) {
      conn.close();
      const e = this.locate(asGostError(error), last);
      this.trace(last, address, 'bind', false, e);
      throw e;
    }
  }

  /** Builds the stream to the last node's server. */
  async connect(): Promise<Conn> {
    try {
      const conn = await this.reachNodes();
      this.owner?.marker?.reset();
      return conn;
    } catch (error) {
      this.owner?.marker?.mark();
      throw error;
    }
  }

  private async reachNodes(): Promise<Conn> {
    const first = this.nodes[0]!;
    const tr = first.node.transport!;
    let conn: Conn;
    try {
      conn = await tr.dial(first.node.addr, this.dialTimeoutMs);
    } catch (error) {
      first.node.marker.mark();
      const e = this.locate(asGostError(error), first);
      this.trace(first, first.node.addr, 'dial', false, e);
      throw e;
    }
    try {
      conn = await tr.handshake(conn, first.node.addr);
    } catch (error) {
      conn.close();
      first.node.marker.mark();
      const e = this.locate(asGostError(error, 'handshake'), first);
      this.trace(first, first.node.addr, 'handshake', false, e);
      throw e;
    }
    first.node.marker.reset();
    this.trace(first, first.node.addr, 'dial', true);

    let previous = first;
    for (const current of this.nodes.slice(1)) {
      let step: 'connect' | 'handshake' = 'connect';
      try {
        const cc = await previous.node.transport!.connect(conn, 'tcp', current.node.addr);
        step = 'handshake';
        conn = await current.node.transport!.handshake(cc, current.node.addr);
      } catch (error) {
        conn.close();
        current.node.marker.mark();
        const e = this.locate(
          asGostError(error, step === 'handshake' ? 'handshake' : 'protocol'),
          step === 'connect' ? previous : current,
        );
        this.trace(current, current.node.addr, step, false, e);
        throw e;
      }
      current.node.marker.reset();
      this.trace(current, current.node.addr, 'connect', true);
      previous = current;
    }
    return conn;
  }

  private locate(error: GostError, where: RouteHop): GostError {
    return error.locate({
      host: this.env.hostname,
      service: this.service,
      chain: this.owner?.name,
      hop: where.hop,
      node: where.node.name,
    });
  }

  private trace(
    where: RouteHop,
    addr: string,
    step: 'dial' | 'handshake' | 'connect' | 'bind',
    ok: boolean,
    error?: GostError,
  ): void {
    emit(this.env, {
      type: 'route',
      host: this.env.hostname,
      service: this.service,
      chain: this.owner?.name,
      hop: where.hop,
      node: where.node.name,
      addr,
      step,
      ok,
      ...(error ? { error: error.message } : {}),
    });
  }
}

export function isPacketConn(value: unknown): value is PacketConn & Conn {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PacketConn).readFrom === 'function' &&
    typeof (value as PacketConn).writeTo === 'function'
  );
}
