/**
 * The entry-point table `topo up` prints on start: for every service a client on this machine can
 * talk to, its real address, what speaks there, and a command to try it. Proxies get a `curl -x`
 * through them to an http app (the one an expectation of the topology reaches through that proxy,
 * else any named http app), always with a scheme that lets the proxy resolve the name (`socks5h`,
 * `socks4a`, `http`), since names are the topology's, not this machine's; port forwards get `curl`
 * when they lead to an http app and `nc` otherwise; an rtcp/rudp port appears on the relay host
 * where it opens. Credentials that came from the environment are written as the variable
 * (`${RELAY_PASSWORD}`), never as their value.
 */

import type { AppPlan, ExpectationPlan, TopologyPlan } from '../../compiler/lower/plan.js';
import { trySplitHostPort } from '../../runtime/addr.js';
import type { Fabric } from '../../sim/fabric.js';
import { isLoopbackIp } from './addresses.js';
import { bindHostOf, type ServiceInfo } from './services.js';

export interface EntryPoint {
  /** The host where the port is open. */
  host: string;
  /** The gost service (`host/service` when another host's rtcp/rudp service opened it). */
  service: string;
  /** The address on this machine. */
  address: string;
  network: 'tcp' | 'udp';
  /** What speaks there: `socks5`, `relay+tls`, `tcp -> 10.0.0.3:22`, `rtcp -> 10.0.0.4:80`. */
  protocol: string;
  note?: string;
  /** A shell command that exercises it. */
  try?: string;
}

export interface HostEntry {
  host: string;
  address: string;
  /** Topology addresses and names. */
  topology: string[];
  runs: string;
}

export interface EntryPointContext {
  plan: TopologyPlan;
  fabric: Fabric;
  services: readonly ServiceInfo[];
  running: ReadonlySet<string>;
  apps: boolean;
  realAddress(host: string): string;
  realPort(port: number): number;
  /** How to write a secret value in a shell command (`${NAME}`), or undefined when it is not one. */
  secretRef(value: string): string | undefined;
}

const proxySchemes: Record<string, string> = {
  http: 'http',
  socks5: 'socks5h',
  socks: 'socks5h',
  socks4: 'socks4a',
  socks4a: 'socks4a',
  auto: 'socks5h',
};

/** gost's scheme for a service: `relay+tls`, `socks5`, `sshd`, `tcp` (a forward). */
function schemeOf(s: ServiceInfo): string {
  return s.listener === 'tcp' || s.listener === s.handler ? s.handler : `${s.handler}+${s.listener}`;
}

function hostPortOf(address: string): { host: string; port: number } | undefined {
  const parts = trySplitHostPort(address);
  const port = Number(parts?.port);
  return parts && Number.isInteger(port) ? { host: parts.host, port } : undefined;
}

class TableBuilder {
  constructor(private readonly ctx: EntryPointContext) {}

  private appOf(host: string, protocol: 'tcp' | 'udp', ip: string, port: number): AppPlan | undefined {
    const plan = this.ctx.plan.hosts.find((h) => h.name === host);
    return plan?.apps.find(
      (a) => a.protocol === protocol && a.port === port && (a.ip === undefined || a.ip === ip),
    );
  }

  /** The app an expectation says a client reaches by dialling `host:port` directly. */
  private expectedApp(host: string, protocol: 'tcp' | 'udp', port: number): AppPlan | undefined {
    for (const e of this.ctx.plan.expectations) {
      if (e.proxy || !e.arrives || e.protocol !== protocol || e.port !== port) continue;
      const ip = this.ctx.fabric.resolve(e.from, e.host);
      if (!ip || this.ctx.fabric.hostOfIp(e.from, ip) !== host) continue;
      const app = this.appByName(e.arrives.host, e.arrives.app);
      if (app) return app;
    }
    return undefined;
  }

  private appByName(host: string, app: string): AppPlan | undefined {
    return this.ctx.plan.hosts.find((h) => h.name === host)?.apps.find((a) => a.name === app);
  }

