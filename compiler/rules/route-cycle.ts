/**
 * Connections that route back into themselves. A connection is followed the way gost builds it:
 * a service dials its destination through its handler chain; each chain server is asked for the
 * next hop (and the last one for the destination), and dials it through its own chain in turn; a
 * forwarder dials its targets whatever the client asked; an rtcp/rudp bind hands connections back
 * to its service. What a connection still has to ask for travels with it as a list of pending
 * destinations, so a cycle is found only when a service is reached again in a state that makes
 * the same walk repeat forever.
 */
import type { Span } from '../diagnostics.js';
import { getBool } from '../gost/metadata.js';
import { localForwardHandlers, passThroughConnectors } from '../gost/protocol-facts.js';
import type {
  Endpoint,
  Family,
  HopModel,
  Model,
  NodeModel,
  ServiceModel,
  TargetModel,
} from '../model/types.js';
import { defineRule, type ReportFn } from './define-rule.js';
import { describeService, hasForwarder, nodeSpan, targetSpan } from './util.js';

/** A destination still to be asked for: a hop (any of its nodes), a node, a forward target, or a client's own. */
type Step =
  | { kind: 'hop'; hop: HopModel; key: string }
  | { kind: 'node'; node: NodeModel; key: string }
  | { kind: 'target'; target: TargetModel; key: string }
  | { kind: 'unknown'; key: string };

/** Pending destinations as an immutable list: a tail shared between states is the same object. */
interface Cell {
  step: Step;
  next: Cell | null;
}

const unknown: Step = { kind: 'unknown', key: '?' };

/** Handlers that send every connection to their own targets, whatever the client asked for. */
function forwards(s: ServiceModel): boolean {
  return (
    localForwardHandlers.has(s.handler) ||
    s.handler === 'rtcp' ||
    s.handler === 'rudp' ||
    (s.handler === 'relay' && hasForwarder(s))
  );
}

/** Handlers that connect to the destination their client asks for. */
const proxyHandlers = new Set(['relay', 'socks5', 'socks4', 'http', 'auto', 'sshd', 'ss']);

/** The hops gost really uses: up to the first hop without nodes (GOST-SEMANTICS §3.9). */
function usedHops(s: ServiceModel): HopModel[] {
  if (getBool(s.config.metadata, 'ignoreChain')) return [];
  const hops = s.handlerChain?.chain?.hops ?? [];
  const firstEmpty = hops.findIndex((h) => h.nodes.length === 0);
  return firstEmpty < 0 ? hops : hops.slice(0, firstEmpty);
}

function listKey(list: Cell | null): string {
  const keys: string[] = [];
  for (let c = list; c; c = c.next) keys.push(c.step.key);
  return keys.join(',');
}

function listLength(list: Cell | null): number {
  let n = 0;
  for (let c = list; c; c = c.next) n++;
  return n;
}

/** `tail` is a physical suffix of `list` (nothing of it was asked for in between). */
function hasSuffix(list: Cell | null, tail: Cell | null): boolean {
  for (let c = list; ; c = c.next) {
    if (c === tail) return true;
    if (!c) return false;
  }
}

/**
 * Reaching a service again with `now` after `before` repeats forever when the service saw the
 * same first destination and nothing pending below it was consumed in between: the walk from
 * `now` is the walk from `before` with more pending on top. An empty list at the first visit
 * qualifies whenever the service is reached again, since consuming from it would have ended the walk.
 */
function repeats(before: Cell | null, now: Cell | null): boolean {
  if (!before) return true;
  return now !== null && now.step.key === before.step.key && hasSuffix(now.next, before.next);
}

interface Edge {
  span: Span;
  to: ServiceModel;
}

interface Visit {
  service: ServiceModel;
  pending: Cell | null;
  /** How the walk got here (absent for the start). */
  via?: Edge;
}

const maxDepth = 48;
const maxPending = 32;

class CycleFinder {
  private readonly path: Visit[] = [];
  private readonly explored = new Set<string>();
  private readonly reported = new Set<string>();
  private budget: number;

  constructor(
    private readonly model: Model,
    private readonly report: ReportFn,
  ) {
    this.budget = 64 * (model.services.length + 1) + 10_000;
  }

  run(): void {
    for (const s of this.model.services) this.arrive(s, { step: unknown, next: null });
  }

