import { passThroughConnectors } from '../gost/protocol-facts.js';
import { defineRule } from './define-rule.js';
import { describeService, effectiveLastHopNodes, targetSpan } from './util.js';

export default defineRule({
  id: 'target-no-listener',
  severity: 'error',
  docs: {
    summary:
      'A forward target has nothing listening on it, or cannot be reached, from the host that dials it.',
    why: "A service with a chain dials its targets from the chain's last server; without a chain, from its own host. If nothing listens there, or the address is behind NAT, every forwarded connection is refused or times out and gost marks the target failed.",
    fix: 'Point the target at an address where a service or app really listens, as seen from the host that dials it.',
  },
  check(model, report) {
    for (const t of model.targets) {
      const s = t.service;
      const last = effectiveLastHopNodes(s, 'handler');
      // A pass-through last connector drops the target address; the server decides.
      if (last?.some((n) => passThroughConnectors.has(n.connector))) continue;
      t.dial.resolutions.forEach((r, i) => {
        const from = t.dial.from[i]!;
        let problem: string | undefined;
        if (r.kind === 'unreachable' || r.kind === 'invalid') problem = r.reason;
        else if (r.kind === 'no-listener')
          problem = `nothing listens on ${t.dial.family}/${t.dial.endpoint.port} on ${r.host}`;
        if (!problem) return;
        report({
          message: `target ${t.dial.endpoint.raw} of ${describeService(s)}, dialled from ${from}: ${problem}`,
          span: targetSpan(t, 'addr'),
          host: s.host,
          help: 'point the target at a listening service or app (declare apps under the host with `apps:`)',
        });
      });
    }
  },
});
