/**
 * The sshd listener and dialer (x/listener/sshd, x/dialer/sshd), modelled (see channel.ts): the
 * listener authenticates with its own `auth`/`auther` (anonymous logins when it has none) and turns
 * channels into conns for the sshd handler; the dialer keeps one session per server address and
 * hands the session to the sshd connector. Credentials belong to the dialer.
 */

import { BufferedReader } from '../../io/reader.js';
import { MuxSession, parseMuxConfig } from '../../mux/smux.js';
import type { DialerModule, ListenerModule } from '../../protocol.js';
import { LayeredListener } from '../../transports/layered-listener.js';
import { connectModelled, acceptModelled, sshAuthCheck } from '../../transports/modelled/stream.js';
import { MuxDialer } from '../../transports/mux-dialer.js';
import { readLineWords, SshClientConn, SshdChannelConn } from './channel.js';

export const sshdListener: ListenerModule = {
  types: ['sshd'],
  async create(options) {
    const ln = await options.env.network.listen('tcp', options.addr);
    const mux = parseMuxConfig(options.metadata);
    return new LayeredListener(ln, options, async (raw, push) => {
      const conn = await acceptModelled(raw, 'sshd', (hello) => sshAuthCheck(hello, 'sshd', options.auther));
      const session = MuxSession.server(conn, mux, options.env.clock);
      try {
        for (;;) {
          const stream = await session.accept();
          void (async () => {
            const reader = new BufferedReader(stream);
            const words = await readLineWords(reader, 'ssh channel').catch(() => []);
            if (words[0] === 'direct-tcpip' || words[0] === 'tcpip-forward') {
              push(new SshdChannelConn(words[0], words[1] ?? '', reader.toConn(), session));
            } else stream.close();
          })();
        }
      } catch {
        // Session over.
      }
    });
  },
};

export const sshdDialer: DialerModule = {
  types: ['sshd'],
  create: (options) =>
    new MuxDialer(
      (raw) =>
        connectModelled(raw, 'sshd', {
          user: options.auth?.username ?? '',
          password: options.auth?.password ?? '',
        }),
      parseMuxConfig(options.metadata),
      options.env.clock,
      async (session) => new SshClientConn(session, session.localAddr, session.remoteAddr),
    ),
};
