import { dialerUsesTLS } from '../gost/registry-names.js';
import { defineRule } from './define-rule.js';
import { nodeSpan } from './util.js';

export default defineRule({
  id: 'comma-list-secure',
  severity: 'error',
  docs: {
    summary:
      'A comma-separated node list with `secure=true` verifies every node against the whole list as one name.',
    why: "On the command line gost takes the TLS server name from the URL's host part before it splits `gw1:8443,gw2:8443` into nodes, and copies that TLS setting to every node. With `secure=true` each node is then verified against a name like `gw1:8443,gw2`, which no certificate carries, so every handshake fails. Nodes written in YAML each default to their own host.",
    fix: 'Write the nodes as a hop in a native config (each node gets its own server name), or set `serverName` explicitly, or drop `secure`.',
  },
  check(model, report) {
    for (const node of model.nodes) {
      if (!dialerUsesTLS(node.dialer)) continue;
      const tls = node.dialerConfig?.tls;
      if (tls?.secure !== true || typeof tls.serverName !== 'string' || !tls.serverName.includes(','))
        continue;
      report({
        message: `secure=true verifies the nodes of hop ${node.hop.name} of chain ${node.hop.chain.name} against the server name "${tls.serverName}", the whole comma list, which no certificate matches: every TLS handshake fails`,
        span: nodeSpan(node, 'dialer', 'tls', 'secure'),
        host: node.hop.chain.host,
        related: [
          {
            span: nodeSpan(node, 'dialer', 'tls', 'serverName'),
            message: 'the server name gost derives from the list',
          },
        ],
        help: 'list the nodes in a native config hop (each gets its own server name), or set serverName',
      });
    }
  },
});
