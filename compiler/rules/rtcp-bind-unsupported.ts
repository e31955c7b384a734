import { bindConnectors } from '../gost/protocol-facts.js';
import { defineRule } from './define-rule.js';
import { describeService, effectiveLastHopNodes, nodeSpan, serviceSpan } from './util.js';

export default defineRule({
  id: 'rtcp-bind-unsupported',
  severity: 'error',
  docs: {
    summary: 'The last node of an rtcp/rudp listener chain uses a connector that cannot BIND.',
    why: 'Only the relay, socks5, sshd (rtcp only) and tunnel connectors implement Bind. Any other last connector makes the listener fail with "bind unsupported" and retry forever; a plain `-F kcp://` or `-F quic://` node means an **http** connector, which cannot bind (gost issue #170). rudp through sshd fails with "ssh: unsupported protocol".',
    fix: 'End the listener chain with a relay (server `bind=true`) or socks5 (server `bind=true`) node, e.g. `-F relay+kcp://relay:8443`.',
  },
  check(model, report) {
    for (const s of model.services) {
      if (s.listener !== 'rtcp' && s.listener !== 'rudp') continue;
      const last = effectiveLastHopNodes(s, 'listener');
      if (!last) continue;
      for (const node of last) {
        const rudpOverSsh = s.listener === 'rudp' && node.connector === 'sshd';
        if (bindConnectors.has(node.connector) && !rudpOverSsh) continue;
        report({
          message: rudpOverSsh
            ? `${describeService(s)} binds UDP through sshd node ${node.name}: SSH remote forwarding carries TCP only ("ssh: unsupported protocol")`
            : `${describeService(s)} binds through node ${node.name}, whose ${node.connector} connector cannot BIND: the listener fails with "bind unsupported" and retries forever`,
          span: nodeSpan(node, 'connector', 'type'),
          host: node.hop.chain.host,
          related: [
            { span: serviceSpan(s, 'listener', 'type'), message: `the ${s.listener} listener is here` },
          ],
          help: rudpOverSsh
            ? 'use a relay or socks5 node for rudp'
            : `use relay+${node.dialer} or socks5+${node.dialer} for the last node (the server needs bind=true)`,
        });
      }
    }
  },
});
