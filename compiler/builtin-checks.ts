/**
 * Diagnostics that come from reading the file rather than from a model rule. They are documented
 * like rules so every id a user can see has an explanation.
 */
import type { RuleDocs } from './rules/define-rule.js';
import type { Severity } from './diagnostics.js';

export interface RuleMeta {
  id: string;
  severity: Severity;
  docs: RuleDocs;
}

export const builtinChecks: readonly RuleMeta[] = [
  {
    id: 'env-missing',
    severity: 'error',
    docs: {
      summary: 'A `${VAR}` reference names an environment variable that is not set and has no default.',
      why: 'The value would be empty: an empty password or address in a gost config fails in ways that are hard to trace.',
      fix: 'Set the variable, or write `${VAR:-default}`.',
    },
  },
  {
    id: 'env-syntax',
    severity: 'error',
    docs: {
      summary: 'A `${...}` reference is malformed.',
      why: 'topo cannot tell which variable is meant.',
      fix: 'Write `${NAME}` or `${NAME:-default}`; `$${` stands for a literal `${`.',
    },
  },
  {
    id: 'gost-cli',
    severity: 'error',
    docs: {
      summary: "A host's gost command line is not valid gost syntax.",
      why: 'gost would refuse to start, or read the argument differently than intended.',
      fix: 'Write the arguments as for `gost`: `-L scheme://[user:pass@]host:port[/targets][?options]`, `-F ...`, ` -- ` between process groups.',
    },
  },
  {
    id: 'invalid-value',
    severity: 'error',
    docs: {
      summary: 'A value has the wrong type or format for its key.',
      why: 'topo and gost cannot interpret the value.',
      fix: 'Write the value as the key expects; the message says what is allowed.',
    },
  },
  {
    id: 'missing-key',
    severity: 'error',
    docs: {
      summary: 'A required key is missing.',
      why: 'The object cannot be used without it (a service without `name`, a topology without `hosts`).',
      fix: 'Add the key.',
    },
  },
  {
    id: 'port-range-mismatch',
    severity: 'warning',
    docs: {
      summary: 'A command-line port range maps onto a target list of another length.',
      why: 'gost expands `-L tcp://:8000-8003/host:9000-9001` into one service per port and gives service i target i: surplus targets are dropped and surplus services get **no target at all**, so connections to them fail (rtcp: "node not available").',
      fix: 'Make both ranges the same length, or use a single target (many-to-one).',
    },
  },
  {
    id: 'unknown-key',
    severity: 'error',
    docs: {
      summary: 'A key is not part of the topology language or of the gost v3 config.',
      why: 'gost silently ignores keys it does not know, so a misspelt or misplaced key (`ws: true` under a connector, a service nested under `ingresses:`) simply has no effect.',
      fix: 'Remove the key or move it where it belongs; the message lists the keys allowed here.',
    },
  },
  {
    id: 'yaml-alias-bomb',
    severity: 'error',
    docs: {
      summary: 'YAML aliases expand to an excessive number of values.',
      why: 'Nested aliases ("billion laughs") can exhaust memory; topo refuses to expand them.',
      fix: 'Write the values out instead of nesting aliases.',
    },
  },
  {
    id: 'yaml-empty',
    severity: 'error',
    docs: {
      summary: 'The file is empty.',
      why: 'A topology needs at least `name` and `hosts`.',
      fix: 'Start from one of the files in examples/.',
    },
  },
  {
    id: 'yaml-key',
    severity: 'error',
    docs: {
      summary: 'A map key is not a plain string.',
      why: 'Topology and gost config keys are names; complex keys cannot be interpreted.',
      fix: 'Use a plain string key.',
    },
  },
  {
    id: 'yaml-syntax',
    severity: 'error',
    docs: {
      summary: 'The file is not valid YAML.',
      why: 'It cannot be read at all.',
      fix: 'Fix the YAML syntax at the position shown.',
    },
  },
  {
    id: 'yaml-too-deep',
    severity: 'error',
    docs: {
      summary: 'The document nests deeper than topo accepts.',
      why: 'No topology needs that depth; it protects topo from runaway input.',
      fix: 'Check for runaway brackets or indentation.',
    },
  },
];
