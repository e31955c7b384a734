/**
 * Addresses as gost writes them: `host:port`, `:port`, `[v6]:port`, and the hosts that mean
 * "this machine".
 */
import type { Endpoint } from './types.js';

export function parseEndpoint(raw: string): Endpoint {
  const text = raw.trim();
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close > 0) {
      const host = text.slice(1, close);
      const rest = text.slice(close + 1);
      const port = rest.startsWith(':') ? parsePort(rest.slice(1)) : undefined;
      return { host, raw, ...(port !== undefined ? { port } : {}) };
    }
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0) return { host: text, raw };
  const host = text.slice(0, colon);
  if (host.includes(':')) return { host: text, raw };
  const port = parsePort(text.slice(colon + 1));
  return { host, raw, ...(port !== undefined ? { port } : {}) };
}

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 65535 ? n : undefined;
}

/** The host part means every address of the machine. */
export function isWildcardHost(host: string): boolean {
  return host === '' || host === '0.0.0.0' || host === '::' || host === '0:0:0:0:0:0:0:0';
}

/** The host part means the dialling machine itself. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export function formatEndpoint(host: string, port: number | undefined): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return port === undefined ? h : `${h}:${port}`;
}
