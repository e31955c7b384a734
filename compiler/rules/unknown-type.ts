import type { ConfigPath } from '../gost/span-index.js';
import { isRegistered, type RegistryKind, registeredNames } from '../gost/registry-names.js';
import type { GostProcess } from '../lower/plan.js';
import { defineRule } from './define-rule.js';
import { closestName } from './util.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

interface TypeUse {
  kind: RegistryKind;
  type: string;
  path: ConfigPath;
  owner: string;
}

/**
 * Every written component type of a config. An empty connector or dialer type is left out: node
 * parsing fills in http/tcp for it. An empty handler or listener type is not filled in (only a
 * missing block is), so it stays.
 */
function typeUses(process: GostProcess): TypeUse[] {
  const out: TypeUse[] = [];
  const c = process.config;
  (Array.isArray(c.services) ? c.services : []).forEach((s: unknown, i) => {
    if (!isRecord(s)) return;
    const owner = `service ${typeof s.name === 'string' ? s.name : i}`;
    for (const kind of ['handler', 'listener'] as const) {
      const block = s[kind];
      if (isRecord(block) && typeof block.type === 'string')
        out.push({ kind, type: block.type, path: ['services', i, kind, 'type'], owner });
    }
  });
  const nodes = (hop: unknown, path: ConfigPath, owner: string) => {
    if (!isRecord(hop) || !Array.isArray(hop.nodes)) return;
    hop.nodes.forEach((n: unknown, j) => {
      if (!isRecord(n)) return;
      const nodeOwner = `node ${typeof n.name === 'string' ? n.name : j} of ${owner}`;
      for (const kind of ['connector', 'dialer'] as const) {
        const block = n[kind];
        if (isRecord(block) && typeof block.type === 'string' && block.type !== '')
          out.push({ kind, type: block.type, path: [...path, 'nodes', j, kind, 'type'], owner: nodeOwner });
      }
    });
  };
  (Array.isArray(c.chains) ? c.chains : []).forEach((chain: unknown, i) => {
    if (!isRecord(chain) || !Array.isArray(chain.hops)) return;
    chain.hops.forEach((hop: unknown, k) => {
      const name = isRecord(hop) && typeof hop.name === 'string' ? hop.name : k;
      nodes(hop, ['chains', i, 'hops', k], `hop ${name} of chain ${String(chain.name)}`);
    });
  });
  (Array.isArray(c.hops) ? c.hops : []).forEach((hop: unknown, k) => {
    const name = isRecord(hop) && typeof hop.name === 'string' ? hop.name : k;
    nodes(hop, ['hops', k], `hop ${name}`);
  });
  return out;
}

export default defineRule({
  id: 'unknown-type',
  severity: 'error',
  docs: {
    summary: 'A handler, listener, connector or dialer `type` is not a protocol the gost binary registers.',
    why: 'gost looks every component type up in its registry, by exact, case-sensitive name. An unknown one stops loading with "unregistered handler: …" (listener, connector, dialer likewise) and gost exits. (On the command line gost falls back to a default type instead; that is reported as gost-cli.)',
    fix: 'Use a registered type name in lower case (relay, socks5, http, tcp, udp, rtcp, tls, wss, kcp, …); the message suggests the closest one.',
  },
  check(model, report) {
    for (const host of model.hosts.values()) {
      for (const process of host.processes) {
        for (const use of typeUses(process)) {
          if (isRegistered(use.kind, use.type)) continue;
          const suggestion = use.type === '' ? undefined : closestName(use.type, registeredNames(use.kind));
          report({
            message:
              use.type === ''
                ? `${use.owner} on ${host.name} has an empty ${use.kind} type: gost fails with "unregistered ${use.kind}: " and exits`
                : `${use.owner} on ${host.name} uses ${use.kind} type "${use.type}", which gost does not register: it fails with "unregistered ${use.kind}: ${use.type}" and exits`,
            span: process.spans.get(use.path),
            host: host.name,
            help: suggestion
              ? `did you mean "${suggestion}"?`
              : `write a ${use.kind} type gost knows, or leave the ${use.kind} block out for the default`,
          });
        }
      }
    }
  },
});
