import { getBool } from '../gost/metadata.js';
import { defineRule } from './define-rule.js';
import { forwardsUdp } from './udp-last-node.js';
import { connectorMetadata, describeService, effectiveLastHopNodes, nodeSpan, serviceSpan } from './util.js';

export default defineRule({
  id: 'relay-udp-nodelay',
  severity: 'error',
  docs: {
    summary: 'UDP is forwarded through a relay node that has `nodelay=true`.',
    why: 'gost\'s relay connector with `nodelay=true` reads the relay response while connecting, and its UDP stream then reads a response header again before the first datagram (x/connector/relay conn.go udpConn.Read). The first datagram\'s length prefix is taken for a header and the client fails with "bad version": no UDP reply ever arrives.',
    fix: 'Carry UDP through a relay node without `nodelay` (a second chain or a ` -- ` process group for the udp service); keep `nodelay=true` only on the chain that carries server-first TCP.',
  },
  check(model, report) {
    for (const s of model.services) {
      if (!forwardsUdp(s)) continue;
      for (const node of effectiveLastHopNodes(s, 'handler') ?? []) {
        if (node.connector !== 'relay' || !getBool(connectorMetadata(node), 'nodelay')) continue;
        report({
          message: `${describeService(s)} forwards UDP through relay node ${node.name}, which has nodelay=true: gost reads the relay response twice and the UDP stream fails with "bad version"`,
          span: nodeSpan(node, 'connector', 'metadata', 'nodelay'),
          host: node.hop.chain.host,
          related: [
            { span: serviceSpan(s, 'listener', 'type'), message: `the ${s.listener} service on ${s.host}` },
          ],
          help: 'use a relay node without nodelay for UDP (a separate chain, or a separate ` -- ` group on the command line)',
        });
      }
    }
  },
});
