import { getBool } from '../gost/metadata.js';
import { connectorMatchesHandler } from '../gost/protocol-facts.js';
import { defineRule } from './define-rule.js';
import {
  describeService,
  effectiveLastHopNodes,
  handlerMetadata,
  nodeSpan,
  serversOf,
  serviceSpan,
} from './util.js';

export default defineRule({
  id: 'rtcp-bind-disabled',
  severity: 'error',
  docs: {
    summary: 'An rtcp/rudp service binds through a relay or socks5 server that does not have `bind=true`.',
    why: 'BIND is off by default in gost v3 servers. A relay server answers status 3 Forbidden, a socks5 server replies "not allowed" and logs "socks5: BIND is disabled"; the client logs "bind on ... failed" and retries forever (gost issues #25, #221, #647).',
    fix: 'Add `bind=true` to the server: `-L relay://:8420?bind=true` (YAML: handler metadata `bind: true`).',
  },
  check(model, report) {
    for (const s of model.services) {
      if (!s.remote) continue;
      for (const node of effectiveLastHopNodes(s, 'listener') ?? []) {
        if (!['relay', 'socks5'].includes(node.connector)) continue;
        for (const server of serversOf(node)) {
          // Another handler is a connector-handler-mismatch, not a missing option.
          if (!connectorMatchesHandler(node.connector, server.handler)) continue;
          if (getBool(handlerMetadata(server), 'bind')) continue;
          report({
            message: `${describeService(s)} asks ${describeService(server)} to bind ${s.listen.raw}, but that ${server.handler} server does not have bind=true: ${server.handler === 'relay' ? 'it answers 3 Forbidden' : 'it replies "BIND is disabled"'}`,
            span: serviceSpan(s, 'listener', 'type'),
            host: s.host,
            related: [
              {
                span: serviceSpan(server, 'handler', 'type'),
                message: `the ${server.handler} server on ${server.host}, without bind=true`,
              },
              { span: nodeSpan(node, 'addr'), message: 'dials the server here' },
            ],
            help: `add bind=true to the server on ${server.host} (e.g. -L ${server.handler}+${server.listener}://${server.listen.raw}?bind=true)`,
          });
        }
      }
    }
  },
});
