import { defineRule } from './define-rule.js';
import { describeService, effectiveLastHopNodes, serviceSpan } from './util.js';

export default defineRule({
  id: 'relay-bind-empty-host',
  severity: 'warning',
  docs: {
    summary: 'An rtcp/rudp bind through a relay node writes its address without a host (`rtcp://:2222/...`).',
    why: 'The relay connector has encoded a port-only bind address differently across gost versions: older relay libraries reject it (bad address type), newer connectors send `0.0.0.0::2222`, which is not a valid address either. The intent — every address of the relay server, port 2222 — is only sent reliably when the host is written out.',
    fix: 'Write the wildcard host explicitly: `rtcp://0.0.0.0:2222/...` (the same for rudp).',
  },
  check(model, report) {
    for (const s of model.services) {
      if (!s.remote || s.listen.host !== '') continue;
      const last = effectiveLastHopNodes(s, 'listener') ?? [];
      if (!last.some((n) => n.connector === 'relay')) continue;
      report({
        message: `${describeService(s)} binds "${s.listen.raw}" through a relay node without a host: depending on the gost version the relay request is rejected or carries a malformed address`,
        span: serviceSpan(s, 'addr'),
        host: s.host,
        help: `write 0.0.0.0${s.listen.raw}`,
      });
    }
  },
});