  /** The app a forward to `target` (as `from` dials it) ends at, following one rtcp/rudp port. */
  private appAt(from: string, target: string, protocol: 'tcp' | 'udp'): AppPlan | undefined {
    const hp = hostPortOf(target);
    if (!hp) return undefined;
    const ip = this.ctx.fabric.resolve(from, hp.host);
    const owner = ip ? this.ctx.fabric.hostOfIp(from, ip) : undefined;
    if (!ip || !owner) return undefined;
    const app = this.appOf(owner, protocol, ip, hp.port);
    if (app) return app;
    const reverse = this.ctx.services.find(
      (s) => s.reverse && s.port === hp.port && s.network === protocol && bindHostOf(s) === owner,
    );
    const next = reverse?.targets[0];
    return reverse && next ? this.appAt(reverse.host, next, protocol) : undefined;
  }

  private secret(value: string): { text: string; secret: boolean } {
    const ref = this.ctx.secretRef(value);
    return ref ? { text: ref, secret: true } : { text: encodeURIComponent(value), secret: false };
  }

  private proxyTry(service: ServiceInfo, address: string): string | undefined {
    // What the topology's own expectations do through this proxy is known to work.
    const through = this.ctx.plan.expectations.filter((e) => e.arrives && this.usesProxy(e, service));
    const toHttp = through.find(
      (e) =>
        e.protocol === 'tcp' && e.arrives && this.appByName(e.arrives.host, e.arrives.app)?.kind === 'http',
    );
    const model = toHttp ?? through[0];
    let scheme = proxySchemes[service.handler] ?? 'socks5h';
    let auth = service.auth;
    if (model?.proxy) {
      scheme = proxySchemes[model.proxy.scheme] ?? scheme;
      if (model.proxy.username !== undefined) {
        auth = { username: model.proxy.username, password: model.proxy.password ?? '' };
      }
    }
    let url = toHttp ? `http://${toHttp.host}:${toHttp.port}/` : undefined;
    url ??= this.anyHttpApp(service);
    if (!url) return undefined;
    let credentials = '';
    let quoted = false;
    if (auth) {
      const user = this.secret(auth.username);
      const pass = this.secret(auth.password);
      credentials = `${user.text}:${pass.text}@`;
      quoted = user.secret || pass.secret;
    }
    const proxy = `${scheme}://${credentials}${address}`;
    return `curl -x ${quoted ? `"${proxy}"` : proxy} ${url}`;
  }

  private usesProxy(e: ExpectationPlan, service: ServiceInfo): boolean {
    if (!e.proxy || e.proxy.port !== service.port) return false;
    const ip = this.ctx.fabric.resolve(e.from, e.proxy.host);
    return ip !== undefined && this.ctx.fabric.hostOfIp(e.from, ip) === service.host;
  }

  /** An http app to fetch through the proxy, unless an expectation says the proxy cannot reach it. */
  private anyHttpApp(service: ServiceInfo): string | undefined {
    for (const host of this.ctx.plan.hosts) {
      const app = host.apps.find((a) => a.kind === 'http' && a.protocol === 'tcp');
      if (!app || this.failsThrough(service, host.name, app.port)) continue;
      const name = host.names[0] ?? app.ip ?? host.addresses[0]?.ip;
      if (name) return `http://${name.includes(':') ? `[${name}]` : name}:${app.port}/`;
    }
    return undefined;
  }

  private failsThrough(service: ServiceInfo, host: string, port: number): boolean {
    return this.ctx.plan.expectations.some((e) => {
      if (e.fails === undefined || e.port !== port || !this.usesProxy(e, service)) return false;
      const ip = this.ctx.fabric.resolve(e.from, e.host);
      return ip !== undefined && this.ctx.fabric.hostOfIp(e.from, ip) === host;
    });
  }

  private directTry(app: AppPlan | undefined, network: 'tcp' | 'udp', ip: string, port: number): string {
    if (network === 'udp') return `nc -u ${ip} ${port}`;
    if (app?.kind === 'http') return `curl http://${ip}:${port}/`;
    return `nc ${ip} ${port}`;
  }

