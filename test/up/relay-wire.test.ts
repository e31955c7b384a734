/**
 * A relay-protocol client written here from the wire format alone (GOST-SEMANTICS §7: request
 * `VER CMD FEALEN FEATURES`, features `TYPE LEN DATA`, UserAuth, Addr, Network; BIND then smux v1
 * frames `VER CMD LEN(le) SID(le)` with the relay as the mux client), talking to a relay service
 * running under `topo up`: CONNECT reaches an http app by name, BIND opens a port on the relay and
 * carries a connection made to it.
 */

import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { removeTempTopologies, tempTopology, UpProcess } from './helpers.js';

afterAll(removeTempTopologies);

const running: UpProcess[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop();
});

const user = 'tester';
const password = 'wire-pass';

const topology = `name: relay-wire
networks:
  internet: {}
hosts:
  relay:
    addresses: { internet: 203.0.113.10 }
    gost: -L relay://${user}:${password}@:8420?bind=true
  web:
    addresses: { internet: 198.51.100.80 }
    names: [www.example.com]
    apps:
      http: { listen: tcp/80, kind: http }
`;

function feature(type: number, data: Buffer): Buffer {
  const head = Buffer.alloc(3);
  head[0] = type;
  head.writeUInt16BE(data.length, 1);
  return Buffer.concat([head, data]);
}

function userAuth(name: string, pass: string): Buffer {
  return feature(
    0x01,
    Buffer.concat([
      Buffer.from([name.length]),
      Buffer.from(name),
      Buffer.from([pass.length]),
      Buffer.from(pass),
    ]),
  );
}

function domainAddr(host: string, port: number): Buffer {
  const portBytes = Buffer.alloc(2);
  portBytes.writeUInt16BE(port);
  return feature(0x02, Buffer.concat([Buffer.from([0x03, host.length]), Buffer.from(host), portBytes]));
}

function ipv4Addr(ip: string, port: number): Buffer {
  const portBytes = Buffer.alloc(2);
  portBytes.writeUInt16BE(port);
  return feature(0x02, Buffer.concat([Buffer.from([0x01, ...ip.split('.').map(Number)]), portBytes]));
}

function request(cmd: number, features: Buffer[]): Buffer {
  const body = Buffer.concat(features);
  const head = Buffer.from([0x01, cmd, 0, 0]);
  head.writeUInt16BE(body.length, 2);
  return Buffer.concat([head, body]);
}

