import { getBool } from '../gost/metadata.js';
import { localForwardHandlers, passThroughConnectors } from '../gost/protocol-facts.js';
import type { ServiceModel } from '../model/types.js';
import { defineRule } from './define-rule.js';
import {
  describeService,
  effectiveLastHopNodes,
  handlerMetadata,
  hasForwarder,
  serversOf,
  serviceSpan,
} from './util.js';

/**
 * Why a forward handler without a forwarder has nowhere to go, or undefined when its chain gives it
 * a destination (a pass-through last node whose server decides, or a relay server in forward mode).
 */
function localForwardProblem(s: ServiceModel): string | undefined {
  const last = effectiveLastHopNodes(s, 'handler');
  if (!last || last.length === 0) {
    return 'it dials the placeholder address :0 directly and every connection is refused';
  }
  for (const node of last) {
    if (passThroughConnectors.has(node.connector)) continue;
    if (node.connector === 'relay') {
      for (const server of serversOf(node)) {
        if (server.handler === 'relay' && !hasForwarder(server)) {
          return `it asks ${describeService(server)} through relay node ${node.name} for :0, which that relay answers with status 7 Network Unreachable`;
        }
      }
      continue;
    }
    // Tunnel visitors pick the target from the tunnel side; other proxies are asked for :0.
    if (node.connector === 'tunnel') continue;
    return `it asks the ${node.connector} server of node ${node.name} for the placeholder address :0, which fails`;
  }
  return undefined;
}

export default defineRule({
  id: 'forwarder-missing',
  severity: 'error',
  docs: {
    summary: 'A port-forwarding handler (tcp, udp, forward, rtcp, rudp) has no forward target.',
    why: 'The rtcp/rudp handler takes its destination from the forwarder (or from a tunnel); without one every connection fails with "node not available". The tcp/udp handler without a forwarder dials the placeholder `:0`: directly that is refused, and through a relay or socks5 node the server cannot reach it either. It only works when the chain ends in a forward/tcp connector (the server decides) or in a relay server that has its own target.',
    fix: 'Give the service a target (`-L tcp://:8080/10.0.0.5:80`, `-L rtcp://:2222/10.0.0.5:22`, or a `forwarder:` block), or end its chain in a forward connector or a relay with a target.',
  },
  check(model, report) {
    // A -L port range with fewer targets than ports leaves the surplus services without one;
    // the command-line lowering warns about each of them (gost-cli), so they are not repeated here.
    const argumentKey = (s: ServiceModel) => {
      const span = serviceSpan(s);
      return `${s.host}\u0000${s.process.index}\u0000${span.start.offset}\u0000${span.end.offset}`;
    };
    const rangesWithTargets = new Set(
      model.services.filter((s) => s.process.origin === 'cli' && s.targets.length > 0).map(argumentKey),
    );
    // A forward/tcp node that dials such a service is reported by forward-connector-no-target.
    const passThroughServers = new Set(
      model.nodes.filter((n) => passThroughConnectors.has(n.connector)).flatMap(serversOf),
    );
    for (const s of model.services) {
      if (hasForwarder(s) || passThroughServers.has(s)) continue;
      if (s.process.origin === 'cli' && rangesWithTargets.has(argumentKey(s))) continue;
      let problem: string | undefined;
      if (s.handler === 'rtcp' || s.handler === 'rudp') {
        const last = effectiveLastHopNodes(s, 'listener') ?? [];
        if (last.length > 0 && last.every((n) => n.connector === 'tunnel')) continue;
        problem = 'every connection arriving on its port fails with "node not available"';
      } else if (localForwardHandlers.has(s.handler)) {
        // With sniffing the handler takes the destination from the HTTP Host header or the TLS SNI.
        if (getBool(handlerMetadata(s), 'sniffing')) continue;
        problem = localForwardProblem(s);
      }
      if (!problem) continue;
      report({
        message: `${describeService(s)} forwards with its ${s.handler} handler but has no target: ${problem}`,
        span: serviceSpan(s, 'handler', 'type'),
        host: s.host,
        help: `add a target (e.g. -L ${s.listener}://${s.listen.raw}/HOST:PORT, or a forwarder block with nodes)`,
      });
    }
  },
});
