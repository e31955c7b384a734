import { passThroughConnectors } from '../gost/protocol-facts.js';
import { canonicalHandler, connectorMatchesHandler, localForwardHandlers } from '../gost/protocol-facts.js';
import { defineRule } from './define-rule.js';
import { describeService, nodeSpan, protocolPeersOf, serviceSpan } from './util.js';

export default defineRule({
  id: 'connector-handler-mismatch',
  severity: 'error',
  docs: {
    summary: "A chain node's connector does not speak the protocol of the service it dials.",
    why:
      'The handler reads the first bytes as its own protocol and fails: a relay header sent to a socks5 or http ' +
      'handler is closed without a reply (or stalls an http handler waiting for a newline), and a protocol ' +
      'header sent to a tcp forwarder is passed on verbatim to the forward target. The client sees EOF, a hang ' +
      'or a protocol error from the wrong peer.',
    fix: 'Make the node connector and the server handler the same protocol (e.g. relay on both sides), or point the node at a service whose handler speaks the connector protocol. `auto` accepts http, socks4 and socks5 only.',
  },
  check(model, report) {
    for (const node of model.nodes) {
      // A pass-through connector carries the client application's own protocol; the peer is unknown.
      if (passThroughConnectors.has(node.connector)) continue;
      for (const server of protocolPeersOf(node)) {
        if (connectorMatchesHandler(node.connector, server.handler)) continue;
        const handler = canonicalHandler(server.handler);
        const forwarder = localForwardHandlers.has(handler);
        report({
          message: forwarder
            ? `${node.connector} connector dials ${describeService(server)}, a ${handler} forwarder without a target: it has nowhere to pass the ${node.connector} handshake`
            : `${node.connector} connector dials ${describeService(server)}, whose handler is ${handler}`,
          span: nodeSpan(node, 'connector', 'type'),
          host: node.hop.chain.host,
          related: [
            {
              span: serviceSpan(server, 'handler', 'type'),
              message: `the ${handler} handler is defined here`,
            },
          ],
          help: `use a ${handler === 'auto' ? 'http, socks4 or socks5' : handler} connector for this node, or change the server handler to ${node.connector}`,
        });
      }
    }
  },
});
