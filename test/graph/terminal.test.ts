import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainRows } from '../../cli/graph/terminal/canvas.js';
import { drawFlowGraph, type Rect } from '../../cli/graph/terminal/draw.js';
import { layoutLayers } from '../../cli/graph/terminal/layers.js';
import { flowGraphOf, repoRoot } from './compile-file.js';

const examples = readdirSync(join(repoRoot, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `examples/${f}`);

function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('the terminal layout', () => {
  it('puts clients left, relays in the middle and the NAT side right', () => {
    const layers = layoutLayers(flowGraphOf('examples/relay-remote-forwarding.yaml'));
    const columns = layers.columns.map((column) =>
      column.flatMap((item) => (item.kind === 'box' ? [item.box.title] : [])),
    );
    expect(columns).toEqual([['laptop'], ['relay'], ['office-gw'], ['db', 'intranet', 'dns']]);
  });

  it.each(examples)('%s: every host drawn once, boxes apart, the same each time', (file) => {
    const graph = flowGraphOf(file);
    const drawn = drawFlowGraph(graph, {}, 200);
    const text = plainRows(drawn.rows).join('\n');
    for (const host of graph.hosts) {
      expect(drawn.boxes.has(host.name)).toBe(true);
      expect(text.split(`─ ${host.name} `).length - 1).toBe(1);
    }
    const rects = [...drawn.boxes.values()];
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++) expect(overlap(rects[i]!, rects[j]!)).toBe(false);
    for (const edge of graph.edges) expect(drawn.edges.has(edge.id)).toBe(true);
    expect(plainRows(drawFlowGraph(graph, {}, 200).rows)).toEqual(plainRows(drawn.rows));
  });

  it('shrinks to the width it is given, keeping host names and edge labels', () => {
    const graph = flowGraphOf('examples/relay-remote-forwarding.yaml');
    const wide = drawFlowGraph(graph, {}, 200);
    const narrow = drawFlowGraph(graph, {}, 98);
    expect(narrow.width).toBeLessThanOrEqual(98);
    expect(narrow.width).toBeLessThan(wide.width);
    const text = plainRows(narrow.rows).join('\n');
    for (const host of graph.hosts) expect(text).toContain(`─ ${host.name} `);
    expect(text).toContain('relay+tls▶');
    expect(plainRows(wide.rows).join('\n')).toContain('10.0.0.53:53');
  });

  it('draws binds dashed, the current hop heavy and the selection double', () => {
    const graph = flowGraphOf('examples/relay-remote-forwarding.yaml');
    const plain = plainRows(drawFlowGraph(graph, {}, 200).rows).join('\n');
    expect(plain).toMatch(/┄/);
    expect(plain).not.toMatch(/[┏╔━═]/);
    const hop = graph.edges.find((e) => e.kind === 'hop' && e.reverse)!;
    const lit = plainRows(
      drawFlowGraph(graph, { stepHost: 'relay', stepEdges: [hop.id], host: 'office-gw' }, 200).rows,
    ).join('\n');
    expect(lit).toContain('┏━ relay ━');
    expect(lit).toContain('╔═ office-gw ═');
    expect(lit).toContain('━relay+tls━');
  });

  it('marks diagnostics on the edges they concern', () => {
    const graph = flowGraphOf('test/fixtures/broken/transport-mismatch.yaml');
    const plain = plainRows(drawFlowGraph(graph, {}, 200).rows).join('\n');
    expect(plain).toContain('relay+wss ✖');
    expect(plain).toContain('relay+tls :8443 ⚠');
  });
});
