import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'topology-reference',
  severity: 'error',
  docs: {
    summary: 'A network, host or app named in the topology does not exist, or an address is used twice.',
    why: 'topo cannot place a host on a network that is not declared, and expectations and faults about unknown hosts or apps cannot be checked. Two hosts with one address make every dial to it ambiguous.',
    fix: "Declare the network under `networks:`, the host under `hosts:` and the app under its host's `apps:`, or fix the name.",
  },
  check(model, report) {
    const { plan } = model;
    for (const n of plan.networks) {
      if (n.nat !== undefined && n.isolated) {
        report({
          message: `network ${n.name} is both isolated and behind NAT to "${n.nat}"; it can only be one`,
          span: n.span,
        });
      }
      if (n.nat !== undefined && !model.networks.has(n.nat)) {
        report({
          message: `network ${n.name} reaches "${n.nat}" through NAT, but no such network is declared`,
          span: n.span,
        });
      }
    }
    const owners = new Map<string, string>();
    for (const h of plan.hosts) {
      for (const a of h.addresses) {
        if (!model.networks.has(a.network)) {
          report({
            message: `host ${h.name} has an address on "${a.network}", but no such network is declared`,
            span: a.span,
            host: h.name,
          });
        }
        const owner = owners.get(a.ip);
        if (owner && owner !== h.name) {
          report({
            message: `address ${a.ip} of ${h.name} is also the address of ${owner}`,
            span: a.span,
            host: h.name,
          });
        } else owners.set(a.ip, h.name);
      }
    }
    const hostNames = new Set(plan.hosts.map((h) => h.name));
    const unknownHost = (name: string, what: string, span: (typeof plan.hosts)[number]['span']) => {
      if (!hostNames.has(name))
        report({ message: `${what} names host "${name}", which is not declared`, span });
    };
    for (const e of plan.expectations) {
      unknownHost(e.from, `expectation "${e.name}"`, e.span);
      for (const v of e.via) unknownHost(v, `expectation "${e.name}" (via)`, e.span);
      if (e.arrives) {
        const host = plan.hosts.find((h) => h.name === e.arrives!.host);
        if (!host) unknownHost(e.arrives.host, `expectation "${e.name}" (arrives)`, e.span);
        else if (!host.apps.some((a) => a.name === e.arrives!.app)) {
          report({
            message: `expectation "${e.name}" expects app "${e.arrives.app}" on ${host.name}, which declares no such app`,
            span: e.span,
          });
        }
      }
    }
    for (const f of plan.faults) {
      for (const h of 'host' in f ? [f.host] : f.hosts) unknownHost(h, `fault "${f.kind}"`, f.span);
    }
  },
});
