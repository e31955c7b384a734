/**
 * The http proxy handler (x/handler/http/handler.go, udp.go). One request per connection:
 *
 * - no read deadline: bytes without a newline keep it waiting;
 * - auth failure: 407 with `Proxy-Authenticate: Basic realm="…"` (and Connection/Proxy-Connection
 *   close when the client asked for keep-alive);
 * - `X-Gost-Protocol: udp`: 403 unless `udp=true`, else 200 and UDP-TUN frames over a UDP
 *   association through the handler's chain;
 * - CONNECT: dial, then "200 Connection established"; a failed dial is 503;
 * - other methods need an absolute http:// URI (or a relative one whose Host is a DNS name), else
 *   400; the request is re-written to the target without Proxy-Authorization/Proxy-Connection.
 */

import { joinHostPort, trySplitHostPort } from '../../addr.js';
import { GostError } from '../../errors.js';
import { concatBytes } from '../../io/bytes.js';
import { BufferedReader } from '../../io/reader.js';
import { relay } from '../../io/transport.js';
import {
  emit,
  type Handler,
  type HandlerModule,
  type HandlerOptions,
  type RequestContext,
} from '../../protocol.js';
import type { Conn } from '../../types.js';
import { relayDatagrams, UdpTunConn } from '../../udp/tun.js';
import { type HttpHandlerSettings, parseHttpHandlerMetadata } from './metadata.js';
import {
  encodeRequestHead,
  encodeResponse,
  Headers,
  isDnsName,
  type RequestHead,
  readRequestHead,
} from './wire.js';

export function basicCredentials(header: string): { username: string; password: string } | undefined {
  if (!header.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('latin1');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

class HttpHandler implements Handler {
  private readonly settings: HttpHandlerSettings;

  constructor(private readonly options: HandlerOptions) {
    this.settings = parseHttpHandlerMetadata(options.metadata);
  }

  async handle(conn: Conn, ctx: RequestContext): Promise<void> {
    try {
      const reader = new BufferedReader(conn);
      const req = await readRequestHead(reader);
      await this.serve(reader.toConn(), req, ctx);
    } finally {
      conn.close();
    }
  }

  private responseHeaders(): Headers {
    const headers = new Headers();
    for (const [k, v] of Object.entries(this.settings.header)) headers.add(k, v);
    headers.set('Proxy-Agent', this.settings.proxyAgent);
    return headers;
  }

  private async serve(conn: Conn, req: RequestHead, ctx: RequestContext): Promise<void> {
    const { env, service, type } = this.options;
    const scheme = req.scheme === '' && isDnsName(req.host) ? 'http' : req.scheme;
    const network = req.headers.get('X-Gost-Protocol') === 'udp' ? 'udp' : 'tcp';
    const addr = trySplitHostPort(req.host)?.port ? req.host : joinHostPort(req.host, 80);
    emit(env, {
      type: 'handler',
      host: env.hostname,
      service,
      handler: type,
      action: req.method,
      network,
      target: addr,
      client: ctx.clientAddr,
    });

    const auther = this.options.auther;
    if (auther) {
      const creds = basicCredentials(req.headers.get('Proxy-Authorization'));
      const result = auther.authenticate(creds?.username ?? '', creds?.password ?? '');
      if (!result.ok) {
        const headers = this.responseHeaders();
        headers.add('Proxy-Authenticate', `Basic realm="${this.settings.realm}"`);
        if (req.headers.get('Proxy-Connection').toLowerCase() === 'keep-alive') {
          headers.set('Connection', 'close');
          headers.set('Proxy-Connection', 'close');
        }
        await conn.write(encodeResponse(407, headers));
        throw new GostError('auth', 'http: proxy authentication required', { status: 407 });
      }
      ctx = { ...ctx, clientId: result.id };
    }

    if (this.options.bypass?.contains(addr)) {
      await conn.write(encodeResponse(403, this.responseHeaders()));
      throw new GostError('protocol', `bypass: ${addr}`, { status: 403 });
    }
    if (network === 'udp') return this.udp(conn, ctx);

    if (req.method === 'PRI' || (req.method !== 'CONNECT' && scheme !== 'http')) {
      await conn.write(encodeResponse(400, this.responseHeaders()));
      throw new GostError('protocol', `http: bad request ${req.method} ${req.uri}`, { status: 400 });
    }

    const requestCtx = this.settings.hash === 'host' ? { ...ctx, hashSource: addr } : ctx;
    let upstream: Conn;
    try {
      upstream = await this.options.router.dial(requestCtx, 'tcp', addr);
    } catch (error) {
      await conn.write(encodeResponse(503, this.responseHeaders())).catch(() => undefined);
      throw error;
    }

    if (req.method === 'CONNECT') {
      await conn.write(encodeResponse(200, this.responseHeaders(), 'Connection established'));
    } else {
      const headers = req.headers;
      headers.delete('Proxy-Authorization');
      headers.delete('Proxy-Connection');
      await upstream.write(concatBytes([encodeRequestHead(req.method, req.path, req.host, headers)]));
    }
    const result = await relay(conn, upstream);
    emit(env, { type: 'bytes', host: env.hostname, service, sent: result.bToA, received: result.aToB });
    if (result.error) throw result.error;
  }

  private async udp(conn: Conn, ctx: RequestContext): Promise<void> {
    if (!this.settings.enableUdp) {
      await conn.write(encodeResponse(403, this.responseHeaders()));
      throw new GostError('protocol', 'http: UDP relay is disabled', { status: 403 });
    }
    await conn.write(encodeResponse(200, this.responseHeaders()));
    const socket = await this.options.router.associate(ctx);
    await relayDatagrams(new UdpTunConn(conn), socket, this.settings.udpBufferSize);
  }
}

export const httpHandler: HandlerModule = {
  types: ['http'],
  acceptsForwarder: false,
  create: (options) => new HttpHandler(options),
};
