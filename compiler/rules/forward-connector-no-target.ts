import { localForwardHandlers, passThroughConnectors } from '../gost/protocol-facts.js';
import { defineRule } from './define-rule.js';
import { describeService, nodeSpan, serversOf, serviceSpan } from './util.js';

export default defineRule({
  id: 'forward-connector-no-target',
  severity: 'error',
  docs: {
    summary: 'A forward (or tcp) connector dials a port forwarder that has no target of its own.',
    why: 'The forward and tcp connectors send the raw client bytes and discard the requested address: the server decides where they go. A tcp/forward server without a forwarder has nowhere to send them: it dials `:0` and every connection fails. (A forward connector in front of a proxy handler is fine when the client application itself speaks that proxy protocol.)',
    fix: 'Give the server a target (`-L tls://:8443/192.168.1.1:80`, or a `forwarder:` block), or use a proxy connector (relay, socks5, http) that carries the target address.',
  },
  check(model, report) {
    for (const node of model.nodes) {
      if (!passThroughConnectors.has(node.connector)) continue;
      for (const server of serversOf(node)) {
        if (!localForwardHandlers.has(server.handler) || server.targets.length > 0) continue;
        if (
          typeof server.config.forwarder?.hop === 'string' ||
          typeof server.config.forwarder?.name === 'string'
        )
          continue;
        report({
          message: `${node.connector} node ${node.name} drops the target address, but ${describeService(server)} is a ${server.handler} forwarder without a target: it dials :0 and every connection fails`,
          span: nodeSpan(node, 'connector', 'type'),
          host: node.hop.chain.host,
          related: [
            {
              span: serviceSpan(server, 'handler', 'type'),
              message: `the ${server.handler} handler of ${server.name}`,
            },
          ],
          help: 'give the server a target (e.g. -L tls://:8443/10.0.0.5:80), or use a relay/socks5/http connector',
        });
      }
    }
  },
});