  private arrive(service: ServiceModel, pending: Cell | null, via?: Edge): void {
    for (let i = this.path.length - 1; i >= 0; i--) {
      const earlier = this.path[i]!;
      if (earlier.service === service && repeats(earlier.pending, pending)) {
        this.cycle(i, via!);
        return;
      }
    }
    const key = `${service.id}|${listKey(pending)}`;
    if (this.explored.has(key)) return;
    this.explored.add(key);
    if (this.budget-- <= 0 || this.path.length >= maxDepth || listLength(pending) > maxPending) return;
    this.path.push({ service, pending, ...(via ? { via } : {}) });
    if (forwards(service)) {
      if (service.targets.length === 0) this.dial(service, unknown, pending);
      for (const target of service.targets)
        this.dial(service, { kind: 'target', target, key: target.id }, pending);
    } else if (proxyHandlers.has(service.handler) && pending) {
      const { step, next } = pending;
      if (step.kind === 'hop') {
        for (const node of step.hop.nodes) this.dial(service, { kind: 'node', node, key: node.id }, next);
      } else this.dial(service, step, next);
    }
    this.path.pop();
  }

  /** `from` connects to `destination`, through its chain if it has one; `rest` follows the connection. */
  private dial(from: ServiceModel, destination: Step, rest: Cell | null): void {
    const hops = usedHops(from);
    if (hops.length === 0) {
      const where = this.address(destination);
      if (!where) return;
      this.enter(this.model.resolve(from.host, where.endpoint, where.family), where.span, rest);
      return;
    }
    let route: Cell | null = { step: destination, next: rest };
    for (let k = hops.length - 1; k >= 1; k--)
      route = { step: { kind: 'hop', hop: hops[k]!, key: hops[k]!.id }, next: route };
    for (const node of hops[0]!.nodes) {
      // A pass-through connector asks its server for nothing: the next destination is never dialled.
      const delivered = passThroughConnectors.has(node.connector) ? route!.next : route;
      for (const r of node.dial.resolutions) this.enter(r, nodeSpan(node, 'addr'), delivered);
    }
  }

  private enter(r: ReturnType<Model['resolve']>, span: Span, pending: Cell | null): void {
    if (r.kind === 'service') this.arrive(r.service, pending, { span, to: r.service });
    else if (r.kind === 'bind') this.arrive(r.bind.service, pending, { span, to: r.bind.service });
  }

  private address(step: Step): { endpoint: Endpoint; family: Family; span: Span } | undefined {
    if (step.kind === 'node')
      return {
        endpoint: step.node.dial.endpoint,
        family: step.node.dial.family,
        span: nodeSpan(step.node, 'addr'),
      };
    if (step.kind === 'target')
      return {
        endpoint: step.target.dial.endpoint,
        family: step.target.dial.family,
        span: targetSpan(step.target, 'addr'),
      };
    return undefined;
  }

  private cycle(start: number, closing: Edge): void {
    const loop = this.path.slice(start);
    const id = loop
      .map((v) => v.service.id)
      .sort()
      .join('\u0000');
    if (this.reported.has(id)) return;
    this.reported.add(id);
    const edges = [...loop.slice(1).map((v) => v.via!), closing];
    const names = [...loop.map((v) => describeService(v.service)), describeService(loop[0]!.service)];
    const first = loop[0]!.service;
    this.report({
      message: `connections loop: ${names.join(' -> ')}. gost has no loop detection, so every connection opens another along the loop until timeouts or file descriptors run out`,
      span: edges[0]!.span,
      host: first.host,
      related: edges
        .slice(1)
        .map((e) => ({ span: e.span, message: `then ${describeService(e.to)} is dialled here` })),
      help: 'point one of these chain nodes or targets somewhere that does not lead back',
    });
  }
}

export default defineRule({
  id: 'route-cycle',
  severity: 'error',
  docs: {
    summary:
      'A connection routes back into a service it came through (chains and forward targets form a loop).',
    why: 'gost follows chains and forward targets blindly and has no loop detection: a forwarder whose target leads back to itself, or proxies whose chains point at each other, open a new connection for every connection they receive, recursively, until dial timeouts or file-descriptor exhaustion end it.',
    fix: 'Break the loop: point the chain node or forward target at the intended next server.',
  },
  check(model, report) {
    new CycleFinder(model, report).run();
  },
});
