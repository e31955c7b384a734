import { defineRule } from './define-rule.js';
import { undefinedReferences } from './references.js';

export default defineRule({
  id: 'undefined-hop',
  severity: 'error',
  docs: {
    summary: 'A chain or forwarder refers to a hop by name that is not defined.',
    why: 'A chain hop without `nodes` is a reference to a top-level `hops:` entry. If none has that name the hop yields no node: the chain is truncated at that hop (dialled directly if it is the first), and a forwarder has no target ("node not available", relay status 5).',
    fix: 'Define the hop under the top-level `hops:`, or give the chain hop its own `nodes:` list.',
  },
  check(model, report) {
    for (const host of model.hosts.values()) {
      for (const process of host.processes) {
        for (const ref of undefinedReferences(process, ['hop'])) {
          report({
            message: `${ref.owner} on ${host.name} uses hop "${ref.name}", which is not defined`,
            span: process.spans.get(ref.path),
            host: host.name,
            help:
              'define hop "' +
              ref.name +
              '" in the same gost config (names are per process), or fix the name',
          });
        }
      }
    }
  },
});
