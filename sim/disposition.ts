/**
 * What happened to a flow, in the terms of the topology language: where its bytes stopped, and why,
 * from the client's report and the log of every host involved. The rules, in order:
 *
 * 1. The client finished its exchange: DELIVERED at the app that holds a receipt of the flow's exact
 *    payload (for http, the app that answered).
 * 2. A UDP datagram reached an app (or came back) shorter than it was sent: TRUNCATED.
 * 3. Otherwise the earliest decisive event among the flow's own events is the cause: a dial refused,
 *    unreachable or unanswered, an auth refusal, a BIND refused, a UDP refusal, a handshake or
 *    protocol error, a forwarding loop. A refused connection is traced back to what should have
 *    been listening there: a gost process that did not start (PORT_IN_USE when its port was taken),
 *    or a remote bind for that port that the binding server refused (BIND_DISABLED) or that the
 *    chain's last node cannot make (BIND_UNSUPPORTED), even when that happened long before the flow.
 * 4. No decisive event: if the connection was up and not one application byte moved either way
 *    before the deadline or the close, STALLED (both sides wait for each other); a host of the path
 *    that went down during the flow makes it UNREACHABLE; a deadline otherwise is TIMEOUT.
 * A status the proxy or a hop answered with (`relay_status_2`, `http_407`, ...) is kept beside the
 * disposition, so `fails:` may name either.
 */

import { portOf, trySplitHostPort } from '../runtime/addr.js';
import type { TraceEvent } from '../runtime/types.js';
import type { AppServer } from './apps.js';
import type { Recorded, SimEvent } from './events.js';
import type { Fabric } from './fabric.js';
import type { ClientReport } from './flows.js';
import type { HostProcessConfig } from './host-configs.js';

export const dispositions = [
  'DELIVERED',
  'REFUSED',
  'UNREACHABLE',
  'TIMEOUT',
  'HANDSHAKE_FAILED',
  'AUTH_FAILED',
  'BIND_DISABLED',
  'BIND_UNSUPPORTED',
  'PORT_IN_USE',
  'UDP_UNSUPPORTED',
  'STALLED',
  'TRUNCATED',
  'LOOP',
] as const;

export type Disposition = (typeof dispositions)[number];

export interface Observed {
  disposition: Disposition;
  /** A protocol status seen on the way (`relay_status_7`, `http_503`, `socks5_status_2`). */
  status?: string;
  /** `host/app` the data arrived at. */
  arrivedAt?: string;
  /** Hosts the flow's bytes passed, in order, starting with the client's. */
  path: string[];
  /** Where the flow stopped. */
  at?: { host: string; service?: string };
  reason: string;
}

interface Finding {
  disposition: Disposition;
  status?: string;
  host?: string;
  service?: string;
  reason: string;
  /** Decisive findings explain a failure; weak ones (read timeouts, resets) only when nothing else does. */
  weak?: boolean;
  /** A refused connection to analyse further: the host and port nothing answered on. */
  refusedAt?: { host: string; port: number; network: 'tcp' | 'udp' };
}

export interface ObserveInput {
  flowOwner: string;
  from: string;
  protocol: 'tcp' | 'udp';
  report: ClientReport;
  /** Entries owned by the flow while it ran. */
  events: Recorded[];
  /** Every entry up to the flow's end (binds and process starts happen before flows). */
  history: Recorded[];
  apps: AppServer[];
  fabric: Fabric;
  processes: (host: string) => HostProcessConfig[];
  path: string[];
  /** Filled with earlier entries that explain the outcome (a refused bind, a process that failed). */
  evidence: Recorded[];
}

