import type { ConfigPath } from '../gost/span-index.js';
import type { GostProcess } from '../lower/plan.js';
import { defineRule } from './define-rule.js';

/**
 * Typed duration fields of gost's config structs (selector failTimeout/maxLatency, loader reload,
 * TLS validity, plugin/loader/recorder/resolver timeout, probe interval, nameserver ttl). Inside
 * `metadata` maps gost reads integers as seconds instead, so those maps are not searched.
 */
const durationFields = new Set([
  'failTimeout',
  'maxLatency',
  'reload',
  'validity',
  'timeout',
  'interval',
  'ttl',
]);

const portRange = /:\d+-\d+$/;

function bareDurations(
  value: unknown,
  path: ConfigPath,
  out: { path: ConfigPath; key: string; value: number }[],
): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      bareDurations(v, [...path, i], out);
    });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'metadata') continue;
    if (durationFields.has(key) && typeof v === 'number' && v !== 0)
      out.push({ path: [...path, key], key, value: v });
    else bareDurations(v, [...path, key], out);
  }
}

function rangeAddresses(process: GostProcess): { path: ConfigPath; addr: string; name: string }[] {
  const out: { path: ConfigPath; addr: string; name: string }[] = [];
  const services = process.config.services;
  (Array.isArray(services) ? services : []).forEach((s, i) => {
    if (typeof s === 'object' && s !== null && typeof s.addr === 'string' && portRange.test(s.addr))
      out.push({ path: ['services', i, 'addr'], addr: s.addr, name: String(s.name) });
  });
  return out;
}

export default defineRule({
  id: 'config-literals',
  severity: 'warning',
  docs: {
    summary:
      'A native config value that gost reads differently from the command line: a port range in `addr`, or a bare number as a duration.',
    why: 'Port ranges (`:8000-8003`) are expanded by the command-line parser only; in a config file the address is handed to the listener as written and listening fails, so gost exits (gost issue #724). A typed duration field such as `failTimeout` or `reload` given as a bare integer is a Go duration in nanoseconds: `failTimeout: 30` means 30ns, not 30s (inside `metadata` maps an integer counts seconds instead).',
    fix: 'Write one service per port in config files; write durations with a unit (`30s`, `1m`).',
  },
  check(model, report) {
    for (const host of model.hosts.values()) {
      for (const process of host.processes) {
        // The command line expands ranges and writes durations as strings itself.
        if (process.origin !== 'config') continue;
        for (const r of rangeAddresses(process)) {
          report({
            message: `service ${r.name} on ${host.name} listens on "${r.addr}": only the command line expands port ranges, so gost fails to listen on this address and exits`,
            span: process.spans.get(r.path),
            host: host.name,
            severity: 'error',
            help: 'write one service per port (or use the -L command line, which expands ranges)',
          });
        }
        const found: { path: ConfigPath; key: string; value: number }[] = [];
        bareDurations(process.config, [], found);
        for (const d of found) {
          report({
            message: `${d.key}: ${d.value} on ${host.name} is ${d.value} nanoseconds to gost: a bare number in a typed duration field is not seconds`,
            span: process.spans.get(d.path),
            host: host.name,
            help: `write "${d.value}s" (or another unit)`,
          });
        }
      }
    }
  },
});
