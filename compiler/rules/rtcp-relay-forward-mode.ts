import { defineRule } from './define-rule.js';
import { describeService, effectiveLastHopNodes, nodeSpan, serversOf, serviceSpan } from './util.js';

export default defineRule({
  id: 'rtcp-relay-forward-mode',
  severity: 'error',
  docs: {
    summary: 'An rtcp/rudp service binds through a relay server that has its own forward target.',
    why: 'A relay handler with a forwarder runs in "forward mode": every request, BIND included, is forwarded to its target and the client address is ignored. The BIND never opens a port, so reverse forwarding through it cannot work.',
    fix: 'Bind through a relay service without a target (`-L relay://:8420?bind=true`); run port forwarding on a separate relay service.',
  },
  check(model, report) {
    for (const s of model.services) {
      if (!s.remote) continue;
      for (const node of effectiveLastHopNodes(s, 'listener') ?? []) {
        if (node.connector !== 'relay') continue;
        for (const server of serversOf(node)) {
          if (server.handler !== 'relay' || !server.config.forwarder) continue;
          report({
            message: `${describeService(s)} binds through ${describeService(server)}, a relay in forward mode: the BIND is forwarded to its target instead of opening ${s.listen.raw}`,
            span: serviceSpan(s, 'listener', 'type'),
            host: s.host,
            related: [
              {
                span: serviceSpan(server, 'forwarder'),
                message: `the forward target of the relay on ${server.host}`,
              },
              { span: nodeSpan(node, 'addr'), message: 'dials the relay here' },
            ],
            help: 'bind through a relay service without a forward target',
          });
        }
      }
    }
  },
});
