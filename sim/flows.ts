/**
 * The client side of an expectation, written against the runtime's `Network` and `Clock` only, so
 * the same engine can drive real sockets: dial the destination (or the proxy, and ask it for the
 * destination), then speak to the app it expects — read the banner first from a server-first app,
 * send an HTTP request to an http app, otherwise send `count` messages of `size` bytes and read each
 * echo (UDP: one datagram each) — all within a deadline. The report says how far the client got and
 * what it saw; turning that into a disposition is the simulator's job (disposition.ts).
 */

import type { ProxyPlan } from '../compiler/lower/plan.js';
import { joinHostPort } from '../runtime/addr.js';
import { asGostError, GostError } from '../runtime/errors.js';
import { concatBytes, fromLatin1, latin1, utf8 } from '../runtime/io/bytes.js';
import { BufferedReader } from '../runtime/io/reader.js';
import { encodeUdpHeader, decodeUdpDatagram, parseSocksAddr } from '../runtime/protocols/socks5/wire.js';
import { readResponseHead } from '../runtime/protocols/http/wire.js';
import type { Clock, Conn, Network, PacketConn } from '../runtime/types.js';
import { encodeTunFrame, readTunFrame } from '../runtime/udp/tun.js';
import { Buffer } from 'node:buffer';
import { PayloadHash } from './payload-hash.js';
import { httpConnect, ProxyRefusal, type ProxyTunnel, socks4Connect, socks5Connect } from './proxy-client.js';

export const defaultFlowDeadlineMs = 30_000;

export type AppKind = 'echo' | 'banner' | 'http';

export interface FlowSpec {
  name: string;
  protocol: 'tcp' | 'udp';
  host: string;
  port: number;
  proxy?: ProxyPlan;
  payloadSize: number;
  payloadCount: number;
  /** The app the client believes it talks to, which decides what it sends first. */
  app: { kind: AppKind; banner?: string };
  deadlineMs?: number;
}

export interface FlowEnv {
  network: Network;
  clock: Clock;
  /** Payload bytes (a seeded source in the simulator). */
  randomBytes(n: number): Uint8Array;
  /**
   * Overwrites `into` with the bytes `randomBytes(into.length)` would return, so a bulk flow can
   * draw every message into one buffer instead of a fresh one each time.
   */
  fillRandom?(into: Uint8Array): void;
  /** The client host's resolver (socks5/socks4 resolve before asking the proxy). */
  resolve(name: string): string | undefined;
  /** Notes a client step for the trace. */
  log?(action: string, detail?: string, extra?: { bytes?: number; ok?: boolean }): void;
}

export type FlowStage = 'resolve' | 'connect' | 'proxy' | 'banner' | 'exchange' | 'done';

export interface ClientReport {
  stage: FlowStage;
  result: 'ok' | 'failed' | 'closed' | 'deadline' | 'corrupted';
  error?: { kind: string; message: string };
  /** A status the proxy answered with (`http_407`, `socks5_status_2`, ...). */
  status?: string;
  refusal?: 'auth' | 'udp' | 'other';
  /** Application bytes sent after the tunnel was up, and received back. */
  sentBytes: number;
  receivedBytes: number;
  /** What the app should have received: byte count and hash (payload-hash.ts) of the whole payload. */
  payloadBytes: number;
  payloadHash: number;
  /** Sizes of the datagrams sent (UDP). */
  datagramSize: number;
  /** Replies shorter than what was sent (a truncated UDP datagram came back). */
  shortReplies: number;
  /** The http app's answer body (`host/app`). */
  answeredBy?: string;
  startedAt: number;
  endedAt: number;
}

class Deadline extends Error {}

/** Why the deadline timer is cancelled: an explicit reason spares a DOMException per flow. */
const flowEnded = Object.freeze({ reason: 'the flow ended' });

/**
 * The flow's messages, drawn one at a time as the exchange reaches them, so a bulk flow holds one
 * message rather than its whole payload. A flow has a generator of its own and draws in message
 * order either way, so its bytes are the ones drawing every message up front gave.
 */
class Payload {
  private drawn = 0;
  private readonly hash = new PayloadHash();
  private spare: Uint8Array | undefined;

  constructor(
    private readonly env: FlowEnv,
    readonly size: number,
    readonly count: number,
  ) {}

