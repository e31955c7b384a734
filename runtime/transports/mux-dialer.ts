/**
 * Multiplexing dialers (mtls, mws, mwss; x/dialer/mtls, x/dialer/mws): one session per node address,
 * one smux stream per connection. Dial reuses the session's raw conn while the session lives; the
 * handshake runs the transport layer and starts the smux CLIENT session the first time, then opens a
 * stream.
 */

import { MuxSession, type MuxConfig } from '../mux/smux.js';
import type { DialContext, Dialer } from '../protocol.js';
import type { Clock, Conn } from '../types.js';

interface SessionEntry {
  /** The raw conn of the session (a dial in progress while pending). */
  raw: Promise<Conn>;
  /** Set by the first handshake on the raw conn; later ones wait for the same session. */
  session?: Promise<MuxSession>;
  live?: MuxSession;
}

export class MuxDialer implements Dialer {
  readonly multiplex = true;
  private readonly sessions = new Map<string, SessionEntry>();

  constructor(
    /** The transport layer under the mux (TLS, WebSocket upgrade, or both). */
    private readonly layer: (raw: Conn, addr: string) => Promise<Conn>,
    private readonly config: MuxConfig,
    private readonly clock: Clock,
    /** What a handshake returns for the session: a new stream, or (sshd) the session itself. */
    private readonly finish: (session: MuxSession, addr: string) => Promise<Conn> = (session) =>
      session.open(),
    /** The raw dial's network: tcp, or udp for the datagram transports. */
    private readonly network: 'tcp' | 'udp' = 'tcp',
  ) {}

  /** Dials once per address while the session lives; concurrent dials share the dial in progress. */
  async dial(addr: string, ctx: DialContext): Promise<Conn> {
    const existing = this.sessions.get(addr);
    if (existing && !existing.live?.isClosed) return existing.raw;
    const entry: SessionEntry = { raw: ctx.rawDial(this.network, addr) };
    this.sessions.set(addr, entry);
    try {
      return await entry.raw;
    } catch (error) {
      if (this.sessions.get(addr) === entry) this.sessions.delete(addr);
      throw error;
    }
  }

  async handshake(conn: Conn, addr: string): Promise<Conn> {
    let entry = this.sessions.get(addr);
    if (!entry || (await entry.raw) !== conn || entry.live?.isClosed) {
      entry = { raw: Promise.resolve(conn) };
      this.sessions.set(addr, entry);
    }
    const current = entry;
    current.session ??= this.layer(conn, addr).then(
      (layered) => {
        current.live = MuxSession.client(layered, this.config, this.clock);
        return current.live;
      },
      (error: unknown) => {
        if (this.sessions.get(addr) === current) this.sessions.delete(addr);
        throw error;
      },
    );
    return this.finish(await current.session, addr);
  }
}
