/**
 * The flow graph of a compiled topology. Diagnostics about a host, app, network or expectation
 * point into the topology document, whose spans the compile result does not keep: the document is
 * read again (a YAML parse, no checking) to place them.
 */
import type { CompileResult, Env } from '../../compiler/index.js';
import type { Model } from '../../compiler/model/types.js';
import { loadTopologyText } from '../../compiler/topology/load.js';
import { buildFlowGraph } from './flow-graph.js';
import type { FlowGraph } from './types.js';

export function flowGraphOf(result: CompileResult & { model: Model }, env: Env): FlowGraph {
  const document = loadTopologyText(result.source.path, result.source.text, env).document;
  return buildFlowGraph(result.model, result.diagnostics, document?.valueSpans);
}
