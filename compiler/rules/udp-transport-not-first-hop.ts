import { getBool } from '../gost/metadata.js';
import { connectorMatchesHandler } from '../gost/protocol-facts.js';
import type { NodeModel } from '../model/types.js';
import { defineRule } from './define-rule.js';
import { describeNode, describeService, handlerMetadata, nodeSpan, serversOf } from './util.js';

/**
 * Multiplexing UDP dialers open their datagram socket through the hops before them as a UDP
 * association (`Dial("udp", "")` on the inner route): kcp, quic, http3/h3, wt.
 */
const associationDialers = new Set(['kcp', 'quic', 'h3', 'http3', 'wt']);
/**
 * Plain datagram dialers do not split the route: the previous proxy reaches them with a TCP
 * CONNECT, which nothing on their UDP port answers.
 */
const streamReachedDialers = new Set(['udp', 'dtls']);

/** Why the previous hop's node cannot carry a UDP association, or undefined when it can (or it is unknown). */
function associationProblem(previous: NodeModel): string | undefined {
  // gost's http connector sends UDP as `X-Gost-Protocol: udp`; whether an empty association target
  // passes an http server is not established, so it is given the benefit of the doubt.
  if (previous.connector === 'http') return undefined;
  if (previous.connector !== 'relay' && previous.connector !== 'socks5') {
    return `its ${previous.connector} connector cannot carry a UDP association (only relay with bind=true and socks5 with udp=true can)`;
  }
  const option = previous.connector === 'relay' ? 'bind' : 'udp';
  for (const server of serversOf(previous)) {
    if (!connectorMatchesHandler(previous.connector, server.handler)) continue;
    if (getBool(handlerMetadata(server), option)) continue;
    return `its server, ${describeService(server)}, refuses the UDP association without ${option}=true`;
  }
  return undefined;
}

export default defineRule({
  id: 'udp-transport-not-first-hop',
  severity: 'error',
  docs: {
    summary: 'A UDP-based transport (kcp, quic, h3, wt, udp, dtls) is used after the first hop of a chain.',
    why: "Every hop after the first is reached through the previous proxy, which connects to it with a TCP CONNECT. gost's docs therefore allow UDP-based channels only on the first level of a chain. In the code, kcp, quic, h3 and wt open their datagram socket as a UDP association through the earlier hops, which works only when the previous hop is a relay server with `bind=true` or a socks5 server with `udp=true`; a udp or dtls node behind another hop is never reachable.",
    fix: 'Put the UDP-based hop first, use a stream transport (tcp, tls, wss, ...) for later hops, or give the previous relay `bind=true` (socks5: `udp=true`).',
  },
  check(model, report) {
    for (const node of model.nodes) {
      const index = node.hop.index;
      if (index === 0) continue;
      const chain = node.hop.chain;
      if (streamReachedDialers.has(node.dialer)) {
        report({
          message: `${describeNode(node)} is in hop ${index}: the previous proxy reaches it with a TCP CONNECT, but the ${node.dialer} transport needs datagrams`,
          span: nodeSpan(node, 'dialer', 'type'),
          host: chain.host,
          help: `move the ${node.dialer} node to the first hop, or use a stream transport here`,
        });
        continue;
      }
      if (!associationDialers.has(node.dialer)) continue;
      for (const previous of chain.hops[index - 1]?.nodes ?? []) {
        const problem = associationProblem(previous);
        if (!problem) continue;
        report({
          message: `${describeNode(node)} is in hop ${index}: ${node.dialer} opens its UDP socket through the previous hop, but node ${previous.name} there cannot: ${problem}`,
          span: nodeSpan(node, 'dialer', 'type'),
          host: chain.host,
          related: [{ span: nodeSpan(previous, 'connector', 'type'), message: 'the previous hop' }],
          help: `put the ${node.dialer} node first in the chain, or use a relay server with bind=true before it`,
        });
      }
    }
  },
});
