import { defineRule } from './define-rule.js';
import { describeService, serviceSpan } from './util.js';

export default defineRule({
  id: 'rtcp-chain-on-handler',
  severity: 'error',
  docs: {
    summary: 'An rtcp/rudp service has its chain on the handler instead of the listener.',
    why: 'The rtcp/rudp listener binds through the **listener** chain. With the chain only on the handler, the listener has no route and opens the port on the local host; the handler chain is only used to dial the forward target. The remote port never opens on the relay (gost issue #973).',
    fix: 'Move `chain:` from `handler:` to `listener:` (the command line `-L rtcp://... -F ...` does this for you).',
  },
  check(model, report) {
    for (const s of model.services) {
      if (s.listener !== 'rtcp' && s.listener !== 'rudp') continue;
      if (!s.handlerChain || s.listenerChain) continue;
      report({
        message: `${describeService(s)} is ${s.listener} with chain ${s.handlerChain.name} on its handler: the port ${s.listen.raw} opens on ${s.host} itself, not on the remote server`,
        span: serviceSpan(s, 'handler', 'chain'),
        host: s.host,
        help:
          'put the chain on the listener: listener: { type: ' +
          s.listener +
          ', chain: ' +
          s.handlerChain.name +
          ' }',
      });
    }
  },
});
