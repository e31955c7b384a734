/**
 * Drawing a topology's flow graph. `flowGraphOf` (or `buildFlowGraph`) turns the compiled model and
 * its diagnostics into plain data (types.ts); the renderers are pure functions of that data:
 *
 *   model + diagnostics -> FlowGraph -> renderMermaid | renderDot | graphToJson   (topo graph)
 *                                    -> terminal/layers -> terminal/draw          (topo tui)
 */
export { flowGraphOf } from './compiled-graph.js';
export { renderDot } from './dot.js';
export { buildFlowGraph } from './flow-graph.js';
export { graphToJson } from './json.js';
export { renderMermaid } from './mermaid.js';
export type { FlowEdge, FlowGraph, FlowHost, FlowNetwork, FlowNode, PlacedDiagnostic } from './types.js';
