/**
 * mermaid's own parser, run in Node. mermaid sanitises labels with DOMPurify, which needs a browser
 * DOM and has no `addHook`/`sanitize` without one; the parser and the flowchart database do not
 * otherwise touch the DOM. Sanitising is rendering, not syntax, so it is replaced by the identity
 * before mermaid is loaded: what the database then holds is exactly what the parser read.
 */
import DOMPurify from 'dompurify';

interface FlowVertex {
  id: string;
  text?: string;
  type?: string;
  classes: string[];
}
interface FlowEdge {
  start: string;
  end: string;
  text: string;
  stroke: string;
}
interface FlowSubGraph {
  id: string;
  title: string;
  nodes: string[];
}
export interface ParsedFlowchart {
  type: string;
  vertices: Map<string, FlowVertex>;
  edges: FlowEdge[];
  subGraphs: FlowSubGraph[];
}

let loaded: Promise<typeof import('mermaid').default> | undefined;

function loadMermaid() {
  loaded ??= (async () => {
    Object.assign(DOMPurify, {
      addHook: () => {},
      removeHook: () => {},
      removeHooks: () => {},
      removeAllHooks: () => {},
      sanitize: (text: string) => text,
    });
    return (await import('mermaid')).default;
  })();
  return loaded;
}

/** Parses `text` with mermaid and returns what its flowchart database holds; throws on a syntax error. */
export async function parseFlowchart(text: string): Promise<ParsedFlowchart> {
  const mermaid = await loadMermaid();
  // parse() registers mermaid's diagram types on first use and throws on a syntax error.
  await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db as unknown as {
    getVertices(): Map<string, FlowVertex>;
    getEdges(): FlowEdge[];
    getSubGraphs(): FlowSubGraph[];
  };
  return {
    type: diagram.type,
    vertices: db.getVertices(),
    edges: db.getEdges(),
    subGraphs: db.getSubGraphs(),
  };
}

const namedEntities: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>' };

/** A label as mermaid will show it: its entity placeholders decoded and `<br/>` as line breaks. */
export function shownText(stored: string): string {
  return stored
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/ﬂ°(\w+)¶ß/g, (whole, name: string) => namedEntities[name] ?? whole)
    .replace(/<br\/>/g, '\n');
}
