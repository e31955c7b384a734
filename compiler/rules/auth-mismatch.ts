import { passThroughConnectors } from '../gost/protocol-facts.js';
import { defineRule } from './define-rule.js';
import { clientAuth, describeService, nodeSpan, protocolPeersOf, serverAuth, serversOf } from './util.js';

const refusal: Record<string, string> = {
  relay: 'the relay server answers status 2 Unauthorized',
  socks5: 'the socks5 server rejects the method ("bad method") or the password ("auth failure")',
  socks4: 'the socks4 server rejects the request',
  http: 'the http server answers 407 Proxy Authentication Required',
  auto: 'the server rejects the request (407, or socks "bad method"/"auth failure")',
  sshd: 'the SSH handshake fails ("unable to authenticate")',
  ssh: 'the SSH handshake fails ("unable to authenticate")',
};

export default defineRule({
  id: 'auth-mismatch',
  severity: 'error',
  docs: {
    summary:
      'A chain node presents no credentials, or other credentials, than the service it dials requires.',
    why:
      'gost checks credentials before any command: relay answers 2 Unauthorized, http 407, socks5 "bad method" or "auth failure", ' +
      'SSH fails the handshake. For rtcp/rudp the bind is refused and the client retries forever.',
    fix: 'Give the node the same `user:pass@` (connector auth; dialer auth for ssh/sshd) as the server handler auth or one of its auther entries.',
  },
  check(model, report) {
    for (const node of model.nodes) {
      // A pass-through connector carries the client application's own protocol; the peer is unknown.
      if (passThroughConnectors.has(node.connector)) continue;
      // SSH transports authenticate at the listener the node dials; proxy protocols at whatever
      // reads their bytes (a forwarder passes them on).
      const sshLike = node.dialer === 'ssh' || node.dialer === 'sshd';
      for (const server of sshLike ? serversOf(node) : protocolPeersOf(node)) {
        const required = serverAuth(server);
        if (!required || required.users === 'any') continue;
        const { auth, path } = clientAuth(node);
        const proto =
          server.listener === 'ssh' || server.listener === 'sshd' ? server.listener : server.handler;
        const consequence = refusal[proto] ?? 'the server rejects the connection';
        const related = [
          {
            span: server.process.spans.get(required.path),
            message: `${describeService(server)} requires credentials here`,
          },
        ];
        if (!auth) {
          report({
            message: `node ${node.name} sends no credentials, but ${describeService(server)} requires them: ${consequence}`,
            span: nodeSpan(node, 'addr'),
            host: node.hop.chain.host,
            related,
            help: `add user:pass@ to the node address (e.g. ${node.connector}://USER:PASS@${node.dial.endpoint.raw})`,
          });
          continue;
        }
        const accepted = required.users.some(
          (u) =>
            u.username === auth.username &&
            (u.password === undefined || u.password === '' || u.password === (auth.password ?? '')),
        );
        if (accepted) continue;
        const knownUser = required.users.some((u) => u.username === auth.username);
        report({
          message: knownUser
            ? `node ${node.name} sends user "${auth.username}" with a password that ${describeService(server)} does not accept: ${consequence}`
            : `node ${node.name} sends user "${auth.username}", which ${describeService(server)} does not know: ${consequence}`,
          span: node.hop.chain.process.spans.get(path),
          host: node.hop.chain.host,
          related,
          help: 'use the same username and password on both sides',
        });
      }
    }
  },
});
