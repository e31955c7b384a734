import { describe, expect, it } from 'vitest';
import { DiagnosticOwners } from '../../cli/graph/diagnostic-owners.js';
import type { FlowGraph } from '../../cli/graph/types.js';
import type { Span } from '../../compiler/diagnostics.js';
import { loadTopologyText } from '../../compiler/topology/load.js';
import { compileFile, flowGraphOf } from './compile-file.js';

function edgesOf(graph: FlowGraph) {
  const title = (id: string) => {
    const node = graph.nodes.find((n) => n.id === id)!;
    return `${node.host ?? '-'}/${node.title}`;
  };
  return graph.edges.map(
    (e) => `${e.kind} ${title(e.from)} -> ${title(e.to)} [${e.label}]${e.reverse ? ' reverse' : ''}`,
  );
}

describe('the flow graph of relay-remote-forwarding', () => {
  const graph = flowGraphOf('examples/relay-remote-forwarding.yaml');

  it('groups hosts by network and says which networks are NAT', () => {
    expect(graph.networks.map((n) => [n.name, n.kind, n.label, n.hosts])).toEqual([
      ['internet', 'public', 'internet', ['relay', 'laptop']],
      ['office', 'nat', 'office · NAT to internet', ['office-gw', 'db', 'intranet', 'dns']],
    ]);
  });

  it('puts services, apps and the ports binds open inside their hosts', () => {
    const inside = (host: string) =>
      graph.hosts
        .find((h) => h.name === host)!
        .nodes.map((id) => graph.nodes.find((n) => n.id === id)!.label);
    expect(inside('relay')).toEqual(['relay+tls :8443', 'tcp 127.0.0.1:2222', 'tcp :8080', 'udp :10053']);
    expect(inside('office-gw')).toEqual(['rtcp 127.0.0.1:2222', 'rtcp 0.0.0.0:8080', 'rudp 0.0.0.0:10053']);
    expect(inside('db')).toEqual(['tcp/22 banner']);
  });

  it('draws hops, binds and forward targets from whoever dials them', () => {
    expect(edgesOf(graph)).toEqual([
      'hop office-gw/service-0 -> relay/service-0 [relay+tls] reverse',
      'bind office-gw/service-0 -> relay/rtcp bind of office-gw [rtcp bind 127.0.0.1:2222@relay] reverse',
      'forward office-gw/service-0 -> db/ssh [fwd 10.0.0.3:22]',
      'hop office-gw/service-1 -> relay/service-0 [relay+tls] reverse',
      'bind office-gw/service-1 -> relay/rtcp bind of office-gw [rtcp bind :8080@relay] reverse',
      'forward office-gw/service-1 -> intranet/http [fwd 10.0.0.4:80]',
      'hop office-gw/service-2 -> relay/service-0 [relay+tls] reverse',
      'bind office-gw/service-2 -> relay/rudp bind of office-gw [rudp bind :10053@relay] reverse',
      'forward office-gw/service-2 -> dns/dns [fwd 10.0.0.53:53]',
      'hop laptop/service-0 -> relay/service-0 [relay+tls]',
      // The laptop's target is dialled by its chain's last server, the relay, where it is the bound port.
      'forward relay/service-0 -> relay/rtcp bind of office-gw [fwd 127.0.0.1:2222]',
    ]);
  });

  it('has ids mermaid and graphviz take unquoted, unique across the graph', () => {
    const ids = [
      ...graph.networks.map((n) => n.id),
      ...graph.hosts.map((h) => h.id),
      ...graph.nodes.map((n) => n.id),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(net|host|svc|app|port|ext|client)_[A-Za-z0-9_]+$/);
  });
});

describe('chains of several hops', () => {
  it('dials the second hop from the first hop server', () => {
    expect(edgesOf(flowGraphOf('examples/blog-proxy-chains.yaml'))).toEqual([
      'hop workstation-1/service-0 -> http-upstream/service-0 [http+tcp]',
      'hop workstation-2/service-0 -> http-upstream/service-0 [http+tcp]',
      'hop http-upstream/service-0 -> socks-upstream/service-0 [socks5+tcp]',
    ]);
  });
});

describe('what nothing answers', () => {
  it('ends an unreachable hop at an endpoint inside the host it cannot reach', () => {
    const graph = flowGraphOf('test/fixtures/broken/node-unreachable.yaml');
    const edge = graph.edges.find((e) => e.kind === 'hop')!;
    const endpoint = graph.nodes.find((n) => n.id === edge.to)!;
    expect(endpoint).toMatchObject({
      kind: 'endpoint',
      host: 'relay',
      title: '10.10.0.1:8420',
      label: 'unreachable',
    });
    expect(edge.problem).toMatch(/^unreachable: /);
  });

  it('draws a host with neither services nor apps as a client', () => {
    const graph = flowGraphOf('examples/port-ranges.yaml');
    expect(graph.nodes.find((n) => n.host === 'visitor')).toMatchObject({
      kind: 'client',
      title: 'visitor',
      label: 'client',
    });
  });
});

