import { localForwardHandlers, passThroughConnectors } from '../gost/protocol-facts.js';
import type { NodeModel, ServiceModel } from '../model/types.js';
import { defineRule } from './define-rule.js';
import { describeNode, nodeSpan, serversOf } from './util.js';

/**
 * Whether every server of a pass-through node forwards, by its own targets, to a server of the
 * next hop: then the next hop's handshake lands where the chain says, and the chain works.
 */
function forwardsToNextHop(node: NodeModel): boolean {
  const next = node.hop.chain.hops[node.hop.index + 1];
  if (!next) return true;
  const nextServers = new Set<ServiceModel>(next.nodes.flatMap(serversOf));
  const servers = serversOf(node);
  if (servers.length === 0 || nextServers.size === 0) return false;
  return servers.every((s) => {
    if (!localForwardHandlers.has(s.handler) || s.targets.length === 0) return false;
    return s.targets.every((t) =>
      t.dial.resolutions.every((r) => r.kind === 'service' && nextServers.has(r.service)),
    );
  });
}

export default defineRule({
  id: 'forward-node-intermediate',
  severity: 'warning',
  docs: {
    summary: 'A forward (or tcp) connector sits in a hop that is not the last one of its chain.',
    why: "A forward/tcp connector asks its server for nothing: it passes the raw stream on and drops the address it was given. When the chain continues, the next hop's address is therefore ignored; the next hop's handshake goes to wherever the forward server's own target points. Unless that target is the next hop's server, the chain breaks there.",
    fix: 'Use a proxy connector (relay, socks5, http) for intermediate hops, or make the forward server forward to the next hop’s server (and keep the forward node last otherwise).',
  },
  check(model, report) {
    for (const node of model.nodes) {
      if (!passThroughConnectors.has(node.connector)) continue;
      const chain = node.hop.chain;
      if (node.hop.index >= chain.hops.length - 1) continue;
      if (forwardsToNextHop(node)) continue;
      const next = chain.hops[node.hop.index + 1]!;
      report({
        message: `${describeNode(node)} is in hop ${node.hop.index} of ${chain.hops.length}: a ${node.connector} connector ignores the address of hop ${next.index} (${next.name}), which is reached only if the server's own forward target points at it`,
        span: nodeSpan(node, 'connector', 'type'),
        host: chain.host,
        help: `use a relay, socks5 or http connector here, or make ${node.connector} the last hop`,
      });
    }
  },
});
