import { getBool } from '../gost/metadata.js';
import { defineRule } from './define-rule.js';
import {
  describeService,
  effectiveLastHopNodes,
  handlerMetadata,
  nodeSpan,
  serversOf,
  serviceSpan,
} from './util.js';
import { forwardsUdp } from './udp-last-node.js';

export default defineRule({
  id: 'udp-server-option',
  severity: 'error',
  docs: {
    summary: 'UDP goes through a socks5 or http last node whose server does not have `udp=true`.',
    why: 'A gost socks5 client carries UDP with its UDP-TUN command (0xF3); the server refuses it unless `udp=true` and the client reports "get socks5 UDP tunnel failure". An http server refuses `X-Gost-Protocol: udp` with 403 Forbidden unless `udp=true`.',
    fix: 'Add `udp=true` to the socks5/http server (`-L socks5://:1080?udp=true`), or use a relay node last.',
  },
  check(model, report) {
    for (const s of model.services) {
      if (!forwardsUdp(s)) continue;
      for (const node of effectiveLastHopNodes(s, 'handler') ?? []) {
        if (node.connector !== 'socks5' && node.connector !== 'http') continue;
        for (const server of serversOf(node)) {
          if (![node.connector, 'auto'].includes(server.handler)) continue;
          if (getBool(handlerMetadata(server), 'udp')) continue;
          report({
            message: `${describeService(s)} sends UDP through ${describeService(server)}, which does not have udp=true: ${node.connector === 'socks5' ? '"get socks5 UDP tunnel failure"' : '403 Forbidden'}`,
            span: serviceSpan(s, 'listener', 'type'),
            host: s.host,
            related: [
              {
                span: serviceSpan(server, 'handler', 'type'),
                message: `the ${server.handler} server on ${server.host}, without udp=true`,
              },
              { span: nodeSpan(node, 'addr'), message: 'dials the server here' },
            ],
            help: `add udp=true to the ${server.handler} server on ${server.host}`,
          });
        }
      }
    }
  },
});
