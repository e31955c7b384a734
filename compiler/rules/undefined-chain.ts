import { defineRule } from './define-rule.js';
import { undefinedReferences } from './references.js';

export default defineRule({
  id: 'undefined-chain',
  severity: 'error',
  docs: {
    summary: 'A service names a chain that is not defined in its gost config.',
    why: 'gost resolves chain names lazily and never fails at load time: an undefined chain yields no route, so every connection is dialled **directly** from the service host, unproxied, and rtcp/rudp binds fail with "empty route" forever.',
    fix: 'Define the chain under `chains:` in the same config (names are per gost process), or fix the name.',
  },
  check(model, report) {
    for (const host of model.hosts.values()) {
      for (const process of host.processes) {
        for (const ref of undefinedReferences(process, ['chain'])) {
          report({
            message: `${ref.owner} on ${host.name} uses chain "${ref.name}", which is not defined`,
            span: process.spans.get(ref.path),
            host: host.name,
            help:
              'define chain "' +
              ref.name +
              '" in the same gost config (names are per process), or fix the name',
          });
        }
      }
    }
  },
});
