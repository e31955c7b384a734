import { defineRule } from './define-rule.js';
import { describeNode, nodeSpan } from './util.js';

export default defineRule({
  id: 'node-unreachable',
  severity: 'error',
  docs: {
    summary:
      'A chain node address cannot be reached, or nothing listens there, from the host that really dials it.',
    why: "Hop 1 is dialled by the service host; every later hop is dialled by the previous hop's server (the previous proxy connects to it), so `127.0.0.1` in hop 2 means the hop-1 server's own loopback. A private address behind NAT cannot be dialled from outside, and a port where nothing listens is refused. gost marks the node failed and the connection fails.",
    fix: "Use an address the dialling host can reach: a public address or name of the server, or an address on the dialling host's own network.",
  },
  check(model, report) {
    for (const node of model.nodes) {
      node.dial.resolutions.forEach((r, i) => {
        const from = node.dial.from[i]!;
        const viewpoint =
          node.hop.index === 0
            ? `${from}`
            : `${from} (the server of hop ${node.hop.index - 1}, which dials hop ${node.hop.index})`;
        let problem: string | undefined;
        if (r.kind === 'unreachable') problem = r.reason;
        else if (r.kind === 'invalid') problem = r.reason;
        else if (r.kind === 'no-listener')
          problem = `nothing listens on ${node.dial.family}/${node.dial.endpoint.port} on ${r.host}`;
        else if (r.kind === 'app') problem = `it reaches app ${r.app.name} on ${r.host}, not a gost service`;
        if (!problem) return;
        report({
          message: `${describeNode(node)} cannot be reached from ${viewpoint}: ${problem}`,
          span: nodeSpan(node, 'addr'),
          host: node.hop.chain.host,
          help:
            r.kind === 'no-listener'
              ? `start a service on ${r.host}:${node.dial.endpoint.port}, or fix the port`
              : 'use an address the dialling host can reach',
        });
      });
    }
  },
});