  get totalBytes(): number {
    return this.size * this.count;
  }

  /**
   * The next message; each is drawn once, in order. With `reuse` it overwrites the previous one:
   * the caller is done with a message before it asks for the next.
   */
  next(reuse = false): Uint8Array {
    if (this.drawn >= this.count) throw new Error(`the payload has only ${this.count} messages`);
    this.drawn++;
    let message: Uint8Array;
    if (reuse && this.env.fillRandom) {
      this.spare ??= new Uint8Array(this.size);
      this.env.fillRandom(this.spare);
      message = this.spare;
    } else message = this.env.randomBytes(this.size);
    this.hash.update(message);
    return message;
  }

  /**
   * The messages not drawn yet, with their indexes. With `reuse` each one overwrites the previous
   * one (a stream exchange: the network copied it and its echo was compared before the next).
   */
  *messages(reuse = false): Generator<[index: number, message: Uint8Array]> {
    while (this.drawn < this.count) {
      const index = this.drawn;
      yield [index, this.next(reuse)];
    }
  }

  /** The hash of the whole payload, drawing the messages the exchange never reached. */
  finalHash(): number {
    while (this.drawn < this.count) this.next(true);
    return this.hash.value;
  }
}

export async function runFlow(spec: FlowSpec, env: FlowEnv): Promise<ClientReport> {
  const payload = new Payload(env, spec.payloadSize, spec.payloadCount);
  const report: ClientReport = {
    stage: 'resolve',
    result: 'ok',
    sentBytes: 0,
    receivedBytes: 0,
    payloadBytes: payload.totalBytes,
    payloadHash: 0,
    datagramSize: spec.payloadSize,
    shortReplies: 0,
    startedAt: env.clock.now(),
    endedAt: 0,
  };
  const opened: { close(): void }[] = [];
  const stop = new AbortController();
  const deadlineMs = spec.deadlineMs ?? defaultFlowDeadlineMs;
  const deadline = env.clock.sleep(deadlineMs, stop.signal).then(() => {
    if (stop.signal.aborted) return;
    throw new Deadline();
  });
  try {
    await Promise.race([drive(spec, env, report, payload, opened), deadline]);
    report.stage = 'done';
  } catch (error) {
    if (error instanceof Deadline) {
      report.result = 'deadline';
      env.log?.('deadline', `no answer within ${deadlineMs / 1000}s`, { ok: false });
    } else if (error instanceof ProxyRefusal) {
      report.result = 'failed';
      report.error = { kind: error.reason === 'auth' ? 'auth' : 'protocol', message: error.message };
      if (error.status) report.status = error.status;
      report.refusal = error.reason;
      env.log?.('proxy refused', error.message, { ok: false });
    } else if (error instanceof Closed) {
      report.result = 'closed';
      env.log?.('closed', error.message, { ok: false });
    } else if (error instanceof Corrupted) {
      report.result = 'corrupted';
      report.error = { kind: 'protocol', message: error.message };
      env.log?.('corrupted', error.message, { ok: false });
    } else {
      const e = asGostError(error);
      report.result = 'failed';
      report.error = { kind: e.kind, message: e.message };
      env.log?.('failed', e.message, { ok: false });
    }
  } finally {
    stop.abort(flowEnded);
    for (const c of opened) c.close();
    report.payloadHash = payload.finalHash();
    report.endedAt = env.clock.now();
  }
  return report;
}

/** The peer closed (or reset) the connection before the exchange was complete. */
class Closed extends Error {}
/** The reply does not match what was sent. */
class Corrupted extends Error {}

