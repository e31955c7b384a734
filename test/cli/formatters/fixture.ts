/** A small topology and hand-made diagnostics on it, shared by the formatter tests. */
import type { Diagnostic, Severity } from '../../../compiler/diagnostics.js';
import { SourceFile } from '../../../compiler/source.js';
import type { FormatOptions } from '../../../cli/formatters/index.js';

export const topologyText = [
  'name: office',
  'hosts:',
  '  relay:',
  '    gost: -L relay+wss://:8443',
  '  office-gw:',
  '    gost: -L rtcp://:2222/10.0.0.3:22 -F relay+wss://relay.example.com:8443',
  '',
].join('\n');

export const file = 'topology.yaml';
export const source = new SourceFile(file, topologyText);
export const sources = new Map([[file, source]]);

/** A span over the first occurrence of `needle` at or after line `line`. */
export function spanOf(needle: string, line = 1, src: SourceFile = source) {
  let from = 0;
  for (let l = 1; l < line; l++) from = src.text.indexOf('\n', from) + 1;
  const start = src.text.indexOf(needle, from);
  if (start < 0) throw new Error(`fixture: ${needle} not found after line ${line}`);
  return src.span(start, start + needle.length);
}

export function diagnostic(
  rule: string,
  severity: Severity,
  message: string,
  needle: string,
  extra: Partial<Diagnostic> = {},
): Diagnostic {
  return { rule, severity, message, span: spanOf(needle), related: [], ...extra };
}

/** An rtcp service whose relay does not allow BIND, with the relay service as the related place. */
export const bindError: Diagnostic = diagnostic(
  'rtcp-server-bind',
  'error',
  'relay service on relay does not allow BIND, so the rtcp port 2222 is never opened',
  'rtcp://:2222/10.0.0.3:22',
  {
    host: 'office-gw',
    related: [{ span: spanOf('relay+wss://:8443'), message: 'the relay service this chain reaches' }],
    help: 'add ?bind=true to the relay service: relay+wss://:8443?bind=true',
  },
);

export const nameWarning: Diagnostic = diagnostic(
  'unresolved-name',
  'warning',
  'relay.example.com is not a name of any host',
  'relay.example.com',
  { host: 'office-gw' },
);

export const options: FormatOptions = {
  color: false,
  cwd: '/work/project',
  rules: [
    {
      id: 'rtcp-server-bind',
      severity: 'error',
      docs: {
        summary: 'A remote port forward needs a server that allows BIND.',
        why: 'gost v3 servers refuse BIND unless bind=true is set.',
        fix: 'Set bind=true on the server the chain ends at.',
      },
    },
    {
      id: 'unresolved-name',
      severity: 'warning',
      docs: {
        summary: 'Every dialled name should belong to a host.',
        why: 'A name no host has cannot be simulated.',
        fix: 'Add the name to the host that owns it.',
      },
    },
  ],
  toolVersion: '0.1.0',
  informationUri: 'https://example.org/topo',
};