  entries(): EntryPoint[] {
    const out: EntryPoint[] = [];
    for (const s of this.ctx.services) {
      if (!this.ctx.running.has(s.host)) continue;
      const where = bindHostOf(s);
      if (where === undefined) {
        out.push({
          host: '?',
          service: `${s.host}/${s.name}`,
          address: '-',
          network: s.network,
          protocol: `${s.listener} -> ${s.targets[0] ?? '?'}`,
          note: `its relay ${s.reverse?.relays.map((r) => r.addr).join(', ')} is not a host of the topology`,
        });
        continue;
      }
      const ip = this.ctx.realAddress(where);
      const port = this.ctx.realPort(s.port);
      const address = s.port === 0 ? `${ip}:(chosen at start)` : `${ip}:${port}`;
      const loopback = s.bindHost !== '' && (s.bindHost === 'localhost' || isLoopbackIp(s.bindHost));
      const specific = s.bindHost !== '' && !loopback && s.bindHost !== '0.0.0.0' && s.bindHost !== '::';
      const note = loopback
        ? `loopback of ${where}: in the topology only ${where} itself may dial it`
        : specific
          ? `bound to ${s.bindHost} only`
          : undefined;
      if (s.reverse) {
        const target = s.targets[0] ?? '?';
        const app = this.expectedApp(where, s.network, s.port) ?? this.appAt(s.host, target, s.network);
        out.push({
          host: where,
          service: where === s.host ? s.name : `${s.host}/${s.name}`,
          address,
          network: s.network,
          protocol: `${s.listener} -> ${target}`,
          ...(note ? { note } : {}),
          ...(s.port !== 0 ? { try: this.directTry(app, s.network, ip, port) } : {}),
        });
        continue;
      }
      const scheme = schemeOf(s);
      const forwards = s.targets.length > 0 && ['tcp', 'udp', 'forward', 'rtcp', 'rudp'].includes(s.handler);
      const plain = s.listener === 'tcp' || s.listener === 'udp';
      let protocol = scheme;
      let tryIt: string | undefined;
      if (forwards) {
        const target = s.targets[0] ?? '?';
        protocol = `${scheme} -> ${target}${s.targets.length > 1 ? ` (+${s.targets.length - 1})` : ''}`;
        const app =
          this.expectedApp(s.host, s.network, s.port) ?? this.appAt(this.exitOf(s), target, s.network);
        if (s.port !== 0 && plain) tryIt = this.directTry(app, s.network, ip, port);
      } else if (proxySchemes[s.handler] && s.network === 'tcp' && s.listener === 'tcp' && s.port !== 0) {
        tryIt = this.proxyTry(s, address);
      }
      out.push({
        host: where,
        service: s.name,
        address,
        network: s.network,
        protocol,
        ...(note ? { note } : tryIt ? {} : { note: this.noTry(s) }),
        ...(tryIt ? { try: tryIt } : {}),
      });
    }
    return out;
  }

  private noTry(s: ServiceInfo): string {
    if (proxySchemes[s.handler] && s.listener === 'tcp') {
      return 'no http app of the topology is known to answer through it, so there is nothing for curl to fetch';
    }
    const plain = s.listener === 'tcp' || s.listener === 'udp';
    if (s.targets.length > 0 && !plain) {
      return `a ${s.listener} client reaches ${s.targets[0]} through it (gost -L ${s.network}://:PORT -F forward+${s.listener}://...)`;
    }
    return `a ${s.handler} client speaks to it (gost -F ${schemeOf(s)}://...)`;
  }

  /** The host whose point of view resolves a forward's target: the end of its chain, or its own. */
  private exitOf(s: ServiceInfo): string {
    return s.exit ?? s.host;
  }

  hosts(): HostEntry[] {
    return this.ctx.plan.hosts.map((h) => {
      const services = this.ctx.services.filter((s) => s.host === h.name).length;
      const parts: string[] = [];
      if (!this.ctx.running.has(h.name)) parts.push('not started (--host)');
      else {
        if (h.processes.length > 0) parts.push(`gost: ${services} service${services === 1 ? '' : 's'}`);
        if (h.apps.length > 0) {
          parts.push(
            `${this.ctx.apps ? 'apps' : 'apps not started'}: ${h.apps.map((a) => `${a.name} (${a.kind} ${a.protocol}/${a.port})`).join(', ')}`,
          );
        }
        if (parts.length === 0) parts.push('client');
      }
      return {
        host: h.name,
        address: this.ctx.realAddress(h.name),
        topology: [...h.addresses.map((a) => a.ip), ...h.names],
        runs: parts.join('; '),
      };
    });
  }
}

export function buildEntryPoints(ctx: EntryPointContext): { hosts: HostEntry[]; entryPoints: EntryPoint[] } {
  const builder = new TableBuilder(ctx);
  return { hosts: builder.hosts(), entryPoints: builder.entries() };
}
