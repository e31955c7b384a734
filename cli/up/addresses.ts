/**
 * Where `topo up` puts things on this machine. Linux routes the whole of 127.0.0.0/8 to the loopback
 * interface, so every host of the topology gets an address of its own there, in topology order from
 * a first address (default 127.0.1.1: 127.0.1.1, 127.0.1.2, ..., 127.0.1.254, 127.0.2.1, ...; the
 * .0 and .255 of every /24 are skipped). Ports stay as written unless a port offset shifts every
 * listening port, and every dial to one, by the same amount.
 */

import { formatIP, parseIP } from '../../runtime/addr.js';

export const defaultFirstAddress = '127.0.1.1';

/** The loopback address of each host, in the order given. */
export function assignAddresses(hosts: readonly string[], first: string): Map<string, string> {
  const bytes = parseIP(first);
  if (bytes?.length !== 4 || bytes[0] !== 127) {
    throw new RangeError(`the first address must be an IPv4 address in 127.0.0.0/8, not '${first}'`);
  }
  let n = ((bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  const out = new Map<string, string>();
  for (const host of hosts) {
    while ((n & 0xff) === 0 || (n & 0xff) === 0xff) n++;
    if (n > 0xfffffe) throw new RangeError(`127.0.0.0/8 has no room for ${hosts.length} hosts from ${first}`);
    out.set(host, formatIP(new Uint8Array([127, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff])));
    n++;
  }
  return out;
}

export function isLoopbackIp(ip: string): boolean {
  const bytes = parseIP(ip);
  if (!bytes) return false;
  return bytes.length === 4 ? bytes[0] === 127 : bytes.every((b, i) => (i === 15 ? b === 1 : b === 0));
}

/**
 * A destination outside the topology that dials may reach anyway: `match` is what a config dials
 * (`NAME:PORT`, `IP:PORT`), `real` the loopback address on this machine that answers for it.
 */
export interface ExternalAddress {
  match: { host: string; port: number };
  real: { host: string; port: number };
}

function hostPort(text: string, what: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || port < 1 || port > 65535) throw new RangeError(`${what} '${text}' is not HOST:PORT`);
  return { host: (m[1] ?? m[2] ?? '').toLowerCase(), port };
}

/**
 * `--allow-external`: `127.0.0.1:5432` (a service on this machine, dialled by that address) or
 * `api.example.com:443=127.0.0.1:8443` (a name or address the topology does not know, answered by a
 * service on this machine). The real side must be a loopback address: nothing leaves the machine.
 */
export function parseExternal(text: string): ExternalAddress {
  const [left, right, ...rest] = text.split('=');
  if (rest.length > 0 || left === undefined) throw new RangeError(`'${text}' has more than one '='`);
  const match = hostPort(left, 'address');
  const real = right === undefined ? match : hostPort(right, 'address');
  if (!parseIP(real.host) || !isLoopbackIp(real.host)) {
    throw new RangeError(
      `'${text}': ${real.host} is not a loopback address; topo up never dials anything off this machine`,
    );
  }
  return { match, real };
}

/** Why an offset cannot shift these ports, or undefined when it can. */
export function offsetProblem(ports: readonly number[], offset: number): string | undefined {
  const top = Math.max(0, ...ports);
  if (top > 0 && top + offset > 65535) return `port ${top} + ${offset} = ${top + offset} is beyond 65535`;
  return undefined;
}

/**
 * The offset to use when the caller gave none: 0 when every port can be bound, else the first of
 * 10000, 20000, ... that lifts the lowest port out of the privileged range and keeps the highest
 * below 65536. `privilegedBelow` is the first port an unprivileged process may bind (1024 on Linux,
 * or /proc/sys/net/ipv4/ip_unprivileged_port_start); `canBindPrivileged` says whether this process
 * may bind below it anyway (root, CAP_NET_BIND_SERVICE).
 */
export function automaticOffset(
  ports: readonly number[],
  privilegedBelow: number,
  canBindPrivileged: boolean,
): { offset: number; reason?: string } | { problem: string } {
  const listened = ports.filter((p) => p > 0);
  const low = Math.min(...listened);
  if (listened.length === 0 || canBindPrivileged || low >= privilegedBelow) return { offset: 0 };
  for (let offset = 10_000; offset <= 60_000; offset += 10_000) {
    if (low + offset >= privilegedBelow && !offsetProblem(listened, offset)) {
      return {
        offset,
        reason: `port ${low} is below ${privilegedBelow} and this process may not bind it`,
      };
    }
  }
  return {
    problem: `port ${low} is below ${privilegedBelow} and this process may not bind it, and no offset fits ports up to ${Math.max(...listened)}; choose one with --port-offset`,
  };
}
