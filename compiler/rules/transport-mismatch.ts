import { defineRule } from './define-rule.js';
import { describeService, nodeSpan, serversOf, serviceSpan } from './util.js';

const tlsWrapped = new Set(['tls', 'wss', 'mtls', 'mwss', 'h2', 'quic', 'grpc']);
const muxed = new Set(['mtls', 'mws', 'mwss']);

function explain(dialer: string, listener: string): string {
  if (muxed.has(dialer) !== muxed.has(listener) && dialer.replace(/^m/, '') === listener.replace(/^m/, '')) {
    return 'one side runs a multiplexed (smux) session inside the channel, the other does not: the plain side sees mux frames as payload';
  }
  if (tlsWrapped.has(dialer) && !tlsWrapped.has(listener))
    return `the client starts a TLS handshake the ${listener} listener does not expect`;
  if (!tlsWrapped.has(dialer) && tlsWrapped.has(listener)) {
    return `the ${listener} listener waits for a TLS ClientHello that the ${dialer} dialer never sends ("first record does not look like a TLS handshake")`;
  }
  return 'the channel handshakes differ, so the connection fails before any proxy protocol runs';
}

export default defineRule({
  id: 'transport-mismatch',
  severity: 'error',
  docs: {
    summary: "A chain node's dialer is not the transport the server's listener speaks.",
    why:
      'A node dialer must be the same protocol as the target service listener (tcp↔tcp, tls↔tls, wss↔wss, mwss↔mwss, kcp↔kcp, ...). ' +
      'Otherwise the TLS or WebSocket handshake fails, or multiplexed frames reach a plain listener; gost logs a handshake error and the client connection fails.',
    fix: 'Use the same transport on both sides: the part after `+` in `-F relay+wss://` must equal the part after `+` in the server `-L relay+wss://`. A TLS terminator in between is the only legitimate exception.',
  },
  check(model, report) {
    for (const node of model.nodes) {
      for (const server of serversOf(node)) {
        const listener = server.listener;
        if (node.dialer === listener) continue;
        report({
          message: `${node.dialer} dialer dials ${describeService(server)}, which listens with ${listener}: ${explain(node.dialer, listener)}`,
          span: nodeSpan(node, 'dialer', 'type'),
          host: node.hop.chain.host,
          related: [
            {
              span: serviceSpan(server, 'listener', 'type'),
              message: `the ${listener} listener is defined here`,
            },
          ],
          help: `dial with ${listener} (e.g. ${node.connector}+${listener}://...) or make the server listen with ${node.dialer}`,
        });
      }
    }
  },
});