export function observe(input: ObserveInput): Observed {
  const { report, path } = input;
  const receipts = input.apps.flatMap((app) =>
    app.receipts.filter((r) => r.owner === input.flowOwner).map((r) => ({ app, r })),
  );

  if (report.result === 'ok') {
    const intact = receipts.find(({ r }) => r.bytes === report.payloadBytes && r.hash === report.payloadHash);
    const arrivedAt = report.answeredBy ?? (intact ? intact.app.name : undefined);
    if (report.answeredBy && !intact) {
      return {
        disposition: 'TRUNCATED',
        arrivedAt: report.answeredBy,
        path,
        at: { host: report.answeredBy.split('/')[0] ?? '' },
        reason: `${report.answeredBy} answered, but what it received differs from what was sent`,
      };
    }
    return {
      disposition: 'DELIVERED',
      ...(arrivedAt ? { arrivedAt } : {}),
      path,
      reason: `${report.sentBytes} bytes sent and ${report.receivedBytes} received back`,
    };
  }

  const truncated = receipts.find(({ r }) => r.datagrams.some((size) => size < report.datagramSize));
  if (truncated || report.shortReplies > 0) {
    const where = truncated?.app.name;
    return {
      disposition: 'TRUNCATED',
      ...(where ? { arrivedAt: where } : {}),
      path,
      ...(where ? { at: { host: truncated.app.plan.host } } : {}),
      reason: truncated
        ? `${where} received datagrams of ${truncated.r.datagrams.join(', ')} bytes; ${report.datagramSize} were sent`
        : `${report.shortReplies} replies came back shorter than what was sent`,
    };
  }

  const findings = input.events.flatMap((entry) => findingsOf(entry.event, input));
  const loop = findings.find((f) => f.disposition === 'LOOP');
  const decisive = loop ?? findings.find((f) => !f.weak);
  const clientStatus = report.status;
  if (decisive) {
    const refined = decisive.refusedAt ? refineRefusal(decisive, input) : decisive;
    return finish(refined, clientStatus, path);
  }

  if (report.refusal === 'auth') {
    return finish(
      { disposition: 'AUTH_FAILED', reason: report.error?.message ?? 'the proxy refused the credentials' },
      clientStatus,
      path,
    );
  }
  if (report.refusal === 'udp') {
    return finish(
      { disposition: 'UDP_UNSUPPORTED', reason: report.error?.message ?? 'the proxy refused UDP' },
      clientStatus,
      path,
    );
  }
  if (report.result === 'failed' && report.error) {
    const own = dispositionOfKind(report.error.kind, report.error.message, input.protocol);
    if (own)
      return finish({ disposition: own, host: input.from, reason: report.error.message }, clientStatus, path);
  }

  const appMoved = receipts.some(({ r }) => r.bytes > 0 || r.replies > 0);
  const connected = report.stage === 'banner' || report.stage === 'exchange' || report.stage === 'proxy';
  const nothingMoved = report.receivedBytes === 0 && !appMoved;
  const weak = findings.find((f) => f.weak);
  const faults = input.history.filter(
    (e) =>
      e.event.type === 'fault' &&
      e.event.action === 'down' &&
      e.t >= report.startedAt &&
      e.t <= report.endedAt &&
      e.event.hosts.some((h) => path.includes(h)),
  );
  const downHost = faults[0]?.event.type === 'fault' ? faults[0].event.hosts[0] : undefined;
  if (downHost) {
    return finish(
      { disposition: 'UNREACHABLE', host: downHost, reason: `${downHost} went down while the flow ran` },
      clientStatus,
      path,
    );
  }
  if (connected && nothingMoved && (report.result === 'deadline' || report.result === 'closed')) {
    return finish(
      {
        disposition: 'STALLED',
        ...(weak?.host ? { host: weak.host } : {}),
        ...(weak?.service ? { service: weak.service } : {}),
        reason: weak
          ? `no byte moved either way while the connection was open; ${weak.reason}`
          : 'no byte moved either way while the connection was open',
      },
      clientStatus,
      path,
    );
  }
  if (report.result === 'deadline') {
    return finish(
      {
        disposition: 'TIMEOUT',
        reason: `no complete answer before the deadline (${report.receivedBytes} bytes back)`,
      },
      clientStatus,
      path,
    );
  }
  if (weak) return finish(weak, clientStatus, path);
  return finish(
    {
      disposition:
        report.result === 'corrupted' ? 'HANDSHAKE_FAILED' : connected ? 'HANDSHAKE_FAILED' : 'REFUSED',
      reason: report.error?.message ?? `the connection ended during the ${report.stage} stage`,
    },
    clientStatus,
    path,
  );
}

