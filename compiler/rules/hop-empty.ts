import { canonicalHandler, forwardingHandlers } from '../gost/protocol-facts.js';
import { defineRule } from './define-rule.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A hop whose nodes come from a loader or plugin is filled at run time, not from `nodes`. */
function loadsNodes(hop: Record<string, unknown>): boolean {
  return isRecord(hop.plugin) || isRecord(hop.file) || isRecord(hop.http) || isRecord(hop.redis);
}

function isEmptyList(v: unknown): boolean {
  return Array.isArray(v) && v.length === 0;
}

export default defineRule({
  id: 'hop-empty',
  severity: 'error',
  docs: {
    summary: 'A chain without hops, a hop with `nodes: []`, or a forwarder with no targets.',
    why: 'A hop that yields no node truncates the chain there: the hops after it are skipped and the previous hop (or, for the first hop, the service host itself) dials the destination directly, unproxied; a chain without hops is no chain at all, and an rtcp/rudp bind through it fails with "empty route". A forwarder without nodes gives its handler nothing to forward to: every connection fails with "node not available", a relay in forward mode answers status 5 Service Unavailable.',
    fix: 'Give the hop or forwarder its nodes, refer to a defined hop by name, or remove the empty object.',
  },
  check(model, report) {
    for (const host of model.hosts.values()) {
      for (const process of host.processes) {
        const c = process.config;
        (Array.isArray(c.chains) ? c.chains : []).forEach((chain: unknown, i) => {
          if (!isRecord(chain)) return;
          const name = String(chain.name);
          if (chain.hops === undefined || isEmptyList(chain.hops)) {
            report({
              message: `chain ${name} on ${host.name} has no hops: services using it dial every destination directly, and rtcp/rudp binds through it fail with "empty route"`,
              span: process.spans.get(
                chain.hops === undefined ? ['chains', i, 'name'] : ['chains', i, 'hops'],
              ),
              host: host.name,
              help: 'add the hops the traffic should go through, or remove the chain',
            });
            return;
          }
          if (!Array.isArray(chain.hops)) return;
          chain.hops.forEach((hop: unknown, k) => {
            if (!isRecord(hop) || !isEmptyList(hop.nodes) || loadsNodes(hop)) return;
            const hopName = typeof hop.name === 'string' ? hop.name : `hop-${k}`;
            report({
              message: `hop ${hopName} of chain ${name} on ${host.name} has no nodes: the chain is cut off there and ${k === 0 ? 'every destination is dialled directly from ' + host.name : 'the previous hop dials the destination itself'}`,
              span: process.spans.get(['chains', i, 'hops', k, 'nodes']),
              host: host.name,
              help: 'add nodes, or drop `nodes:` to refer to a top-level hop of that name',
            });
          });
        });
        (Array.isArray(c.hops) ? c.hops : []).forEach((hop: unknown, k) => {
          if (!isRecord(hop) || !isEmptyList(hop.nodes) || loadsNodes(hop)) return;
          report({
            message: `hop ${String(hop.name)} on ${host.name} has no nodes: every chain or forwarder that uses it gets no node from it`,
            span: process.spans.get(['hops', k, 'nodes']),
            host: host.name,
            help: 'add nodes to the hop',
          });
        });
        (Array.isArray(c.services) ? c.services : []).forEach((s: unknown, i) => {
          if (!isRecord(s) || !isRecord(s.forwarder) || !isEmptyList(s.forwarder.nodes)) return;
          const f = s.forwarder;
          if ((typeof f.hop === 'string' && f.hop !== '') || (typeof f.name === 'string' && f.name !== ''))
            return;
          const handler = canonicalHandler(
            isRecord(s.handler) && typeof s.handler.type === 'string' ? s.handler.type : 'auto',
          );
          if (!forwardingHandlers.has(handler)) return;
          report({
            message: `the forwarder of service ${String(s.name)} on ${host.name} has no nodes: ${handler === 'relay' ? 'the relay runs in forward mode without a target and answers every request with status 5 Service Unavailable' : `the ${handler} handler has nothing to forward to and every connection fails with "node not available"`}`,
            span: process.spans.get(['services', i, 'forwarder', 'nodes']),
            host: host.name,
            help: 'add the target nodes, or remove the forwarder',
          });
        });
      }
    }
  },
});