async function drive(
  spec: FlowSpec,
  env: FlowEnv,
  report: ClientReport,
  payload: Payload,
  opened: { close(): void }[],
): Promise<void> {
  const proxy = spec.proxy;
  let resolved = spec.host;
  if (proxy && (proxy.scheme === 'socks5' || proxy.scheme === 'socks4')) {
    const ip = env.resolve(spec.host);
    if (!ip) throw new GostError('name-not-resolved', `lookup ${spec.host}: no such host`);
    resolved = ip;
  }
  report.stage = 'connect';
  const target = { protocol: spec.protocol, host: spec.host, port: spec.port };
  if (!proxy) {
    const address = joinHostPort(spec.host, spec.port);
    const conn = await env.network.dial(spec.protocol, address);
    opened.push(conn);
    env.log?.('connect', `${spec.protocol} ${address} from ${conn.localAddr}`, { ok: true });
    if (spec.protocol === 'udp')
      return exchangeDatagrams(
        env,
        report,
        payload,
        (d) => conn.write(d),
        (max) => conn.read(max),
      );
    return exchangeStream(spec, env, report, payload, conn);
  }
  const proxyAddress = joinHostPort(proxy.host, proxy.port);
  const control = await env.network.dial('tcp', proxyAddress);
  opened.push(control);
  env.log?.('connect', `${proxy.scheme} proxy ${proxyAddress} from ${control.localAddr}`, { ok: true });
  report.stage = 'proxy';
  let tunnel: ProxyTunnel;
  try {
    tunnel =
      proxy.scheme === 'http'
        ? await httpConnect(control, proxy, target)
        : proxy.scheme === 'socks4' || proxy.scheme === 'socks4a'
          ? await socks4Connect(control, proxy, target, resolved)
          : await socks5Connect(control, proxy, target, resolved);
  } catch (error) {
    if (
      error instanceof GostError &&
      (error.kind === 'eof' || error.kind === 'reset' || error.kind === 'closed')
    ) {
      throw new Closed(
        `the proxy closed the connection during the ${proxy.scheme} handshake: ${error.message}`,
      );
    }
    throw error;
  }
  env.log?.('proxy', `${proxy.scheme} ${spec.protocol} ${joinHostPort(spec.host, spec.port)} granted`, {
    ok: true,
  });
  if (spec.protocol === 'tcp') return exchangeStream(spec, env, report, payload, tunnel.conn);
  if (tunnel.udpRelay) {
    const socket = await env.network.listen('udp', ':0');
    opened.push(socket);
    const relayAddr = tunnel.udpRelay;
    const destination = parseSocksAddr(
      joinHostPort(spec.proxy?.scheme === 'socks5h' ? spec.host : resolved, spec.port),
    );
    return exchangeDatagrams(
      env,
      report,
      payload,
      (d) => socket.writeTo(concatBytes([encodeUdpHeader(0, 0, destination), d]), relayAddr),
      () => readRelayed(socket),
    );
  }
  const reader = new BufferedReader(tunnel.conn);
  const destination = joinHostPort(spec.host, spec.port);
  return exchangeDatagrams(
    env,
    report,
    payload,
    (d) => tunnel.conn.write(encodeTunFrame(d, destination)),
    async () => (await readTunFrame(reader))?.data ?? null,
  );
}

async function readRelayed(socket: PacketConn): Promise<Uint8Array | null> {
  const d = await socket.readFrom(65_535);
  if (d === null) return null;
  return decodeUdpDatagram(d.data).data;
}

/** A read that ended the exchange early: a closed or reset connection is `Closed`, anything else itself. */
function endedEarly(error: unknown, what: string, got: number, n: number): Error {
  const e = asGostError(error);
  if (e.kind === 'eof' || e.kind === 'reset' || e.kind === 'closed') {
    return new Closed(`${what}: the connection ended after ${got} of ${n} bytes (${e.message})`);
  }
  return e;
}

async function readFull(reader: BufferedReader, n: number, what: string): Promise<Uint8Array> {
  try {
    return await reader.readExact(n, what);
  } catch (error) {
    throw endedEarly(error, what, reader.buffered, n);
  }
}

/**
 * Reads the echo of `message`, comparing each chunk as it arrives rather than joining a large echo
 * into one buffer first; true when all of it matched.
 */
async function readEcho(reader: BufferedReader, message: Uint8Array): Promise<boolean> {
  const n = message.length;
  let got = 0;
  let same = true;
  while (got < n) {
    let chunk: Uint8Array | null;
    try {
      chunk = await reader.readSome(n - got);
    } catch (error) {
      throw endedEarly(error, 'echo', got, n);
    }
    if (chunk === null) {
      const eof = new GostError('eof', got === 0 ? 'echo: EOF' : 'echo: unexpected EOF');
      throw endedEarly(eof, 'echo', got, n);
    }
    same &&= equalBytes(chunk, message.subarray(got, got + chunk.length));
    got += chunk.length;
  }
  return same;
}