function finish(f: Finding, clientStatus: string | undefined, path: string[]): Observed {
  const status = clientStatus ?? f.status;
  return {
    disposition: f.disposition,
    ...(status ? { status } : {}),
    path,
    ...(f.host ? { at: { host: f.host, ...(f.service ? { service: f.service } : {}) } } : {}),
    reason: f.reason,
  };
}

function dispositionOfKind(kind: string, message: string, protocol: 'tcp' | 'udp'): Disposition | undefined {
  switch (kind) {
    case 'refused':
      return 'REFUSED';
    case 'unreachable':
    case 'name-not-resolved':
    case 'node-unavailable':
    case 'empty-route':
      return 'UNREACHABLE';
    case 'timeout':
      return /^dial\b|connect: connection timed out/.test(message) ? 'TIMEOUT' : undefined;
    case 'auth':
      return 'AUTH_FAILED';
    case 'bind-disabled':
      return 'BIND_DISABLED';
    case 'bind-unsupported':
      return 'BIND_UNSUPPORTED';
    case 'address-in-use':
      return 'PORT_IN_USE';
    case 'network-unsupported':
      return protocol === 'udp' ? 'UDP_UNSUPPORTED' : 'HANDSHAKE_FAILED';
    case 'handshake':
    case 'protocol':
    case 'unsupported':
    case 'config':
      return 'HANDSHAKE_FAILED';
    default:
      return undefined;
  }
}

function statusFinding(
  kind: string,
  status: number,
  message: string,
  protocol: 'tcp' | 'udp',
): Finding | undefined {
  const known = Number.isInteger(status) && status > 0;
  if (kind === 'relay-status') {
    const s = known ? `relay_status_${status}` : undefined;
    const bind = /\bbind\b/i.test(message);
    const table: Record<number, Disposition> = {
      1: 'HANDSHAKE_FAILED',
      2: 'AUTH_FAILED',
      3: bind ? 'BIND_DISABLED' : 'REFUSED',
      4: 'TIMEOUT',
      5: bind ? 'PORT_IN_USE' : 'REFUSED',
      6: 'UNREACHABLE',
      7: 'UNREACHABLE',
      8: 'HANDSHAKE_FAILED',
    };
    return { disposition: table[status] ?? 'HANDSHAKE_FAILED', ...(s ? { status: s } : {}), reason: message };
  }
  if (kind === 'http-status') {
    const disposition: Disposition =
      status === 407
        ? 'AUTH_FAILED'
        : status === 403 && protocol === 'udp'
          ? 'UDP_UNSUPPORTED'
          : status === 503
            ? 'REFUSED'
            : 'HANDSHAKE_FAILED';
    return { disposition, ...(known ? { status: `http_${status}` } : {}), reason: message };
  }
  if (kind === 'socks-reply') {
    const disposition: Disposition =
      protocol === 'udp' && (status === 2 || status === 7)
        ? 'UDP_UNSUPPORTED'
        : status === 2
          ? 'BIND_DISABLED'
          : status === 5
            ? 'REFUSED'
            : status === 3 || status === 4
              ? 'UNREACHABLE'
              : 'HANDSHAKE_FAILED';
    return { disposition, ...(known ? { status: `socks5_status_${status}` } : {}), reason: message };
  }
  return undefined;
}

function findingsOf(event: SimEvent, input: ObserveInput): Finding[] {
  switch (event.type) {
    case 'net.connect': {
      const where = { host: event.from };
      if (event.result === 'loop')
        return [{ disposition: 'LOOP', ...where, reason: event.reason ?? 'forwarding loop' }];
      if (event.result === 'refused') {
        const port = portOf(event.dst);
        return [
          {
            disposition: 'REFUSED',
            ...where,
            reason: `${event.from} dialled ${event.network} ${event.dst}${event.to ? ` (${event.to})` : ''}: connection refused`,
            ...(event.to ? { refusedAt: { host: event.to, port, network: event.network } } : {}),
          },
        ];
      }
      if (event.result === 'unreachable' || event.result === 'name-not-resolved') {
        return [
          {
            disposition: 'UNREACHABLE',
            ...where,
            reason: `${event.from} dialled ${event.network} ${event.dst}: ${event.reason ?? 'no such host'}`,
          },
        ];
      }
      if (event.result === 'no-answer') {
        return [
          {
            disposition: 'TIMEOUT',
            ...where,
            reason: `${event.from} dialled ${event.network} ${event.dst}: no answer (${event.reason ?? ''})`,
          },
        ];
      }
      return [];
    }
    case 'net.datagram':
      if (event.result === 'refused' && event.to) {
        return [
          {
            disposition: 'REFUSED',
            host: event.from,
            reason: `${event.from} sent a datagram to ${event.dst}: ${event.reason ?? 'port unreachable'}`,
            refusedAt: { host: event.to, port: portOf(event.dst), network: 'udp' },
          },
        ];
      }
      return [];
    case 'error':
      return errorFinding(event, input.protocol);
    default:
      return [];
  }
}

