/**
 * A hop: a group of nodes and a selector (x/hop). A hop that yields no node truncates the chain
 * (chain hop) or leaves the handler without a target (forwarder).
 *
 * Stable line (x v0.8.1): a multi-node hop whose nodes are all failed yields nothing. HEAD returns
 * the first node as a last resort instead.
 */

import type { Bypass } from '../filters.js';
import type { ChainNode } from './node.js';
import type { SelectContext, Selector } from './selector.js';

export class Hop {
  constructor(
    readonly name: string,
    readonly nodes: readonly ChainNode[],
    private readonly selector: Selector<ChainNode>,
    private readonly profile: 'stable' | 'head',
    /** A destination it contains makes the whole hop yield nothing. */
    private readonly bypass?: Bypass,
  ) {}

  /** `address` is the destination; hop and node bypasses match against it. */
  select(ctx: SelectContext = {}, address = ''): ChainNode | undefined {
    if (this.bypass?.contains(address)) return undefined;
    const nodes = this.nodes.filter((n) => !n.bypass?.contains(address));
    if (nodes.length === 0) return undefined;
    const chosen = this.selector.select(nodes, ctx);
    if (chosen || this.profile === 'stable') return chosen;
    return nodes[0];
  }
}
