import { defineRule } from './define-rule.js';
import { describeNode, describeService, nodeSpan, serviceSpan } from './util.js';

export default defineRule({
  id: 'ssh-pairing',
  severity: 'error',
  docs: {
    summary:
      'An sshd connector without the sshd dialer (or the reverse), or an sshd handler without the sshd listener.',
    why: 'The sshd connector opens SSH channels on the session the sshd dialer set up; with any other dialer it fails with "ssh: invalid connection". The sshd dialer hands back an SSH session that only the sshd connector can use; another connector writes its protocol into the raw SSH stream and breaks it. The sshd handler only understands the channels the sshd listener accepts and closes anything else with "sshd: wrong connection type".',
    fix: 'Use the pair on both sides: `-F sshd://user:pass@host:22` (connector and dialer sshd) and `-L sshd://user:pass@:2222` (handler and listener sshd).',
  },
  check(model, report) {
    for (const node of model.nodes) {
      if (node.connector === 'sshd' && node.dialer !== 'sshd') {
        report({
          message: `${describeNode(node)} uses the sshd connector with the ${node.dialer} dialer: the connector needs the SSH session of the sshd dialer and fails with "ssh: invalid connection"`,
          span: nodeSpan(node, 'dialer', 'type'),
          host: node.hop.chain.host,
          help: 'use the sshd dialer with the sshd connector (-F sshd://host:port)',
        });
      } else if (node.dialer === 'sshd' && node.connector !== 'sshd') {
        report({
          message: `${describeNode(node)} uses the sshd dialer with the ${node.connector} connector: the dialer yields an SSH session, and the ${node.connector} protocol written into it breaks the session`,
          span: nodeSpan(node, 'connector', 'type'),
          host: node.hop.chain.host,
          help: 'use the sshd connector with the sshd dialer (-F sshd://host:port)',
        });
      }
    }
    for (const s of model.services) {
      if (s.handler !== 'sshd' || s.listener === 'sshd') continue;
      report({
        message: `${describeService(s)} runs the sshd handler on a ${s.listener} listener: it closes every connection with "sshd: wrong connection type"`,
        span: serviceSpan(s, 'listener', 'type'),
        host: s.host,
        related: [{ span: serviceSpan(s, 'handler', 'type'), message: 'the sshd handler' }],
        help: 'use the sshd listener with the sshd handler (-L sshd://:2222)',
      });
    }
  },
});
