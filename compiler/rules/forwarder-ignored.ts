import { defineRule } from './define-rule.js';
import { describeService, hasForwarder, serviceSpan } from './util.js';

/** Handlers without Forward(hop): gost drops their forwarder block without a word (GOST-SEMANTICS §1.2). */
const ignoringHandlers = new Set(['http', 'socks4', 'socks5', 'auto', 'sshd', 'ss', 'tunnel']);

export default defineRule({
  id: 'forwarder-ignored',
  severity: 'warning',
  docs: {
    summary:
      'A `forwarder` is configured on a handler that never uses one (http, socks4/5, auto, sshd, ss, tunnel).',
    why: 'gost hands the forwarder only to handlers that forward (tcp, udp, forward, rtcp, rudp, relay, dns, ...); for the others the block is silently ignored, so the service proxies to whatever its clients ask for instead of the configured targets.',
    fix: 'Use a forwarding handler (`handler: {type: tcp}` for a port forward, `relay` for a relay with a fixed target), or remove the forwarder.',
  },
  check(model, report) {
    for (const s of model.services) {
      if (!ignoringHandlers.has(s.handler) || !hasForwarder(s)) continue;
      report({
        message: `${describeService(s)} has a forwarder, but its ${s.handler} handler ignores forwarders: clients reach whatever destination they ask for, not these targets`,
        span: serviceSpan(s, 'forwarder'),
        host: s.host,
        related: [{ span: serviceSpan(s, 'handler', 'type'), message: `the ${s.handler} handler` }],
        help: 'use handler type tcp (or udp) to forward to the targets, or remove the forwarder',
      });
    }
  },
});
