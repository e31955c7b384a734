import { defineRule } from './define-rule.js';
import { undefinedReferences } from './references.js';

export default defineRule({
  id: 'undefined-reference',
  severity: 'warning',
  docs: {
    summary: 'A bypass, resolver, hosts, limiter, observer, logger or recorder name is not defined.',
    why: 'gost resolves these names lazily and silently does nothing for an undefined one: a bypass never matches, a limiter never limits, a resolver falls back to the system resolver.',
    fix: 'Define the object under its top-level list (`bypasses:`, `resolvers:`, `hosts:`, `limiters:`, ...) in the same config, or remove the reference.',
  },
  check(model, report) {
    for (const host of model.hosts.values()) {
      for (const process of host.processes) {
        const kinds = [
          'bypass',
          'resolver',
          'hosts',
          'limiter',
          'climiter',
          'rlimiter',
          'observer',
          'logger',
          'recorder',
        ] as const;
        for (const ref of undefinedReferences(process, [...kinds])) {
          report({
            message: `${ref.owner} on ${host.name} uses ${ref.kind} "${ref.name}", which is not defined: gost ignores it silently`,
            span: process.spans.get(ref.path),
            host: host.name,
            help: `define ${ref.kind} "${ref.name}" in the same gost config, or remove the reference`,
          });
        }
      }
    }
  },
});
