import { defineRule } from './define-rule.js';
import { undefinedReferences } from './references.js';

export default defineRule({
  id: 'undefined-auther',
  severity: 'error',
  docs: {
    summary: 'A handler or listener names an auther that is not defined.',
    why: 'gost wraps named authers lazily; an undefined auther **accepts every client**, so authentication is silently off (a socks5 handler still demands a username/password but accepts any).',
    fix: 'Define the auther under `authers:` in the same config, or fix the name.',
  },
  check(model, report) {
    for (const host of model.hosts.values()) {
      for (const process of host.processes) {
        for (const ref of undefinedReferences(process, ['auther'])) {
          report({
            message: `${ref.owner} on ${host.name} uses auther "${ref.name}", which is not defined`,
            span: process.spans.get(ref.path),
            host: host.name,
            help:
              'define auther "' +
              ref.name +
              '" in the same gost config (names are per process), or fix the name',
          });
        }
      }
    }
  },
});
