/**
 * The mermaid we emit is read by mermaid itself (the real parser, headless): every example and every
 * broken fixture parses, and what the parser reads back (nodes, labels, edges, subgraphs) is what
 * the flow graph says. Labels with any characters survive the escaping.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mermaidText, renderMermaid } from '../../cli/graph/mermaid.js';
import { diagnosticMarks, type FlowGraph } from '../../cli/graph/types.js';
import { flowGraphOf, repoRoot } from './compile-file.js';
import { parseFlowchart, shownText } from './mermaid-headless.js';

const files = [
  ...readdirSync(join(repoRoot, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `examples/${f}`),
  ...readdirSync(join(repoRoot, 'test', 'fixtures', 'broken'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `test/fixtures/broken/${f}`),
].sort();

function expectedNodeText(graph: FlowGraph, id: string): string {
  const node = graph.nodes.find((n) => n.id === id)!;
  return [node.title, node.label, ...diagnosticMarks(graph, node.diagnostics)].join('\n');
}

describe('mermaid output read by mermaid', () => {
  it.each(files)('%s', async (file) => {
    const graph = flowGraphOf(file);
    const parsed = await parseFlowchart(renderMermaid(graph));
    expect(parsed.type).toBe('flowchart-v2');

    expect(
      [...parsed.vertices.keys()].filter((id) => !id.startsWith('net_') && !id.startsWith('host_')).sort(),
    ).toEqual(graph.nodes.map((n) => n.id).sort());
    for (const node of graph.nodes)
      expect(shownText(parsed.vertices.get(node.id)!.text ?? '')).toBe(expectedNodeText(graph, node.id));

    expect(parsed.edges.map((e) => [e.start, e.end, e.stroke])).toEqual(
      graph.edges.map((e) => [e.from, e.to, e.kind === 'bind' ? 'dotted' : 'normal']),
    );
    for (const [i, edge] of graph.edges.entries()) {
      const text = shownText(parsed.edges[i]!.text);
      expect(text.split('\n')[0]).toBe(edge.label);
      for (const mark of diagnosticMarks(graph, edge.diagnostics)) expect(text).toContain(mark);
    }

    const drawnNetworks = graph.networks.filter((n) => n.hosts.length > 0);
    const subGraphs = new Map(parsed.subGraphs.map((s) => [s.id, s]));
    expect([...subGraphs.keys()].sort()).toEqual(
      [...drawnNetworks.map((n) => n.id), ...graph.hosts.map((h) => h.id)].sort(),
    );
    for (const host of graph.hosts) {
      const sub = subGraphs.get(host.id)!;
      expect(shownText(sub.title)).toBe(host.label);
      expect([...sub.nodes].sort()).toEqual([...host.nodes].sort());
    }
    for (const network of drawnNetworks) {
      const sub = subGraphs.get(network.id)!;
      expect(shownText(sub.title)).toBe(network.label);
      const hostIds = network.hosts.map((name) => graph.hosts.find((h) => h.name === name)!.id);
      expect([...sub.nodes].filter((id) => id.startsWith('host_')).sort()).toEqual(hostIds.sort());
    }
  });

  it('keeps any label text intact through the escaping', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .string({
            unit: fc.oneof(
              fc.constantFrom(...'#;"&<>`|[](){}\\\t\r'),
              fc.string({ unit: 'grapheme', maxLength: 1 }),
            ),
            minLength: 1,
            maxLength: 30,
          })
          .filter((s) => s.trim() === s && s !== ''),
        fc
          .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 30 })
          .filter((s) => s.trim() === s && s !== ''),
        async (nodeLabel, edgeLabel) => {
          const text = [
            'flowchart LR',
            `  subgraph g_1["${mermaidText(edgeLabel)}"]`,
            `    n_1["${mermaidText(nodeLabel)}"]`,
            '  end',
            `  n_2(["${mermaidText(nodeLabel)}"])`,
            `  n_1 -->|"${mermaidText(edgeLabel)}"| n_2`,
            `  n_2 -.->|"${mermaidText(nodeLabel)}"| n_1`,
          ].join('\n');
          const parsed = await parseFlowchart(text);
          expect(shownText(parsed.vertices.get('n_1')!.text!)).toBe(nodeLabel);
          expect(shownText(parsed.vertices.get('n_2')!.text!)).toBe(nodeLabel);
          expect(shownText(parsed.edges[0]!.text)).toBe(edgeLabel);
          expect(shownText(parsed.edges[1]!.text)).toBe(nodeLabel);
          expect(shownText(parsed.subGraphs[0]!.title)).toBe(edgeLabel);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects what mermaid rejects, so the checks above can fail', async () => {
    await expect(parseFlowchart('flowchart LR\n  a["unterminated]\n')).rejects.toThrow();
    await expect(parseFlowchart('flowchart LR\n  a -->|"x"| end\n')).rejects.toThrow();
  });
});
