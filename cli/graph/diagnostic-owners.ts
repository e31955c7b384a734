/**
 * Which model object a diagnostic is about, read from where things were written: every span the
 * lowering recorded for a config path belongs to the deepest model object whose path contains it
 * (a chain node owns `/chains/0/hops/0/nodes/0/dialer/type`), and the topology document's spans
 * belong to the hosts, apps, networks and expectations written there (`/hosts/db/apps/ssh` is the
 * app). A diagnostic belongs to the owner of the smallest span that contains its own; on a tie, the
 * object the span was recorded for (its exact path) wins over an object that only holds it, then
 * the more specific kind.
 */
import type { Span } from '../../compiler/diagnostics.js';
import { type ConfigPath, pointer, type SpanIndex } from '../../compiler/gost/span-index.js';
import type { GostProcess } from '../../compiler/lower/plan.js';
import type { Model } from '../../compiler/model/types.js';

export type OwnerKind = 'node' | 'target' | 'hop' | 'chain' | 'service' | 'app' | 'host' | 'network' | 'flow';

/** How specific an owner is, for spans of equal size. */
const specificity: Record<OwnerKind, number> = {
  node: 6,
  target: 6,
  hop: 5,
  chain: 4,
  service: 4,
  app: 3,
  flow: 3,
  host: 2,
  network: 1,
};

export interface Owner {
  kind: OwnerKind;
  /** Model id (`node:...`, `svc:...`, `app:db/ssh`, `host:relay`, `net:office`) or, for a flow, its name. */
  id: string;
}

interface OwnedSpan {
  span: Span;
  owners: Owner[];
  /** The span was recorded for the owner's own path (not a path below it). */
  exact: boolean;
}

function contains(outer: Span, inner: Span): boolean {
  return (
    outer.file === inner.file &&
    outer.start.offset <= inner.start.offset &&
    inner.end.offset <= outer.end.offset
  );
}

function length(span: Span): number {
  return span.end.offset - span.start.offset;
}

/** The model objects of one gost process, by the pointer of their config path. */
function processObjects(model: Model, process: GostProcess): Map<string, Owner[]> {
  const byPointer = new Map<string, Owner[]>();
  const add = (path: ConfigPath, owner: Owner) => {
    const key = pointer(path);
    const list = byPointer.get(key) ?? [];
    if (!list.some((o) => o.id === owner.id)) list.push(owner);
    byPointer.set(key, list);
  };
  for (const s of model.services) {
    if (s.process !== process) continue;
    add(s.path, { kind: 'service', id: s.id });
    for (const t of s.targets) add(t.path, { kind: 'target', id: t.id });
  }
  for (const c of model.chains) {
    if (c.process !== process) continue;
    add(c.path, { kind: 'chain', id: c.id });
    for (const h of c.hops) {
      add(h.path, { kind: 'hop', id: h.id });
      for (const n of h.nodes) add(n.path, { kind: 'node', id: n.id });
    }
  }
  return byPointer;
}

/** The pointer's segments, e.g. `/chains/0/name` -> ['', '/chains', '/chains/0', '/chains/0/name']. */
function ancestors(key: string): string[] {
  const out = [key];
  let rest = key;
  while (rest !== '') {
    rest = rest.slice(0, rest.lastIndexOf('/'));
    out.push(rest);
  }
  return out;
}

export class DiagnosticOwners {
  private readonly spans: OwnedSpan[] = [];

  /**
   * `documentSpans` are the topology document's value spans by path (compiler/topology/load.ts);
   * without them only the names of hosts, apps, networks and expectations are known.
   */
  constructor(model: Model, documentSpans?: SpanIndex) {
    const written = (path: ConfigPath, owner: Owner) => {
      const span = documentSpans?.exact(path);
      if (span) this.spans.push({ span, owners: [owner], exact: true });
    };
    for (const network of model.networks.values()) {
      const owner: Owner = { kind: 'network', id: `net:${network.name}` };
      this.spans.push({ span: network.span, owners: [owner], exact: true });
      written(['networks', network.name], owner);
    }
    for (const host of model.plan.hosts) {
      const hostOwner: Owner = { kind: 'host', id: `host:${host.name}` };
      this.spans.push({ span: host.span, owners: [hostOwner], exact: true });
      written(['hosts', host.name], hostOwner);
      for (const address of host.addresses)
        this.spans.push({ span: address.span, owners: [hostOwner], exact: false });
      for (const app of host.apps) {
        const owner: Owner = { kind: 'app', id: `app:${host.name}/${app.name}` };
        this.spans.push({ span: app.span, owners: [owner], exact: true });
        written(['hosts', host.name, 'apps', app.name], owner);
      }
      for (const process of host.processes) {
        this.spans.push({ span: process.spans.root, owners: [hostOwner], exact: false });
        const objects = processObjects(model, process);
        for (const [key, span] of process.spans.entries()) {
          for (const candidate of ancestors(key)) {
            const owners = objects.get(candidate);
            if (!owners) continue;
            this.spans.push({ span, owners, exact: candidate === key });
            break;
          }
        }
      }
    }
    model.plan.expectations.forEach((expectation, index) => {
      const owner: Owner = { kind: 'flow', id: expectation.name };
      this.spans.push({ span: expectation.span, owners: [owner], exact: true });
      written(['expect', index], owner);
    });
  }

  /** The owners of a span: the objects of the smallest recorded span that contains it. */
  ownersOf(span: Span): Owner[] {
    let best: OwnedSpan | undefined;
    for (const candidate of this.spans) {
      if (!contains(candidate.span, span)) continue;
      if (!best || this.better(candidate, best)) best = candidate;
    }
    return best?.owners ?? [];
  }

  private better(a: OwnedSpan, b: OwnedSpan): boolean {
    const size = length(a.span) - length(b.span);
    if (size !== 0) return size < 0;
    if (a.exact !== b.exact) return a.exact;
    const rank = (o: OwnedSpan) => Math.max(...o.owners.map((owner) => specificity[owner.kind]));
    return rank(a) > rank(b);
  }
}