/** Messages gost uses for refusals whose error kind alone does not say what was refused. */
const messageRules: { pattern: RegExp; disposition: Disposition }[] = [
  { pattern: /BIND is disabled/i, disposition: 'BIND_DISABLED' },
  { pattern: /bind unsupported/i, disposition: 'BIND_UNSUPPORTED' },
  {
    pattern: /UDP (relay|tunnel|is) (is )?disabled|UDP tunnel failure|network udp is unsupported/i,
    disposition: 'UDP_UNSUPPORTED',
  },
  { pattern: /address already in use/i, disposition: 'PORT_IN_USE' },
];

function errorFinding(event: Extract<TraceEvent, { type: 'error' }>, protocol: 'tcp' | 'udp'): Finding[] {
  const where = { host: event.host, ...(event.service ? { service: event.service } : {}) };
  const reason = `${event.host}${event.service ? `/${event.service}` : ''}: ${event.message}`;
  const byMessage = messageRules.find((r) => r.pattern.test(event.message));
  if (byMessage && (byMessage.disposition !== 'UDP_UNSUPPORTED' || protocol === 'udp')) {
    return [{ disposition: byMessage.disposition, ...where, reason }];
  }
  if (event.kind === 'relay-status' || event.kind === 'http-status' || event.kind === 'socks-reply') {
    const code = Number(
      /^(\d+) /.exec(event.message)?.[1] ?? /status (\d+)/.exec(event.message)?.[1] ?? Number.NaN,
    );
    const f = statusFinding(event.kind, code, event.message, protocol);
    return f ? [{ ...f, ...where, reason }] : [];
  }
  if (event.kind === 'timeout' && !/^dial\b/.test(event.message)) {
    return [{ disposition: 'STALLED', ...where, weak: true, reason }];
  }
  if (
    event.kind === 'eof' ||
    event.kind === 'reset' ||
    event.kind === 'closed' ||
    event.kind === 'udp-drop'
  ) {
    return [{ disposition: 'HANDSHAKE_FAILED', ...where, weak: true, reason }];
  }
  const disposition = dispositionOfKind(event.kind, event.message, protocol);
  if (!disposition) return [];
  // A refused or unreachable dial is already known from the network's own record of it.
  if (disposition === 'REFUSED' || disposition === 'UNREACHABLE')
    return [{ disposition, ...where, weak: true, reason }];
  return [{ disposition, ...where, reason }];
}

/** Why nothing listened where a connection was refused, if something meant to. */
function refineRefusal(finding: Finding, input: ObserveInput, depth = 0): Finding {
  const target = finding.refusedAt;
  if (!target) return finding;
  const { host, port, network } = target;
  for (const entry of input.history) {
    const e = entry.event;
    if (e.type !== 'instance.error' || e.host !== host) continue;
    const proc = input.processes(host).find((p) => p.process === e.process);
    const wanted = proc?.config.services?.some(
      (s) => servicePort(s.addr) === port && serviceNetwork(s.listener?.type) === network,
    );
    if (!wanted) continue;
    input.evidence.push(entry);
    return {
      disposition: e.kind === 'address-in-use' ? 'PORT_IN_USE' : 'REFUSED',
      host,
      ...(e.service ? { service: e.service } : {}),
      reason: `nothing listens on ${host}:${port}: gost process ${e.process} on ${host} did not start: ${e.message}`,
    };
  }
  const bind = lastBindAttempt(input, host, port, network);
  if (bind) return bind;
  return remoteListenerTrouble(input, host, port, network, depth) ?? finding;
}

