import { getBool } from '../gost/metadata.js';
import { localForwardHandlers } from '../gost/protocol-facts.js';
import { defineRule } from './define-rule.js';
import { describeService, effectiveLastHopNodes, listenerMetadata, serviceSpan } from './util.js';

/** DNS answers each query with exactly one datagram: the one exchange a session without keepalive carries. */
const requestResponsePorts = new Set([53]);

export default defineRule({
  id: 'udp-keepalive',
  severity: 'warning',
  docs: {
    summary:
      'A UDP port forward runs without `keepalive`, so each client session ends after the first reply.',
    why: 'The udp listener groups datagrams by client address into sessions. With `keepalive=false` (the default) a session is closed as soon as the first datagram has been written back: later replies of the same flow are lost and the next datagram opens a new session with a new upstream connection (through a chain, a new tunnel each time, from a new source port). Only strict one-request/one-response protocols such as DNS cope; QUIC, WireGuard, games and VoIP break (gost issues #56, #166, #463, #771).',
    fix: 'Add `keepalive=true` (YAML: listener metadata `keepAlive: true`) and a `ttl` longer than the idle gaps of the application.',
  },
  check(model, report) {
    for (const s of model.services) {
      if (s.listener !== 'udp' || !localForwardHandlers.has(s.handler)) continue;
      if (getBool(listenerMetadata(s), 'keepalive')) continue;
      const chained = (effectiveLastHopNodes(s, 'handler') ?? []).length > 0;
      if (
        !chained &&
        s.targets.length > 0 &&
        s.targets.every(
          (t) => t.dial.endpoint.port !== undefined && requestResponsePorts.has(t.dial.endpoint.port),
        )
      )
        continue;
      if (!chained && s.targets.length === 0) continue;
      report({
        message: chained
          ? `${describeService(s)} forwards UDP through a chain without keepalive: every exchange opens a new tunnel and replies after the first are dropped`
          : `${describeService(s)} forwards UDP without keepalive: a client session ends after the first reply, so further replies of the same flow are dropped`,
        span: serviceSpan(s, 'listener', 'type'),
        host: s.host,
        help: 'add keepalive=true (YAML: listener metadata keepAlive: true) and a ttl longer than the idle gaps of the traffic',
      });
    }
  },
});
