/**
 * kcp and quic, modelled over real UDP datagrams (datagram-stream.ts) with an smux session inside.
 * They listen on UDP ports, so a kcp/quic dialer against a TCP service finds nobody and times out.
 *
 * - kcp (x/listener/kcp, x/dialer/kcp): `kcp.key`, `kcp.crypt`, `kcp.datashard`, `kcp.parityshard`,
 *   `kcp.nocomp`, `kcp.smuxver`, `kcp.tcp` must all match; otherwise the server cannot make sense of
 *   the packets and stays silent: the client times out (15 s here).
 * - quic (x/listener/quic, x/dialer/quic): `cipherKey` must match (else silence, timeout after
 *   `handshakeTimeout`, default 5 s); the server presents its certificate and the client verifies it
 *   as TLS would (`secure`, `caFile`, `serverName`).
 */

import { X509Certificate } from 'node:crypto';
import { parseIP } from '../../addr.js';
import { GostError } from '../../errors.js';
import type { Metadata } from '../../metadata.js';
import { MuxSession, parseMuxConfig } from '../../mux/smux.js';
import type { DialerModule, DialerOptions, ListenerModule } from '../../protocol.js';
import { LayeredListener } from '../layered-listener.js';
import { MuxDialer } from '../mux-dialer.js';
import type { ClientTlsOptions } from '../tls-types.js';
import { DatagramStreamServer, dialDatagramStream } from './datagram-stream.js';
import type { Settings } from './hello.js';

function kcpSettings(md: Metadata): Settings {
  return {
    key: md.string('kcp.key'),
    crypt: md.string('kcp.crypt'),
    datashard: md.int('kcp.datashard'),
    parityshard: md.int('kcp.parityshard'),
    nocomp: md.bool('kcp.nocomp'),
    smuxver: md.int('kcp.smuxver'),
    tcp: md.bool('kcp.tcp'),
  };
}

function quicSettings(md: Metadata): Settings {
  return { cipherKey: md.string('cipherKey') };
}

function sameSettings(a: Settings, b: Settings): boolean {
  return Object.keys(a).every((k) => a[k] === b[k]);
}

/** The TLS checks of a QUIC client, with Go's error texts. */
export function verifyCertificate(certPem: string, tls: ClientTlsOptions): void {
  if (!tls.secure && !tls.caPem) return;
  const cert = new X509Certificate(certPem);
  const trusted = tls.caPem ? cert.verify(new X509Certificate(tls.caPem).publicKey) : false;
  if (!trusted)
    throw new GostError(
      'handshake',
      'tls: failed to verify certificate: x509: certificate signed by unknown authority',
    );
  if (!tls.secure) return;
  const matches = parseIP(tls.serverName) ? cert.checkIP(tls.serverName) : cert.checkHost(tls.serverName);
  if (!matches)
    throw new GostError(
      'handshake',
      `tls: failed to verify certificate: x509: certificate is not valid for ${tls.serverName}`,
    );
}

function udpModel(
  transport: 'kcp' | 'quic',
  settingsOf: (md: Metadata) => Settings,
  timeoutMs: (md: Metadata) => number,
): { listener: ListenerModule; dialer: DialerModule } {
  return {
    listener: {
      types: [transport],
      async create(options) {
        const socket = await options.env.network.listen('udp', options.addr);
        const mine = settingsOf(options.metadata);
        const certPem = options.tls.certificate.certPem;
        const accept: Settings = transport === 'quic' ? { certPem } : {};
        const server = new DatagramStreamServer(socket, (hello) =>
          hello.transport === transport && sameSettings(mine, hello) ? accept : undefined,
        );
        const mux = parseMuxConfig(options.metadata);
        return new LayeredListener(server, options, async (conn, push) => {
          const session = MuxSession.server(conn, mux, options.env.clock);
          try {
            for (;;) push(await session.accept());
          } catch {
            // Session over.
          }
        });
      },
    },
    dialer: {
      types: [transport],
      create: (options: DialerOptions) =>
        new MuxDialer(
          (raw) =>
            dialDatagramStream(raw, {
              transport,
              settings: settingsOf(options.metadata),
              timeoutMs: timeoutMs(options.metadata),
              clock: options.env.clock,
              verify:
                transport === 'quic'
                  ? (accept) => verifyCertificate(String(accept.certPem), options.tls)
                  : undefined,
            }),
          parseMuxConfig(options.metadata),
          options.env.clock,
          undefined,
          'udp',
        ),
    },
  };
}

export const kcp = udpModel('kcp', kcpSettings, () => 15_000);
export const quic = udpModel('quic', quicSettings, (md) => md.durationMs('handshakeTimeout') || 5_000);
