import type { GostConfig } from '../gost/config.js';
import { defineRule } from './define-rule.js';

/** The named lists of a gost config that gost registers by name, one registry each. */
const registries: readonly { key: keyof GostConfig; what: string }[] = [
  { key: 'services', what: 'service' },
  { key: 'chains', what: 'chain' },
  { key: 'hops', what: 'hop' },
  { key: 'authers', what: 'auther' },
  { key: 'admissions', what: 'admission' },
  { key: 'bypasses', what: 'bypass' },
  { key: 'resolvers', what: 'resolver' },
  { key: 'hosts', what: 'hosts table' },
  { key: 'ingresses', what: 'ingress' },
  { key: 'routers', what: 'router' },
  { key: 'sds', what: 'service discovery' },
  { key: 'recorders', what: 'recorder' },
  { key: 'limiters', what: 'limiter' },
  { key: 'climiters', what: 'connection limiter' },
  { key: 'rlimiters', what: 'rate limiter' },
  { key: 'observers', what: 'observer' },
  { key: 'loggers', what: 'logger' },
];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export default defineRule({
  id: 'duplicate-name',
  severity: 'error',
  docs: {
    summary:
      'Two services, chains, hops, authers (or other named objects of one kind) share a name in one gost config.',
    why: 'gost registers every named object in a registry per kind and refuses a second object under a taken name: loading stops with "registry: duplicate object" and the gost process exits. (Objects without a name are not registered at all.)',
    fix: 'Give each object of a kind its own name within the config; names only need to be unique per gost process.',
  },
  check(model, report) {
    for (const host of model.hosts.values()) {
      for (const process of host.processes) {
        for (const { key, what } of registries) {
          const list = process.config[key];
          if (!Array.isArray(list)) continue;
          const first = new Map<string, number>();
          list.forEach((item: unknown, i) => {
            if (!isRecord(item) || typeof item.name !== 'string' || item.name === '') return;
            const earlier = first.get(item.name);
            if (earlier === undefined) {
              first.set(item.name, i);
              return;
            }
            report({
              message: `${what} name "${item.name}" is already taken in this gost config on ${host.name}: loading fails with "registry: duplicate object" and gost exits`,
              span: process.spans.get([key, i, 'name']),
              host: host.name,
              related: [
                {
                  span: process.spans.get([key, earlier, 'name']),
                  message: `the first ${what} named "${item.name}"`,
                },
              ],
              help: `rename one of the two ${key}`,
            });
          });
        }
      }
    }
  },
});