/**
 * The rtcp/rudp service meant to open `host:port` whose bind never reached a server (its chain's
 * server did not answer, or was not running): what it last reported, and why that dial failed.
 */
function remoteListenerTrouble(
  input: ObserveInput,
  host: string,
  port: number,
  network: 'tcp' | 'udp',
  depth: number,
): Finding | undefined {
  for (const owner of input.fabric.hostNames) {
    for (const proc of input.processes(owner)) {
      for (const service of proc.config.services ?? []) {
        const type = service.listener?.type;
        if ((type !== 'rtcp' && type !== 'rudp') || servicePort(service.addr) !== port) continue;
        if (serviceNetwork(type) !== network) continue;
        const servers = bindServers(input, owner, proc, service.listener?.chain);
        if (!(servers.length === 0 ? owner === host : servers.includes(host))) continue;
        const failedStart = input.history.find(
          (entry) =>
            entry.event.type === 'instance.error' &&
            entry.event.host === owner &&
            entry.event.process === proc.process,
        );
        if (failedStart?.event.type === 'instance.error') {
          input.evidence.push(failedStart);
          return {
            disposition: failedStart.event.kind === 'address-in-use' ? 'PORT_IN_USE' : 'REFUSED',
            host: owner,
            service: service.name,
            reason: `nothing listens on ${host}:${port}: ${owner}/${service.name} (${type}) would open it, but gost process ${proc.process} on ${owner} did not start: ${failedStart.event.message}`,
          };
        }
        // Service names repeat across a host's processes; trace events name the service only, so
        // the errors of a process that started are the ones to read.
        let lastError: Recorded | undefined;
        for (const entry of input.history) {
          const e = entry.event;
          if (e.type === 'service.error' && e.host === owner && e.service === service.name) lastError = entry;
        }
        if (lastError?.event.type !== 'service.error') continue;
        input.evidence.push(lastError);
        let refused: Recorded | undefined;
        for (const entry of input.history) {
          const e = entry.event;
          if (
            entry.seq < lastError.seq &&
            e.type === 'net.connect' &&
            e.from === owner &&
            e.result === 'refused'
          )
            refused = entry;
        }
        let cause: Finding | undefined;
        if (refused?.event.type === 'net.connect' && refused.event.to && depth === 0) {
          cause = refineRefusal(
            {
              disposition: 'REFUSED',
              reason: '',
              refusedAt: { host: refused.event.to, port: portOf(refused.event.dst), network: 'tcp' },
            },
            input,
            depth + 1,
          );
          if (cause.reason) input.evidence.push(refused);
        }
        return {
          disposition: cause?.reason ? cause.disposition : 'REFUSED',
          host: owner,
          service: service.name,
          reason: `nothing listens on ${host}:${port}: ${owner}/${service.name} (${type}) cannot open it: ${lastError.event.error}${cause?.reason ? `; ${cause.reason}` : ''}`,
        };
      }
    }
  }
  return undefined;
}

/** Hosts serving the last hop of a listener chain, from the emitted config. */
function bindServers(
  input: ObserveInput,
  owner: string,
  proc: HostProcessConfig,
  chainName: string | undefined,
): string[] {
  if (!chainName) return [];
  const chain = proc.config.chains?.find((c) => c.name === chainName);
  const last = chain?.hops?.[chain.hops.length - 1];
  if (!last) return [];
  const nodes = last.nodes ?? proc.config.hops?.find((h) => h.name === last.name)?.nodes ?? [];
  const hosts: string[] = [];
  for (const node of nodes) {
    const server = node.addr ? hostOfAddr(input, owner, node.addr) : undefined;
    if (server) hosts.push(server);
  }
  return hosts;
}

function servicePort(addr: string | undefined): number {
  return addr === undefined ? 0 : portOf(addr);
}

function serviceNetwork(listener: string | undefined): 'tcp' | 'udp' {
  return listener === 'udp' || listener === 'rudp' ? 'udp' : 'tcp';
}

/**
 * The latest remote bind meant to open `host:port`: a bind request the server on `host` refused or
 * could not serve, or a bind the client could not even ask for (its last node cannot bind).
 */