/** Bytes as they arrive, read by exact counts. */
class Reader {
  private buffer = Buffer.alloc(0);
  private wake: (() => void) | undefined;
  private ended = false;

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake?.();
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake?.();
    });
  }

  async take(n: number): Promise<Buffer> {
    while (this.buffer.length < n) {
      if (this.ended)
        throw new Error(`the relay closed the connection (${this.buffer.length} of ${n} bytes)`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }

  async rest(): Promise<Buffer> {
    while (!this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.buffer;
  }
}

interface Response {
  status: number;
  addr?: string;
}

function parseAddr(data: Buffer): string {
  const type = data[0];
  if (type === 0x01) return `${[...data.subarray(1, 5)].join('.')}:${data.readUInt16BE(5)}`;
  if (type === 0x03) {
    const len = data[1] as number;
    return `${data.subarray(2, 2 + len).toString()}:${data.readUInt16BE(2 + len)}`;
  }
  throw new Error(`address type ${type} in a test of IPv4 and names`);
}

async function readResponse(reader: Reader): Promise<Response> {
  const head = await reader.take(4);
  expect(head[0]).toBe(0x01);
  const features = await reader.take(head.readUInt16BE(2));
  const response: Response = { status: head[1] as number };
  for (let at = 0; at < features.length; ) {
    const type = features[at] as number;
    const len = features.readUInt16BE(at + 1);
    if (type === 0x02) response.addr = parseAddr(features.subarray(at + 3, at + 3 + len));
    at += 3 + len;
  }
  return response;
}

function open(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** smux v1: VER(1)=1 CMD(1) LENGTH(2, little-endian) STREAM ID(4, little-endian) DATA. */
function frame(cmd: number, sid: number, data = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(8);
  head[0] = 1;
  head[1] = cmd;
  head.writeUInt16LE(data.length, 2);
  head.writeUInt32LE(sid, 4);
  return Buffer.concat([head, data]);
}

async function readFrame(reader: Reader): Promise<{ cmd: number; sid: number; data: Buffer }> {
  const head = await reader.take(8);
  expect(head[0]).toBe(1);
  const cmd = head[1] as number;
  // Only PSH frames carry their LENGTH bytes.
  const data = cmd === 2 ? await reader.take(head.readUInt16LE(2)) : Buffer.alloc(0);
  return { cmd, sid: head.readUInt32LE(4), data };
}

describe('a relay client written from the wire format, against topo up', () => {
  it('CONNECTs to an app by name and BINDs a port on the relay', async () => {
    const p = new UpProcess([
      '--format',
      'json',
      tempTopology('relay-wire.yaml', topology),
      '--first-address',
      '127.0.49.1',
      '--port-offset',
      '20000',
    ]);
    running.push(p);
    await p.event('ready');
    const relay = p.entry((e) => e.host === 'relay');
    expect(relay).toMatchObject({ address: '127.0.49.1:28420', protocol: 'relay' });

    // CONNECT: the server holds its answer (nodelay=false) until the target speaks.
    const connectSocket = await open('127.0.49.1', 28420);
    const connectReader = new Reader(connectSocket);
    connectSocket.write(request(0x01, [userAuth(user, password), domainAddr('www.example.com', 80)]));
    connectSocket.write('GET / HTTP/1.1\r\nHost: www.example.com\r\nContent-Length: 0\r\n\r\n');
    expect(await readResponse(connectReader)).toEqual({ status: 0 });
    const page = (await connectReader.rest()).toString('latin1');
    expect(page).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(page.endsWith('\r\n\r\nweb/http\n')).toBe(true);

    // Wrong credentials: 2 Unauthorized.
    const denied = await open('127.0.49.1', 28420);
    const deniedReader = new Reader(denied);
    denied.write(request(0x01, [userAuth(user, 'nope'), domainAddr('www.example.com', 80)]));
    expect((await readResponse(deniedReader)).status).toBe(2);
    denied.destroy();

    // BIND 0.0.0.0:9000 over TCP: the answer carries the bound address as the relay sees it.
    const bindSocket = await open('127.0.49.1', 28420);
    const bindReader = new Reader(bindSocket);
    bindSocket.write(
      request(0x02, [
        userAuth(user, password),
        feature(0x04, Buffer.from([0, 0])),
        ipv4Addr('0.0.0.0', 9000),
      ]),
    );
    expect(await readResponse(bindReader)).toEqual({ status: 0, addr: '0.0.0.0:9000' });

    // A peer dials the bound port (on this machine: the offset applies); the relay opens a stream.
    const peer = await open('127.0.49.1', 29000);
    const peerReader = new Reader(peer);
    peer.write('ping from the peer');
    let syn = await readFrame(bindReader);
    while (syn.cmd === 3) syn = await readFrame(bindReader);
    expect(syn.cmd).toBe(0);
    const sid = syn.sid;
    let got = Buffer.alloc(0);
    let header: Response | undefined;
    while (got.length === 0 || !got.toString('latin1').endsWith('ping from the peer')) {
      const f = await readFrame(bindReader);
      if (f.cmd !== 2 || f.sid !== sid) continue;
      got = Buffer.concat([got, f.data]);
      if (!header && got.length >= 4) {
        const featureLength = got.readUInt16BE(2);
        if (got.length < 4 + featureLength) continue;
        header = { status: got[1] as number, addr: parseAddr(got.subarray(7, 4 + featureLength)) };
        got = got.subarray(4 + featureLength);
      }
    }
    expect(header?.status).toBe(0);
    expect(header?.addr).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(got.toString('latin1')).toBe('ping from the peer');
    bindSocket.write(frame(2, sid, Buffer.from('pong from the binder')));
    expect((await peerReader.take(20)).toString('latin1')).toBe('pong from the binder');
    peer.destroy();
    bindSocket.destroy();
    connectSocket.destroy();
  });
});
