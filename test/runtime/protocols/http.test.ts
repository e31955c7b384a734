import { afterEach, describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../../../runtime/io/bytes.js';
import { BufferedReader } from '../../../runtime/io/reader.js';
import { forwarder, proxyNode, server } from '../chains.js';
import {
  createLab,
  echoServer,
  isPending,
  type Lab,
  readText,
  readToEnd,
  udpEchoServer,
  until,
} from '../helpers.js';

const hosts = { client: ['10.0.0.1'], proxy: ['10.0.0.2'], target: ['10.0.0.3'] };
let lab: Lab;
afterEach(() => lab?.close());
const errors = () => lab.events.flatMap((e) => (e.type === 'error' ? [e.message] : []));

async function rawRequest(text: string): Promise<string> {
  const c = await lab.world.host('client').network.dial('tcp', '10.0.0.2:8000');
  await c.write(utf8(text));
  return fromUtf8(await readToEnd(c));
}

describe('http connector and handler', () => {
  it('sends CONNECT the way Go writes it', async () => {
    lab = createLab(hosts);
    const raw = await lab.world.host('proxy').network.listen('tcp', ':8000');
    await lab.start(
      'client',
      forwarder('10.0.0.3:80', [
        [proxyNode('p', { connector: 'http', auth: { username: 'u', password: 'p' } })],
      ]),
    );
    await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    const conn = await raw.accept();
    const head = fromUtf8((await conn.read())!);
    expect(head).toBe(
      'CONNECT 10.0.0.3:80 HTTP/1.1\r\nHost: 10.0.0.3:80\r\nUser-Agent: Go-http-client/1.1\r\n' +
        'Proxy-Authorization: Basic dTpw\r\nProxy-Connection: keep-alive\r\n\r\n',
    );
  });

  it('tunnels through CONNECT', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('proxy', server('http'));
    await lab.start('client', forwarder('10.0.0.3:80', [[proxyNode('p', { connector: 'http' })]]));
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    await app.write(utf8('abc'));
    expect(await readText(app, 3)).toBe('abc');
  });

  it('answers 407 with a Basic challenge and the connector reports the status line', async () => {
    lab = createLab(hosts);
    await lab.start('proxy', server('http', { auth: { username: 'u', password: 'p' } }));
    const response = await rawRequest(
      'CONNECT 10.0.0.3:80 HTTP/1.1\r\nHost: 10.0.0.3:80\r\nProxy-Connection: keep-alive\r\n\r\n',
    );
    expect(response).toBe(
      'HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\nConnection: close\r\n' +
        'Proxy-Agent: gost/3.0\r\nProxy-Authenticate: Basic realm="gost"\r\nProxy-Connection: close\r\n\r\n',
    );
    await lab.start('client', forwarder('10.0.0.3:80', [[proxyNode('p', { connector: 'http' })]]));
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    expect((await readToEnd(app)).length).toBe(0);
    expect(await until(() => errors().includes('407 Proxy Authentication Required'))).toBe(true);
  });

  it('forwards an absolute-URI request to the target, rewritten and without proxy headers', async () => {
    lab = createLab(hosts);
    const target = await lab.world.host('target').network.listen('tcp', ':80');
    await lab.start('proxy', server('http'));
    const c = await lab.world.host('client').network.dial('tcp', '10.0.0.2:8000');
    await c.write(
      utf8(
        'GET http://10.0.0.3/x?y=1 HTTP/1.1\r\nHost: 10.0.0.3\r\nProxy-Connection: keep-alive\r\nAccept: */*\r\n\r\n',
      ),
    );
    const upstream = await target.accept();
    const reader = new BufferedReader(upstream);
    const lines: string[] = [];
    for (;;) {
      const line = fromUtf8(await reader.readLine(4096));
      if (line === '\r\n') break;
      lines.push(line.trim());
    }
    expect(lines).toEqual([
      'GET /x?y=1 HTTP/1.1',
      'Host: 10.0.0.3',
      'User-Agent: Go-http-client/1.1',
      'Accept: */*',
    ]);
  });

  it('rejects non-http requests with 400 and stalls on bytes without a newline', async () => {
    lab = createLab(hosts);
    await lab.start('proxy', server('http'));
    expect(await rawRequest('GET /relative HTTP/1.1\r\nHost: 10.0.0.3:80\r\n\r\n')).toMatch(
      /^HTTP\/1.1 400 Bad Request\r\n/,
    );
    const c = await lab.world.host('client').network.dial('tcp', '10.0.0.2:8000');
    await c.write(Uint8Array.of(5, 2, 0, 0x80));
    expect(await isPending(c.read())).toBe(true);
  });

  it('refuses UDP with 403 unless udp=true', async () => {
    for (const udp of [false, true]) {
      lab = createLab(hosts);
      await udpEchoServer(lab.world.host('target'), ':53', 'h:');
      await lab.start('proxy', server('http', { metadata: { udp } }));
      await lab.start(
        'client',
        forwarder('10.0.0.3:53', [[proxyNode('p', { connector: 'http' })]], { udp: true }),
      );
      const app = await lab.world.host('client').network.dial('udp', '127.0.0.1:8080');
      await app.write(utf8('q'));
      if (udp) expect(await readText(app, 3)).toBe('h:q');
      else expect(await until(() => errors().includes('403 Forbidden'))).toBe(true);
      lab.close();
    }
  });
});

describe('socks4 and auto', () => {
  it('socks4a connector through a socks4 handler', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('proxy', server('socks4'));
    await lab.start('client', forwarder('10.0.0.3:80', [[proxyNode('p', { connector: 'socks4a' })]]));
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    await app.write(utf8('s4'));
    expect(await readText(app, 2)).toBe('s4');
  });

  it('socks4 reports every refusal as "host unreachable" and cannot carry UDP', async () => {
    lab = createLab(hosts);
    await lab.start('proxy', server('socks4', { auth: { username: 'u', password: 'p' } }));
    await lab.start(
      'client',
      forwarder('10.0.0.3:80', [
        [proxyNode('p', { connector: 'socks4', auth: { username: 'u', password: 'p' } })],
      ]),
    );
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    expect((await readToEnd(app)).length).toBe(0);
    expect(await until(() => errors().includes('host unreachable'))).toBe(true);
    lab.close();
    lab = createLab(hosts);
    await lab.start('proxy', server('socks4'));
    await lab.start(
      'client',
      forwarder('10.0.0.3:53', [[proxyNode('p', { connector: 'socks4' })]], { udp: true }),
    );
    const udp = await lab.world.host('client').network.dial('udp', '127.0.0.1:8080');
    await udp.write(utf8('x'));
    expect(await until(() => errors().includes('network udp is unsupported'))).toBe(true);
  });

  it('auto serves http, socks4 and socks5 clients on one port', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('proxy', server('auto'));
    for (const connector of ['http', 'socks4', 'socks5']) {
      const client = await lab.start('client', {
        ...forwarder('10.0.0.3:80', [[proxyNode('p', { connector })]]),
      });
      const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
      await app.write(utf8(connector));
      expect(await readText(app, connector.length)).toBe(connector);
      app.close();
      client.close();
    }
  });
});
