/** Compiles a topology file of the repository for graph and TUI tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileTopology } from '../../compiler/index.js';
import { flowGraphOf as graphOfCompiled } from '../../cli/graph/compiled-graph.js';
import type { FlowGraph } from '../../cli/graph/types.js';

export const repoRoot = join(import.meta.dirname, '..', '..');

/** Compiles `relativePath` (from the repository root) with an empty environment. */
export function compileFile(relativePath: string, text = readFileSync(join(repoRoot, relativePath), 'utf8')) {
  const result = compileTopology(relativePath, text, {});
  if (!result.model)
    throw new Error(`${relativePath} has no model: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return { ...result, model: result.model };
}

export function flowGraphOf(relativePath: string, text?: string): FlowGraph {
  return graphOfCompiled(compileFile(relativePath, text), {});
}