async function exchangeStream(
  spec: FlowSpec,
  env: FlowEnv,
  report: ClientReport,
  payload: Payload,
  conn: Conn,
): Promise<void> {
  const reader = new BufferedReader(conn);
  if (spec.app.kind === 'http') return exchangeHttp(spec, env, report, payload, conn, reader);
  if (spec.app.kind === 'banner') {
    report.stage = 'banner';
    const banner = utf8(spec.app.banner ?? '');
    env.log?.('wait banner', `${banner.length} bytes`);
    const got = await readFull(reader, banner.length, 'banner');
    report.receivedBytes += got.length;
    if (latin1(got) !== latin1(banner))
      throw new Corrupted(`unexpected banner ${JSON.stringify(latin1(got))}`);
    env.log?.('banner', JSON.stringify(latin1(got).trim()), { bytes: got.length, ok: true });
  }
  report.stage = 'exchange';
  for (const [i, message] of payload.messages(true)) {
    await conn.write(message);
    report.sentBytes += message.length;
    env.log?.('send', `message ${i + 1}/${payload.count}`, { bytes: message.length });
    const intact = await readEcho(reader, message);
    report.receivedBytes += message.length;
    if (!intact) throw new Corrupted(`echo of message ${i + 1} differs from what was sent`);
    env.log?.('receive', `echo ${i + 1}/${payload.count}`, { bytes: message.length, ok: true });
  }
}

async function exchangeHttp(
  spec: FlowSpec,
  env: FlowEnv,
  report: ClientReport,
  payload: Payload,
  conn: Conn,
  reader: BufferedReader,
): Promise<void> {
  report.stage = 'exchange';
  const body = concatBytes(Array.from(payload.messages(), ([, message]) => message));
  const authority = joinHostPort(spec.host, spec.port);
  const head = [
    'POST / HTTP/1.1',
    `Host: ${authority}`,
    'User-Agent: topo-sim',
    `Content-Length: ${body.length}`,
    'Content-Type: application/octet-stream',
    '',
    '',
  ].join('\r\n');
  await conn.write(concatBytes([fromLatin1(head), body]));
  report.sentBytes += body.length;
  env.log?.('send', `POST / (${body.length} bytes)`, { bytes: body.length });
  let status: number;
  let length: number;
  try {
    const response = await readResponseHead(reader);
    status = response.statusCode;
    length = Number(response.headers.get('Content-Length') || '0');
  } catch (error) {
    const e = asGostError(error);
    if (e.kind === 'eof' || e.kind === 'reset' || e.kind === 'closed')
      throw new Closed(`no HTTP response: ${e.message}`);
    throw new Corrupted(`not an HTTP response: ${e.message}`);
  }
  const answer = await readFull(reader, length, 'http body');
  report.receivedBytes += answer.length;
  if (status !== 200) throw new Corrupted(`the app answered HTTP ${status}`);
  report.answeredBy = latin1(answer).trim();
  env.log?.('receive', `200 OK from ${report.answeredBy}`, { bytes: answer.length, ok: true });
}

async function exchangeDatagrams(
  env: FlowEnv,
  report: ClientReport,
  payload: Payload,
  send: (d: Uint8Array) => Promise<void>,
  receive: (max: number) => Promise<Uint8Array | null>,
): Promise<void> {
  report.stage = 'exchange';
  for (const [i, message] of payload.messages()) {
    await send(message);
    report.sentBytes += message.length;
    env.log?.('send', `datagram ${i + 1}/${payload.count}`, { bytes: message.length });
    const reply = await receive(65_535);
    if (reply === null) throw new Closed('the socket closed before a reply came');
    report.receivedBytes += reply.length;
    if (reply.length < message.length) {
      report.shortReplies++;
      env.log?.('receive', `datagram ${i + 1}: ${reply.length} of ${message.length} bytes`, {
        bytes: reply.length,
        ok: false,
      });
      continue;
    }
    if (!equalBytes(reply, message))
      throw new Corrupted(`reply to datagram ${i + 1} differs from what was sent`);
    env.log?.('receive', `datagram ${i + 1}/${payload.count}`, { bytes: reply.length, ok: true });
  }
  if (report.shortReplies > 0) throw new Corrupted(`${report.shortReplies} replies came back truncated`);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}