function lastBindAttempt(
  input: ObserveInput,
  host: string,
  port: number,
  network: 'tcp' | 'udp',
): Finding | undefined {
  let found: { finding: Finding; evidence: Recorded[] } | undefined;
  const lastAccept = new Map<string, string>();
  const pendingBind = new Map<string, Recorded[]>();
  const nodeAddr = new Map<string, string>();
  for (const entry of input.history) {
    const e = entry.event;
    if (e.type === 'service.accept') lastAccept.set(`${e.host}|${e.service}`, e.remote);
    if (e.type === 'route' && e.ok && (e.step === 'dial' || e.step === 'connect')) {
      nodeAddr.set(`${e.host}|${e.service ?? ''}|${e.node}`, e.addr);
    }
    if (
      e.type === 'handler' &&
      e.host === host &&
      /bind/i.test(e.action) &&
      portOf(e.target ?? '') === port
    ) {
      pendingBind.set(`${e.host}|${e.service}`, [entry]);
    }
    if (
      e.type === 'error' &&
      e.host === host &&
      e.service &&
      (e.kind === 'bind-disabled' || e.kind === 'address-in-use')
    ) {
      const pending = pendingBind.get(`${e.host}|${e.service}`);
      if (!pending) continue;
      pendingBind.delete(`${e.host}|${e.service}`);
      const remote = lastAccept.get(`${e.host}|${e.service}`);
      const requester = remote ? hostOfAddr(input, host, remote) : undefined;
      found = {
        finding: {
          disposition: e.kind === 'bind-disabled' ? 'BIND_DISABLED' : 'PORT_IN_USE',
          host,
          service: e.service,
          reason: `nothing listens on ${host}:${port}: ${host}/${e.service} refused the ${network} bind${requester ? ` that ${requester} asked for` : ''}: ${e.message}`,
        },
        evidence: [...pending, entry],
      };
      continue;
    }
    if (e.type === 'bind' && e.host === host && portOf(e.addr) === port) {
      if (e.ok) {
        found = undefined;
        continue;
      }
      found = {
        finding: {
          disposition: /in use/.test(e.error ?? '') ? 'PORT_IN_USE' : 'REFUSED',
          host,
          service: e.service,
          reason: `nothing listens on ${host}:${port}: ${host}/${e.service} could not listen on ${e.addr}: ${e.error ?? ''}`,
        },
        evidence: [entry],
      };
      continue;
    }
    if (e.type === 'route' && e.step === 'bind' && !e.ok && portOf(e.addr) === port) {
      const addr = nodeAddr.get(`${e.host}|${e.service ?? ''}|${e.node}`);
      const server = addr ? hostOfAddr(input, e.host, addr) : undefined;
      if (server !== host) continue;
      if (/bind unsupported/.test(e.error ?? '')) {
        found = {
          finding: {
            disposition: 'BIND_UNSUPPORTED',
            host: e.host,
            ...(e.service ? { service: e.service } : {}),
            reason: `nothing listens on ${host}:${port}: ${e.host}/${e.service ?? ''} cannot bind it through node ${e.node} (${addr}): ${e.error}`,
          },
          evidence: [entry],
        };
      } else if (found && found.evidence.length < 4) {
        // The client side of the refusal found above: which rtcp/rudp service asked, and what it saw.
        found.evidence.push(entry);
        found.finding.reason += ` (asked by ${e.host}/${e.service ?? ''})`;
      }
      continue;
    }
    if (
      e.type === 'service.error' &&
      found &&
      found.evidence.some(
        (x) => x.event.type === 'route' && x.event.host === e.host && x.event.service === e.service,
      )
    ) {
      if (!found.evidence.some((x) => x.event.type === 'service.error')) found.evidence.push(entry);
    }
  }
  if (found) input.evidence.push(...found.evidence);
  return found?.finding;
}

/** The host an address (as `from` would dial it) belongs to. */
function hostOfAddr(input: ObserveInput, from: string, address: string): string | undefined {
  const parts = trySplitHostPort(address);
  if (!parts) return undefined;
  const ip = input.fabric.resolve(from, parts.host);
  return ip ? input.fabric.hostOfIp(from, ip) : undefined;
}
