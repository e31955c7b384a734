import { defineRule } from './define-rule.js';
import { undefinedReferences } from './references.js';

export default defineRule({
  id: 'undefined-admission',
  severity: 'error',
  docs: {
    summary: 'A service names an admission that is not defined.',
    why: 'An undefined admission denies everyone: every connection to the service is refused.',
    fix: 'Define the admission under `admissions:`, or remove the reference.',
  },
  check(model, report) {
    for (const host of model.hosts.values()) {
      for (const process of host.processes) {
        for (const ref of undefinedReferences(process, ['admission'])) {
          report({
            message: `${ref.owner} on ${host.name} uses admission "${ref.name}", which is not defined`,
            span: process.spans.get(ref.path),
            host: host.name,
            help:
              'define admission "' +
              ref.name +
              '" in the same gost config (names are per process), or fix the name',
          });
        }
      }
    }
  },
});