describe('diagnostics on the graph', () => {
  it.each([
    ['transport-mismatch', 'relay+wss'],
    ['transport-params-mismatch', 'relay+ws'],
    ['auth-mismatch', 'relay+tls'],
    ['connector-handler-mismatch', 'socks5+tcp'],
    ['relay-nodelay', 'relay+tcp'],
  ])('puts %s on the hop edge it is about', (rule, label) => {
    const graph = flowGraphOf(`test/fixtures/broken/${rule}.yaml`);
    const index = graph.diagnostics.findIndex((p) => p.diagnostic.rule === rule);
    const placed = graph.diagnostics[index]!;
    expect(placed.nodes).toEqual([]);
    expect(placed.edges.map((id) => graph.edges.find((e) => e.id === id)!.label)).toEqual([label]);
    expect(graph.edges.find((e) => e.id === placed.edges[0])!.diagnostics).toContain(index);
  });

  it('puts a target diagnostic on the forward edge and a service diagnostic on the service', () => {
    const graph = flowGraphOf('test/fixtures/broken/rtcp-chain-on-handler.yaml');
    const target = graph.diagnostics.find((p) => p.diagnostic.rule === 'target-no-listener')!;
    expect(target.edges.map((id) => graph.edges.find((e) => e.id === id)!.kind)).toEqual(['forward']);
    const service = graph.diagnostics.find((p) => p.diagnostic.rule === 'rtcp-chain-on-handler')!;
    expect(service.nodes).toEqual(['svc_office_gw_p0_service_0']);
  });
});

describe('span owners', () => {
  const { model, source } = compileFile('examples/relay-remote-forwarding.yaml');
  const document = loadTopologyText(source.path, source.text, {}).document!;
  const owners = new DiagnosticOwners(model, document.valueSpans);
  const text = source.text;
  const spanOf = (needle: string, from = 0): Span => {
    const start = text.indexOf(needle, from);
    expect(start).toBeGreaterThanOrEqual(0);
    const at = (offset: number) => ({ line: 0, column: 0, offset });
    return {
      file: 'examples/relay-remote-forwarding.yaml',
      start: at(start),
      end: at(start + needle.length),
    };
  };
  const laptop = text.indexOf('  laptop:\n');

  it('gives a chain node its address, and the hop its whole URL', () => {
    expect(owners.ownersOf(spanOf('relay.example.com:8443', laptop))).toEqual([
      { kind: 'node', id: 'node:laptop/p0/chain-0/0/0' },
    ]);
    expect(
      owners.ownersOf(
        spanOf('gost:${RELAY_PASSWORD:-change-me}@relay.example.com:8443?nodelay=true', laptop),
      ),
    ).toEqual([{ kind: 'hop', id: 'hop:laptop/p0/chain-0/0' }]);
    // gost copies a -F URL's options into the node as well as the hop: the node, more specific, owns them.
    expect(owners.ownersOf(spanOf('nodelay=true', laptop))).toEqual([
      { kind: 'node', id: 'node:laptop/p0/chain-0/0/0' },
    ]);
  });

  it('gives the node its dialer and connector, and the service its listen address and target', () => {
    const url = text.indexOf('relay+tls://', laptop);
    expect(owners.ownersOf(spanOf('tls', url))).toEqual([{ kind: 'node', id: 'node:laptop/p0/chain-0/0/0' }]);
    expect(owners.ownersOf(spanOf('10.0.0.3:22'))).toEqual([
      { kind: 'target', id: 'target:office-gw/p0/service-0/0' },
    ]);
    expect(owners.ownersOf(spanOf('127.0.0.1:2222/10.0.0.3'))).toEqual([
      { kind: 'service', id: 'svc:office-gw/p0/service-0' },
    ]);
  });

  it('gives hosts their addresses, apps their entries and flows their expectations', () => {
    expect(owners.ownersOf(spanOf('203.0.113.10'))).toEqual([{ kind: 'host', id: 'host:relay' }]);
    expect(owners.ownersOf(spanOf('tcp/22, kind: banner'))).toEqual([{ kind: 'app', id: 'app:db/ssh' }]);
    expect(owners.ownersOf(spanOf('connect: tcp 10.0.0.3:22'))).toEqual([
      { kind: 'flow', id: 'the database is not reachable directly' },
    ]);
    expect(owners.ownersOf(spanOf('nat: internet'))).toEqual([{ kind: 'network', id: 'net:office' }]);
  });

  it('gives nothing for a span outside everything', () => {
    expect(owners.ownersOf(spanOf('name: relay-remote-forwarding'))).toEqual([]);
  });
});
