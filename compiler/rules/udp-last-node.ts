import {
  dialerFamily,
  localForwardHandlers,
  passThroughConnectors,
  udpConnectors,
} from '../gost/protocol-facts.js';
import type { ServiceModel } from '../model/types.js';
import { defineRule } from './define-rule.js';
import { describeService, effectiveLastHopNodes, nodeSpan, serviceSpan } from './util.js';

/** Services that dial their targets with network "udp" through the handler chain. */
export function forwardsUdp(s: ServiceModel): boolean {
  return (
    (s.listener === 'udp' || s.listener === 'rudp') &&
    (localForwardHandlers.has(s.handler) || s.handler === 'rudp')
  );
}

export default defineRule({
  id: 'udp-last-node',
  severity: 'error',
  docs: {
    summary: 'UDP is forwarded through a chain whose last node cannot carry UDP.',
    why: 'Every hop but the last is crossed as a TCP-style CONNECT; the last connector must carry the datagrams. Only relay, socks5 (server `udp=true`), http (server `udp=true`) and ssu can. socks4, ss and sshd fail with "network udp is unsupported" (ssh: "unsupported protocol"); a forward/tcp connector turns the datagrams into a byte stream and loses their boundaries.',
    fix: 'End the chain with a relay node (no server option needed), or a socks5/http node whose server has `udp=true`.',
  },
  check(model, report) {
    for (const s of model.services) {
      if (!forwardsUdp(s)) continue;
      for (const node of effectiveLastHopNodes(s, 'handler') ?? []) {
        if (udpConnectors.has(node.connector)) continue;
        if (passThroughConnectors.has(node.connector) && dialerFamily(node.dialer) === 'udp') continue;
        const stream = passThroughConnectors.has(node.connector);
        report({
          message: stream
            ? `${describeService(s)} forwards UDP through ${node.connector} node ${node.name}: the datagrams become a byte stream at the server and lose their boundaries`
            : `${describeService(s)} forwards UDP through ${node.connector} node ${node.name}, which cannot carry UDP ("network udp is unsupported")`,
          span: nodeSpan(node, 'connector', 'type'),
          host: node.hop.chain.host,
          related: [
            { span: serviceSpan(s, 'listener', 'type'), message: `the ${s.listener} service on ${s.host}` },
          ],
          help: `use a relay node last (e.g. relay+${node.dialer}://${node.dial.endpoint.raw}), or socks5/http with udp=true on the server`,
        });
      }
    }
  },
});
